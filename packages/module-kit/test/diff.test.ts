import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { diffValues } from '../src/index.js';

describe('diffValues', () => {
  it('reports added, removed, changed and type differences by JSON pointer', () => {
    expect(diffValues({ a: 1, b: 'x', c: [1, 2], e: { 'x/y': 1 } }, { a: 2, b: 3, c: [1], d: true, e: { 'x/y': 2 } })).toEqual([
      { path: '/a', kind: 'changed', left: '1', right: '2' },
      { path: '/b', kind: 'type', left: '"x"', right: '3' },
      { path: '/c/1', kind: 'removed', left: '2' },
      { path: '/d', kind: 'added', right: 'true' },
      { path: '/e/x~1y', kind: 'changed', left: '1', right: '2' },
    ]);
  });

  it('applies ignore, epsilon, unordered and string normalization hooks', () => {
    const left = { id: 'a', f: 0.1 + 0.2, set: [1, 2, 3], s: ' Hi ' };
    const right = { id: 'b', f: 0.3, set: [3, 1, 2], s: 'hi' };
    expect(diffValues(left, right)).toHaveLength(6); // id, f, three positions of set, s
    expect(diffValues(left, right, {
      ignore: (p) => p === '/id',
      floatEpsilon: 1e-9,
      unordered: (p) => p === '/set',
      normalizeString: (_p, s) => s.trim().toLowerCase(),
    })).toEqual([]);
    expect(diffValues({ set: [1, 1, 2] }, { set: [1, 2, 2] }, { unordered: () => true })).toEqual([
      { path: '/set/*', kind: 'removed', left: '1' },
      { path: '/set/*', kind: 'added', right: '2' },
    ]);
  });

  it('keeps the summary minimal: bounded entries and truncated previews', () => {
    const a = Array.from({ length: 500 }, (_, i) => i);
    expect(diffValues(a, a.map((x) => x + 1), { maxEntries: 10 })).toHaveLength(10);
    const [entry] = diffValues({ s: 'x'.repeat(1000) }, { s: 'y' });
    expect(entry?.left?.length).toBeLessThan(120);
  });

  test.prop([fc.jsonValue()])('finds no difference between a value and its copy', (v) => {
    expect(diffValues(v, structuredClone(v))).toEqual([]);
  });

  test.prop([fc.jsonValue(), fc.jsonValue()])('is empty exactly when the canonical JSON is equal', (a, b) => {
    const same = JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
    expect(diffValues(a, b).length === 0).toBe(same);
  });
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return Object.is(v, -0) ? 0 : v;
}
