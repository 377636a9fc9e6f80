import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalize, diffValues } from '../src/index.js';

describe('canonicalize', () => {
  it('sorts keys at every depth, writes -0 as 0, drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [-0, 2], c: undefined, a: 'x' } })).toBe('{"a":{"a":"x","d":[0,2]},"b":1}');
  });

  it.each([
    [{ a: Number.NaN }, '/a', 'NaN'],
    [{ a: [1, Number.POSITIVE_INFINITY] }, '/a/1', 'Infinity'],
    [{ s: 'ok\uD800' }, '/s', 'lone surrogate'],
    [{ ['k\uDC00']: 1 }, '/k\uDC00', 'lone surrogate'],
    [{ f: () => 1 }, '/f', 'function'],
    [{ d: new Date(0) }, '/d', 'Date'],
    [[undefined], '/0', 'undefined'],
  ])('rejects %j at %s as DATA_QUALITY', (value, path, what) => {
    expect(() => canonicalize(value)).toThrowError(expect.objectContaining({ code: 'DATA_QUALITY', detail: expect.objectContaining({ path }) as unknown }) as Error);
    expect(() => canonicalize(value)).toThrowError(new RegExp(what));
  });

  it('rejects cycles', () => {
    const a: Record<string, unknown> = {};
    a['self'] = a;
    expect(() => canonicalize(a)).toThrowError(/cyclic/);
  });

  it('accepts well-formed surrogate pairs', () => {
    expect(canonicalJson({ e: '\u{1F600}' })).toBe('{"e":"\u{1F600}"}');
  });

  test.prop([fc.jsonValue()])('is idempotent and independent of key order', (value) => {
    const once = canonicalJson(value);
    expect(canonicalJson(JSON.parse(once))).toBe(once);
    const shuffled = JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v))) as unknown;
    expect(canonicalJson(shuffled)).toBe(once);
  });
});

describe('a __proto__ member is data, never a prototype', () => {
  it('keeps it, so two different values never canonicalize the same', () => {
    const a = JSON.parse('{"__proto__":{"x":1}}') as unknown;
    const b = JSON.parse('{"__proto__":{"x":999}}') as unknown;
    expect(canonicalJson(a)).toBe('{"__proto__":{"x":1}}');
    expect(canonicalJson(a)).not.toBe(canonicalJson(b));
    expect(diffValues(canonicalize(a), canonicalize(b))).toEqual([{ path: '/__proto__/x', kind: 'changed', left: '1', right: '999' }]);
    expect(Object.getPrototypeOf(canonicalize(a))).toBe(Object.prototype);
  });
});

// RFC 8785 (JSON Canonicalization Scheme): canonicalJson is its serialization. The value form differs
// only where the package README says (undefined members dropped; errors are DATA_QUALITY, not thrown strings).
describe('RFC 8785 (JCS) vectors', () => {
  const double = (hex: string): number => new DataView(new BigUint64Array([BigInt(`0x${hex}`)]).buffer).getFloat64(0, true);
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('number %s serializes as %s', (hex, want) => {
    expect(canonicalJson(double(hex))).toBe(want);
  });

  it.each([['7fffffffffffffff'], ['7ff0000000000000'], ['fff0000000000000']])('number %s (NaN, ±Infinity) is refused', (hex) => {
    expect(() => canonicalJson(double(hex))).toThrowError(expect.objectContaining({ code: 'DATA_QUALITY' }) as Error);
  });

  it('strings: escapes as JCS writes them', () => {
    expect(canonicalJson(JSON.parse('"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/"'))).toBe('"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"');
  });

  it('members sorted by UTF-16 code units', () => {
    const value = JSON.parse('{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}') as Record<string, string>;
    // The canonical *value* is a JavaScript object: its array-index key "1" enumerates first (README).
    expect(Object.keys(canonicalize(value) as object)[0]).toBe('1');
    expect(canonicalJson(value)).toBe('{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}');
  });

  it('the RFC example', () => {
    const input = '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}';
    expect(canonicalJson(JSON.parse(input))).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });
});
