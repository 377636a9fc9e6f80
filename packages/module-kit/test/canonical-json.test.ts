import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalize } from '../src/index.js';

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
