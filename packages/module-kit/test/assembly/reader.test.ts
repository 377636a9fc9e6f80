// JsonReader (tape) + JsonWriter.node against V8's JSON.stringify(JSON.parse(text)), and the reader's
// lookups against JavaScript property access on the parsed value.
import { fc, test } from '@fast-check/vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { corpusDir } from '../../src/corpus.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { anyJsonValue, anyString, jsonText, mutatedJsonText, propertyKey } from './arbitraries.js';
import { type Harness, type ParseOutcome, fcParams, fromUtf8, loadHarness, readerLookup, readerRoundtrip, utf8, v8Roundtrip } from './host.js';

let h: Harness;
beforeAll(async () => {
  h = await loadHarness();
});

const params = fcParams();
const accepted = (o: ParseOutcome) => (o.ok ? { ok: true, json: o.json } : { ok: false });

function expectLikeV8(text: string): void {
  const bytes = utf8(text);
  expect(accepted(readerRoundtrip(h, bytes))).toEqual(accepted(v8Roundtrip(fromUtf8(bytes))));
}

describe('JsonWriter.node(JsonReader.parse(text)) === JSON.stringify(JSON.parse(text))', () => {
  test.prop([anyJsonValue], params)('fc.jsonValue with any code units', (v) => {
    const text = JSON.stringify(v);
    expect(readerRoundtrip(h, utf8(text))).toEqual({ ok: true, json: text });
  });

  test.prop([anyString], params)('strings with lone surrogates and controls', (s) => {
    const text = JSON.stringify(s);
    expect(readerRoundtrip(h, utf8(text))).toEqual({ ok: true, json: text });
  });

  test.prop([jsonText], params)('hand-built texts: whitespace, escapes, integer-like and duplicate keys', expectLikeV8);

  test.prop([fc.array(fc.tuple(propertyKey, fc.integer()), { maxLength: 40 })], params)('objects with repeated and index-like keys keep JSON.parse order', (pairs) => {
    const text = `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
    expect(readerRoundtrip(h, utf8(text))).toEqual(v8Roundtrip(text));
  });

  test.prop([mutatedJsonText], { ...params, numRuns: params.numRuns * 3 })('mutated texts agree on accept/reject and value', expectLikeV8);

  it('edge texts', () => {
    const texts = [
      '', ' ', 'null', 'nul', 'true', 'truex', 'false', 'fals', 'NaN', '-', '01', '-0', '0.', '1e', '1E5', '[1,]', '[,1]', '{"a"}', '{"a":1,}', "{'a':1}",
      '"abc', '"\\x"', '"\\u12G4"', '"\\uD800"', '"\\udc00\\ud800"', '"\\ud83d\\ude00"', '"\\ud83d\\u0041"', '"\t"', '"\\/"', '[1]]', '{"":1,"":2}',
      '[1e400, -1e400, 1e-400, -0.0, 123456789012345, 1234567890123456, 0.1, 5e-324]', '{"b":1,"a":2,"b":3}', '{"1":1,"0":0,"a":2,"01":3}',
      '{"\\u0061":1,"a":2}', '{"__proto__":{"x":1}}', ' [ 1 , { "a" : [ ] } ] ', '"\\u2028\\u2029\\u007f\\u0000\\u001f"',
    ];
    for (const t of texts) expectLikeV8(t);
  });

  it('invalid UTF-8 inside strings is an error, never a decoded replacement', () => {
    for (const c of [[0x80], [0xc0, 0x80], [0xc2], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xff], [0xe2, 0x82]]) {
      const out = readerRoundtrip(h, Uint8Array.from([0x22, 0x61, ...c, 0x62, 0x22]));
      expect(out).toMatchObject({ ok: false, message: 'Invalid UTF-8 in JSON string', offset: 2 });
    }
    expect(readerRoundtrip(h, Uint8Array.from([0x22, 0xef, 0xbf, 0xbd, 0x22]))).toEqual({ ok: true, json: '"\ufffd"' });
  });

  it('nesting up to the limit works, beyond it is an error', () => {
    const deep = (d: number) => '['.repeat(d) + ']'.repeat(d);
    expect(readerRoundtrip(h, utf8(deep(100000)))).toEqual({ ok: true, json: deep(100000) });
    expect(readerRoundtrip(h, utf8(deep(4)), 3)).toMatchObject({ ok: false, offset: 3 });
    const reorderDeep = '{"1":'.repeat(5000) + '0' + '}'.repeat(5000);
    expect(readerRoundtrip(h, utf8(reorderDeep))).toEqual({ ok: true, json: reorderDeep });
  });
});

describe('lookups', () => {
  const pathArb = (v: unknown): fc.Arbitrary<(string | number)[]> => {
    if (Array.isArray(v)) return v.length === 0 ? fc.constant<(string | number)[]>([]) : fc.oneof(fc.constant<(string | number)[]>([]), fc.nat({ max: v.length - 1 }).chain((i) => pathArb(v[i]).map((rest) => [i, ...rest])));
    if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v);
      return fc.oneof(fc.constant<(string | number)[]>([]), fc.constant<(string | number)[]>(['missing-key']), ...(keys.length ? [fc.constantFrom(...keys).chain((k) => pathArb((v as Record<string, unknown>)[k]).map((rest) => [k, ...rest]))] : []));
    }
    return fc.constant<(string | number)[]>([]);
  };

  test.prop([anyJsonValue.chain((v) => fc.tuple(fc.constant(v), pathArb(v)))], params)('get/at, string, number, bool and size read what JavaScript reads', ([v, path]) => {
    const text = JSON.stringify(v);
    let expected: unknown = JSON.parse(text);
    for (const step of path) expected = expected === undefined ? undefined : (expected as Record<string, unknown>)[step];
    const found = readerLookup(h, text, path);
    if (expected === undefined) {
      expect(found).toBeNull();
      return;
    }
    const kind = expected === null ? 0 : typeof expected === 'boolean' ? 1 : typeof expected === 'number' ? 2 : typeof expected === 'string' ? 3 : Array.isArray(expected) ? 4 : 5;
    const size = kind === 4 ? (expected as unknown[]).length : kind === 5 ? Object.keys(expected as object).length : 0;
    expect(found).toEqual([kind, expected, size, true]);
  });

  it('the last of repeated keys wins, escaped keys are found by their value', () => {
    expect(readerLookup(h, '{"a":1,"a":2}', ['a'])).toEqual([2, 2, 0, true]);
    expect(readerLookup(h, '{"\\u0061b":"x\\ny"}', ['ab'])).toEqual([3, 'x\ny', 0, true]);
  });
});

describe('corpus', () => {
  it('every captured line round-trips exactly like V8', () => {
    const dir = corpusDir();
    let lines = 0;
    for (const f of readdirSync(dir).filter((name) => name.endsWith('.jsonl'))) {
      for (const line of readFileSync(`${dir}/${f}`, 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        lines++;
        expect(readerRoundtrip(h, utf8(line))).toEqual({ ok: true, json: JSON.stringify(JSON.parse(line)) });
      }
    }
    expect(lines).toBeGreaterThan(500);
  });
});
