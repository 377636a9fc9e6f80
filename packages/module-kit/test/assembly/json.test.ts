// parse / stringify against V8's JSON.parse / JSON.stringify, through both entry points:
// parse(string) + stringify (UTF-16) and parseUtf8 + stringifyUtf8 (the ABI path).
import { fc, test } from '@fast-check/vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '../../src/corpus.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { anyJsonValue, anyString, jsonText, mutatedJsonText } from './arbitraries.js';
import { type Harness, type ParseOutcome, fcParams, fromUtf8, loadHarness, roundtripBytes, roundtripString, utf8, v8Roundtrip } from './host.js';

let h: Harness;
beforeAll(async () => {
  h = await loadHarness();
});

const params = fcParams();

/** Accept/reject and the value must agree with V8 (messages are compared in json-errors). */
const accepted = (o: ParseOutcome) => (o.ok ? { ok: true, json: o.json } : { ok: false });

function expectLikeV8(text: string): void {
  expect(accepted(roundtripString(h, text))).toEqual(accepted(v8Roundtrip(text)));
  const bytes = utf8(text);
  expect(accepted(roundtripBytes(h, bytes))).toEqual(accepted(v8Roundtrip(fromUtf8(bytes))));
}

describe('stringify(parse(JSON.stringify(v))) === JSON.stringify(v)', () => {
  test.prop([anyJsonValue], params)('fc.jsonValue with any code units', (v) => {
    const text = JSON.stringify(v);
    expect(roundtripString(h, text)).toEqual({ ok: true, json: text });
    expect(roundtripBytes(h, utf8(text))).toEqual({ ok: true, json: text });
  });

  test.prop([anyString], params)('strings with lone surrogates and controls', (s) => {
    const text = JSON.stringify(s);
    expect(roundtripString(h, text)).toEqual({ ok: true, json: text });
    expect(roundtripBytes(h, utf8(text))).toEqual({ ok: true, json: text });
    expect(h.stringOp(4, s)).toBe(text); // quoteJsonString
  });

  test.prop([jsonText], params)('hand-built texts: whitespace, escapes, integer-like and duplicate keys', expectLikeV8);

  test.prop([fc.array(fc.tuple(fc.constantFrom('1', '0', 'a', '4294967294', '4294967295', '01', 'b', '2'), fc.integer()), { maxLength: 12 })], params)(
    'duplicate keys: last value wins at the first position, indices first',
    (pairs) => {
      const text = `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
      expect(roundtripString(h, text)).toEqual(v8Roundtrip(text));
    },
  );
});

describe('parse accepts exactly what JSON.parse accepts', () => {
  test.prop([mutatedJsonText], { ...params, numRuns: params.numRuns * 3 })('mutated texts agree on accept/reject and value', expectLikeV8);

  it('edge texts', () => {
    const texts = [
      '', ' ', '\t\n\r ', '\u00a0 1', '\ufeff1', '\u20281', '1\u2028', 'null', 'nul', 'nulx', 'true', 'tru', 'truex', 'false', 'falsy', 'NaN', 'Infinity',
      '-Infinity', '+1', '-', '-a', '01', '-01', '00', '0', '-0', '0.', '.5', '1.', '1.e3', '1e', '1e+', '1e-', '1E5', '0x10', '1_000', '1 2', '[1,]',
      '[,1]', '[1,,2]', '[', ']', '[]', '[ ]', '{}', '{ }', '{', '}', '{"a"}', '{"a":}', '{"a":1,}', '{,}', '{"a" 1}', '{"a":1 "b":2}', "{'a':1}",
      '{a:1}', '{1:1}', '"abc', '"\\"', '"\\x"', '"\\u12"', '"\\u12G4"', '"\\uD800"', '"\\udc00\\ud800"', '"\\ud83d\\ude00"', '"\t"', '"\u0000"',
      '"\u001f"', '"\u007f"', '"\u2028"', '"\ud800"', '"\\/"', '"\\\'"', '"\\a"', '"a\\', '"\\u', '[1]]', '{"a":1}}', '/* c */ 1', '1 // c',
      '[1e400, -1e400, 1e-400, -0.0]', '{"__proto__": 1, "a": {"__proto__": null}}', '{"":1,"":2}', '[[[[[]]]]]', '{"a":[{"b":[{}]}]}',
      '\u0000', ' "a" ', '"a" "b"', 'truefalse', '[true false]', '123abc', '1.5.5', '1e5.5', '--1', '-.5', '2.', '1e0001', '-0e-0',
    ];
    for (const t of texts) expectLikeV8(t);
  });

  it('invalid UTF-8 inside and outside strings decodes like TextDecoder', () => {
    const chunks = [[0x80], [0xc0, 0x80], [0xc2], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xff], [0xe2, 0x82], [0xf0, 0x9f, 0x98]];
    for (const c of chunks) {
      for (const bytes of [Uint8Array.from([0x22, ...c, 0x22]), Uint8Array.from([0x22, 0x61, ...c, 0x62, 0x22]), Uint8Array.from([0x5b, ...c, 0x5d]), Uint8Array.from([0x22, ...c])]) {
        expect(accepted(roundtripBytes(h, bytes))).toEqual(accepted(v8Roundtrip(fromUtf8(bytes))));
      }
    }
  });
});

describe('nesting', () => {
  const deepArray = (d: number) => '['.repeat(d) + ']'.repeat(d);
  const deepObject = (d: number) => '{"a":'.repeat(d - 1) + '{}' + '}'.repeat(d - 1);

  it('parses and writes back 100,000 levels (the default limit), beyond what JSON.stringify manages', () => {
    for (const text of [deepArray(100000), deepObject(100000)]) {
      expect(roundtripString(h, text)).toEqual({ ok: true, json: text });
      expect(roundtripBytes(h, utf8(text))).toEqual({ ok: true, json: text });
    }
    expect(() => JSON.parse(deepArray(100001))).not.toThrow(); // V8 parses deeper; our limit is documented
  });

  it('reports the limit as an error, never a trap', () => {
    expect(roundtripString(h, deepArray(100001))).toEqual({ ok: false, message: 'Maximum nesting depth exceeded', offset: 100000 });
    expect(roundtripBytes(h, utf8(`[${deepObject(3)}]`), 3)).toEqual({ ok: false, message: 'Maximum nesting depth exceeded', offset: 11 });
    expect(roundtripBytes(h, utf8(`[${deepObject(2)}]`), 3)).toEqual({ ok: true, json: `[${deepObject(2)}]` });
  });
});

describe('corpus', () => {
  it('every captured line round-trips exactly like V8', () => {
    const dir = corpusDir(); // fails loudly when ../shared/corpus is missing: CI always has it
    const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
    expect(files.length).toBeGreaterThan(0);
    let lines = 0;
    for (const f of files) {
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        lines++;
        const want = JSON.stringify(JSON.parse(line));
        expect(roundtripString(h, line)).toEqual({ ok: true, json: want });
        expect(roundtripBytes(h, utf8(line))).toEqual({ ok: true, json: want });
      }
    }
    expect(lines).toBeGreaterThan(500);
  });
});
