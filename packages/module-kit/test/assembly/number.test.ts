// numberToJsString / JSON.stringify(number) and JSON number parsing against V8.
import { fc, test } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Harness, decodeUtf16, fcParams, fromUtf8, loadHarness } from './host.js';
import { craftedDoubles, fromBits, jsStrings, parseNumbersUtf16, parseNumbersUtf8, upperHalfway } from './numbers.js';
import { Q_MAX, Q_MIN, render } from './pow5-table.mjs';

let h: Harness;
beforeAll(async () => {
  h = await loadHarness();
});

const params = fcParams();

/** Any double, weighted towards the interesting ones. */
const anyDouble = fc.oneof(
  fc.double(),
  fc.double({ min: -1e25, max: 1e25 }),
  fc.double({ min: -1e-300, max: 1e-300 }),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map(fromBits),
  fc.integer({ min: -(2 ** 20), max: 2 ** 20 }).map((k) => 2 ** 53 + k),
  fc.tuple(fc.integer({ min: 1, max: 99999999 }), fc.integer({ min: -30, max: 30 })).map(([m, e]) => m * 10 ** e),
);

describe('numberToJsString(x) === String(x)', () => {
  it('crafted doubles: powers of ten and two and their neighbours, subnormals, 2^53, 1e21', () => {
    const xs = craftedDoubles();
    const got = jsStrings(h, xs);
    const bad = xs.map((x, i) => [x, got[i], String(x)] as const).filter(([, g, w]) => g !== w);
    expect(bad.slice(0, 10)).toEqual([]);
    expect(xs.length).toBeGreaterThan(10000);
  });

  test.prop([fc.array(anyDouble, { minLength: 1, maxLength: 200, size: 'max' })], params)('random doubles (batches)', (xs) => {
    expect(jsStrings(h, xs)).toEqual(xs.map(String));
  });

  test.prop([fc.array(anyDouble, { minLength: 1, maxLength: 50, size: 'max' })], params)('JSON.stringify(number) on the UTF-8 path', (xs) => {
    const got = fromUtf8(h.callDoubles('jsonNumberBatch', xs).bytes).split('\n');
    expect(got).toEqual(xs.map((x) => JSON.stringify(x)));
  });
});

/** A JSON number text: sign, integer part, optional fraction, optional exponent. */
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const jsonNumberText = fc
  .record({
    neg: fc.boolean(),
    int: fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom(...'123456789'), digits(0, 25)).map(([a, b]) => a + b)),
    frac: fc.option(digits(1, 30), { nil: undefined }),
    exp: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 400 })), { nil: undefined }),
  })
  .map(({ neg, int, frac, exp }) => `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}${exp === undefined ? '' : exp[0] + exp[1] + exp[2]}`);

/** 17 to 19 significant digits with an exponent putting the value anywhere in range. */
const longSignificand = fc
  .tuple(fc.constantFrom(...'123456789'), digits(16, 18), fc.integer({ min: -345, max: 310 }))
  .map(([a, b, e]) => `${a}${b}e${e}`);

/** Exact halfway points between adjacent doubles, and their neighbours one digit away. */
const halfwayText = fc
  .tuple(fc.oneof(fc.bigInt({ min: 0n, max: 0x7fefffffffffffffn }).map(fromBits), fc.double({ min: 0, max: 1e20, noNaN: true })), fc.constantFrom('', 'below', 'above'))
  .map(([x, nudge]) => {
    const h = upperHalfway(x);
    const [m, e] = h.split('e') as [string, string | undefined];
    if (nudge === '') return h;
    const exp = e === undefined ? 0 : Number(e);
    // 20 extra digits: "...d9999..." just below, "...d0000...1" just above.
    const mm = nudge === 'above' ? `${m}${'0'.repeat(19)}1` : `${(BigInt(m) - 1n).toString()}${'9'.repeat(20)}`;
    return `${mm}e${exp - 20}`;
  });

describe('JSON number parsing === Number(text)', () => {
  const check = (texts: string[]) => {
    const want = texts.map(Number);
    const a = Array.from(parseNumbersUtf8(h, texts));
    const b = Array.from(parseNumbersUtf16(h, texts));
    for (let i = 0; i < texts.length; i++) {
      if (!Object.is(a[i], want[i]) || !Object.is(b[i], want[i])) {
        expect({ text: texts[i], utf8: a[i], utf16: b[i] }).toEqual({ text: texts[i], utf8: want[i], utf16: want[i] });
      }
    }
  };

  it('crafted texts', () => {
    check([
      '0', '-0', '0.0', '-0.0e5', '0e-99999', '1e400', '-1e400', '1e-400', '0.1', '2.2250738585072011e-308',
      '2.2250738585072012e-308', '9007199254740993', '9007199254740993.0000000000001', '4.9406564584124654e-324',
      '2.4703282292062327e-324', '2.4703282292062328e-324', '2.47032822920623272088e-324', '1.7976931348623157e308',
      '1.7976931348623158e308', '1.7976931348623159e308', '179769313486231580793728971405301e276', '1e23', '8.98846567431158e307',
      '123456789012345678901234567890', '0.000000000000000000000000000001', '1' + '0'.repeat(400) + 'e-400',
      '0.' + '0'.repeat(400) + '1e400', '7.2057594037927933e16', '1e-324', '3e-324', '1e308', '1E+308', '1e-5', '100e-2',
      '12345678901234567890e-20', '99999999999999999999999999999999999999999999999999e-50', '1e1000000000000', '1e-1000000000000',
      '2' + '0'.repeat(800) + '1e-800', '2' + '0'.repeat(2000) + '1e-2001',
    ]);
  });

  test.prop([fc.array(jsonNumberText, { minLength: 1, maxLength: 50, size: 'max' })], params)('arbitrary JSON number texts', check);
  test.prop([fc.array(longSignificand, { minLength: 1, maxLength: 50, size: 'max' })], params)('17-19 significant digits', check);
  test.prop([fc.array(halfwayText, { minLength: 1, maxLength: 20, size: 'max' })], params)('halfway cases and their neighbours', check);

  test.prop([fc.array(fc.string({ unit: fc.constantFrom(...'0123456789-+.eE x'), maxLength: 8 }), { minLength: 1, maxLength: 30 })], params)(
    'parseJsonNumber rejects non-JSON numbers with NaN',
    (texts) => {
      const clean = texts.filter((t) => !t.includes('\n'));
      const got = Array.from(parseNumbersUtf16(h, clean));
      const valid = (t: string) => /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(t);
      expect(got.map((x, i) => (Number.isNaN(x) ? 'NaN' : Object.is(x, Number(clean[i])) ? 'ok' : `${x}`))).toEqual(
        clean.map((t) => (valid(t) ? 'ok' : 'NaN')),
      );
    },
  );
});

describe('why the library has its own number code', () => {
  it('the AssemblyScript builtins are not JavaScript-exact', () => {
    const toStr = decodeUtf16(h.callDoubles('builtinToStringBatch', [1, 1e21, -1.2650372901521325e-146]).bytes).split('\n');
    expect(toStr).not.toEqual(['1', '1e+21', '-1.2650372901521325e-146']);
    const halfway = upperHalfway(2 ** 53);
    const rec = h.callUtf16('builtinParseFloatLines', `${halfway}\n2.2250738585072011e-308`);
    const got = Array.from(new Float64Array(rec.bytes.buffer, rec.bytes.byteOffset, 2));
    expect(got).not.toEqual([Number(halfway), 2.2250738585072011e-308]);
  });
});

describe('pow5 table', () => {
  it('assembly/number/pow5-table.ts is what the generator produces', () => {
    const file = new URL('../../assembly/number/pow5-table.ts', import.meta.url);
    expect(readFileSync(file, 'utf8')).toBe(render());
  });

  it('the integer log approximations hold over the ranges used', () => {
    const floorLog10 = (n: bigint) => n.toString().length - 1;
    for (let e = 0; e <= 1100; e++) {
      expect((e * 78913) >> 18).toBe(floorLog10(2n ** BigInt(e)));
      expect((e * 732923) >> 20).toBe(floorLog10(5n ** BigInt(e)));
    }
    expect(Q_MIN).toBe(-342);
    expect(Q_MAX).toBeGreaterThanOrEqual(326);
  });
});
