// UTF-8 encode/decode against TextEncoder/TextDecoder; trim/isBlank against String.prototype;
// compareUtf16 against the default sort order.
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { anyString, codeUnitChar } from './arbitraries.js';
import { type Harness, decodeUtf16, fcParams, loadHarness } from './host.js';

let h: Harness;
beforeAll(async () => {
  h = await loadHarness();
});

const params = fcParams();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encode = (s: string) => h.callUtf16('encodeUtf8', s).bytes;
const decode = (b: Uint8Array) => decodeUtf16(h.callBytes('decodeUtf8', b).bytes);

describe('utf8Encode === TextEncoder', () => {
  test.prop([fc.string({ unit: codeUnitChar, maxLength: 200 })], params)('any string, lone surrogates -> EF BF BD', (s) => {
    expect(Buffer.from(encode(s))).toEqual(Buffer.from(new TextEncoder().encode(s)));
  });

  it('every code unit alone, at the end and before a low surrogate', () => {
    for (let c = 0; c < 0x10000; c += 1) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `ab${ch}`, `${ch}\udc00x`]) {
        const got = encode(s);
        const want = new TextEncoder().encode(s);
        if (Buffer.compare(Buffer.from(got), Buffer.from(want)) !== 0) expect({ c, got }).toEqual({ c, got: want });
      }
    }
  });

  it('long mixed text takes the fast paths', () => {
    const s = 'ascii only text '.repeat(1000) + 'é€😀\ud800'.repeat(500) + 'tail';
    expect(Buffer.from(encode(s))).toEqual(Buffer.from(new TextEncoder().encode(s)));
  });
});

describe('utf8Decode === TextDecoder (ignoreBOM)', () => {
  const interesting = fc.constantFrom(0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90);
  test.prop([fc.array(fc.oneof(interesting, fc.integer({ min: 0, max: 255 })), { maxLength: 40 })], params)('arbitrary bytes', (bytes) => {
    const b = Uint8Array.from(bytes);
    expect(decode(b)).toBe(decoder.decode(b));
  });

  test.prop([anyString], params)('round trip of encoded strings', (s) => {
    const b = new TextEncoder().encode(s);
    expect(decode(b)).toBe(decoder.decode(b));
  });

  it('keeps a BOM; long ASCII runs', () => {
    const b = Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, ...new TextEncoder().encode('x'.repeat(100) + 'é' + 'y'.repeat(13))]);
    expect(decode(b)).toBe(decoder.decode(b));
  });
});

describe('jsTrim family === String.prototype', () => {
  it('every code unit, alone and around text', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const s = `${ch}${ch}x${ch}y${ch}`;
      const got = [h.stringOp(0, s), h.stringOp(1, s), h.stringOp(2, s), h.stringOp(3, ch)];
      const want = [s.trim(), s.trimStart(), s.trimEnd(), ch.trim() === '' ? '1' : '0'];
      if (got.join('\u0000') !== want.join('\u0000')) expect({ c, got }).toEqual({ c, got: want });
    }
  });

  const ws = fc.constantFrom(' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0085', '\u180e', '\u200b');
  test.prop([fc.string({ unit: fc.oneof(ws, codeUnitChar), maxLength: 30 })], params)('random strings heavy in whitespace', (s) => {
    expect([h.stringOp(0, s), h.stringOp(1, s), h.stringOp(2, s), h.stringOp(3, s)]).toEqual([s.trim(), s.trimStart(), s.trimEnd(), s.trim() === '' ? '1' : '0']);
  });
});

describe('compareUtf16 === default sort order', () => {
  test.prop([fc.array(fc.string({ unit: codeUnitChar, maxLength: 6 }).filter((s) => !s.includes('\n')), { maxLength: 30 })], params)('sorting', (xs) => {
    const got = decodeUtf16(h.callUtf16('sortLines', xs.join('\n')).bytes);
    expect(got).toBe([...xs].sort().join('\n'));
  });
});

describe('jsStartsWith / jsEndsWith === String.prototype', () => {
  const position = fc.oneof(fc.integer({ min: -3, max: 12 }), fc.constantFrom(2 ** 31 - 1));
  test.prop([fc.string({ unit: codeUnitChar, maxLength: 8 }), fc.string({ unit: codeUnitChar, maxLength: 4 }), position], params)(
    'with and without a position',
    (s, affix, at) => {
      const run = (which: number, pos: number) => h.callUtf16Number('affixOp', s + affix, [which], [s.length, pos]) === 1;
      expect(run(0, 0)).toBe(s.startsWith(affix));
      expect(run(0, at)).toBe(s.startsWith(affix, at));
      expect(run(1, 2 ** 31 - 1)).toBe(s.endsWith(affix));
      expect(run(1, at)).toBe(s.endsWith(affix, at));
    },
  );

  it('prefix and suffix of itself', () => {
    const cases: Array<[string, string]> = [['abc', 'ab'], ['abc', 'bc'], ['abc', ''], ['', ''], ['a\ud800', '\ud800']];
    for (const [s, a] of cases) {
      expect(h.callUtf16Number('affixOp', s + a, [0], [s.length, 0]) === 1).toBe(s.startsWith(a));
      expect(h.callUtf16Number('affixOp', s + a, [1], [s.length, 2 ** 31 - 1]) === 1).toBe(s.endsWith(a));
    }
  });
});
