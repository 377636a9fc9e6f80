import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { findNonJson } from '../src/internal/validator.js';

// The boundary's scan for what JSON cannot carry. It runs on every call's input and output on the
// caller's thread, so it walks containers, not values; these tests hold it to a plain recursive
// statement of the rule: the first offending value in document order, named by its JSON pointer.

const pointer = (key: string): string => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** The rule, stated recursively (fine for the small values generated here). */
function reference(value: unknown, maxDepth: number, path = '', depth = 0, onPath = new Set<object>()): { path: string; what: string } | null {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : { path, what: `number ${String(value)}` };
    case 'object': {
      if (value === null) return null;
      if (onPath.has(value)) return { path, what: 'a cycle' };
      if (depth >= maxDepth) return { path, what: `nesting deeper than ${maxDepth} levels` };
      onPath.add(value);
      const entries: [string, unknown][] = Array.isArray(value) ? Array.from({ length: value.length }, (_, i) => [String(i), (value as unknown[])[i]]) : Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
      for (const [key, item] of entries) {
        if (item === undefined && !Array.isArray(value)) continue;
        const found = reference(item, maxDepth, path + pointer(key), depth + 1, onPath);
        if (found !== null) return found;
      }
      onPath.delete(value);
      return null;
    }
    default:
      return { path, what: typeof value };
  }
}

const oddScalar = fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, undefined, 10n, () => 1, Symbol('s'));
const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('a/b', '~x', '~1', '', '0'));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.jsonValue({ maxDepth: 1 }), oddScalar, tie('array'), tie('object')),
  array: fc.array(tie('tree'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
}));

/** Makes some containers point back at an ancestor (a cycle) or at a sibling already seen (shared, not a cycle). */
function tie(value: unknown, picks: readonly number[]): unknown {
  const seen: object[] = [];
  let p = 0;
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    seen.push(v);
    for (const k of Object.keys(v)) visit((v as Record<string, unknown>)[k]);
    const pick = picks[p++ % Math.max(1, picks.length)] ?? 0;
    if (pick % 5 === 0 && seen.length > 0) {
      const target = seen[pick % seen.length] as object;
      if (Array.isArray(v)) v.push(target);
      else (v as Record<string, unknown>)[`t${p}`] = target;
    }
  };
  visit(value);
  return value;
}

describe('findNonJson', () => {
  test.prop([tree, fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 0, max: 6 }), fc.constantFrom('', '/in')])(
    'finds what the recursive rule finds, at the same pointer (cycles, shared values and depth limits included)',
    (value, picks, maxDepth, prefix) => {
      const v = tie(value, picks);
      expect(findNonJson(v, prefix, maxDepth)).toEqual(reference(v, maxDepth, prefix));
    },
  );

  it('names the first offending value in document order, with escaped pointers', () => {
    expect(findNonJson({ ok: [1, 'x'], 'a/b': { '~k': [0, Number.NaN] }, later: undefined, z: 1n })).toEqual({ path: '/a~1b/~0k/1', what: 'number NaN' });
    expect(findNonJson([1, undefined])).toEqual({ path: '/1', what: 'undefined' });
    expect(findNonJson({ skipped: undefined })).toBeNull();
    expect(findNonJson(Number.POSITIVE_INFINITY, '/x')).toEqual({ path: '/x', what: 'number Infinity' });
  });

  it('reports a hole in an array as undefined, a shared value as no cycle, a real cycle as one', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(findNonJson([1, , 3])).toEqual({ path: '/1', what: 'undefined' });
    const shared = { v: 1 };
    expect(findNonJson({ a: shared, b: [shared] })).toBeNull();
    const loop: Record<string, unknown> = { a: { b: {} } };
    ((loop['a'] as Record<string, unknown>)['b'] as Record<string, unknown>)['back'] = loop;
    expect(findNonJson(loop)).toEqual({ path: '/a/b/back', what: 'a cycle' });
  });

  it('checks any depth without recursion, and refuses what is nested deeper than the limit', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(findNonJson(deep, '', 200_000)).toBeNull();
    const found = findNonJson(deep);
    expect(found?.what).toBe('nesting deeper than 2048 levels');
    expect(found?.path).toBe('/0'.repeat(2048));
  });
});
