import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { latencyCriterion } from '../../src/gates/criteria.js';
import { lowerRank, quantileBounds, upperRank, valueAtRankBelow } from '../../src/gates/quantile-bound.js';
import { emptyHistogram, type LatencyHistogram, valueAtRank, withSample } from '../../src/records/latency-histogram.js';

/** P(Bin(n, q) ≤ j) by direct summation (small n only), independent of the code under test. */
function directCdf(j: number, n: number, q: number): number {
  let s = 0;
  let lnC = 0;
  for (let i = 0; i <= j; i += 1) {
    if (i > 0) lnC += Math.log(n - i + 1) - Math.log(i);
    s += Math.exp(lnC + i * Math.log(q) + (n - i) * Math.log1p(-q));
  }
  return s;
}

const build = (xs: readonly number[]): LatencyHistogram => xs.reduce((h, x) => withSample(h, x), emptyHistogram());
const latency = fc.double({ min: -500, max: 500, noNaN: true });
const level = fc.constantFrom(0.8, 0.9, 0.95, 0.99);
const quantile = fc.constantFrom(0.5, 0.9, 0.95, 0.99);

describe('order-statistic ranks', () => {
  test.prop([fc.integer({ min: 1, max: 400 }), quantile, level])('the upper rank is the smallest with coverage ≥ c; the lower rank the largest', (n, q, c) => {
    const r = upperRank(n, q, c);
    if (r === null) expect(directCdf(n - 1, n, q)).toBeLessThan(c + 1e-12);
    else {
      expect(directCdf(r - 1, n, q)).toBeGreaterThanOrEqual(c - 1e-12);
      if (r > 1) expect(directCdf(r - 2, n, q)).toBeLessThan(c + 1e-12);
    }
    const s = lowerRank(n, q, c);
    if (s === null) expect(1 - directCdf(0, n, q)).toBeLessThan(c + 1e-12);
    else {
      expect(1 - directCdf(s - 1, n, q)).toBeGreaterThanOrEqual(c - 1e-12);
      if (s < n) expect(1 - directCdf(s, n, q)).toBeLessThan(c + 1e-12);
    }
  });

  it('needs 59 samples for a 95% bound on P95', () => {
    expect(upperRank(58, 0.95, 0.95)).toBeNull();
    expect(upperRank(59, 0.95, 0.95)).toBe(59);
    expect(upperRank(1000, 0.95, 0.95)).toBeGreaterThan(950);
    expect(upperRank(0, 0.95, 0.95)).toBeNull();
  });

  it('is quick for ten million samples', () => {
    const r = upperRank(10_000_000, 0.95, 0.95) as number;
    expect(r / 10_000_000).toBeGreaterThan(0.95);
    expect(r / 10_000_000).toBeLessThan(0.9502);
  });
});

describe('quantile bounds of a histogram', () => {
  test.prop([fc.array(latency, { minLength: 1, maxLength: 400 }), quantile, level])('lower ≤ the order statistics it reads ≤ upper, and lower ≤ estimate ≤ upper', (xs, q, c) => {
    const h = build(xs);
    const sorted = [...xs].sort((a, b) => a - b);
    const b = quantileBounds(h, q, c);
    const r = upperRank(xs.length, q, c);
    const s = lowerRank(xs.length, q, c);
    if (r !== null) {
      expect(b.upper).toBeGreaterThanOrEqual(sorted[r - 1] as number);
      expect(b.upper).toBeGreaterThanOrEqual(b.estimate as number);
    } else expect(b.upper).toBeNull();
    if (s !== null) {
      expect(b.lower).toBeLessThanOrEqual(sorted[s - 1] as number);
      expect(b.lower).toBeLessThanOrEqual(b.estimate as number);
    } else expect(b.lower).toBeNull();
  });

  test.prop([fc.array(latency, { minLength: 1, maxLength: 200 }), fc.nat()])('the lower read-out of a rank is never above the sample, the upper never below', (xs, seed) => {
    const h = build(xs);
    const sorted = [...xs].sort((a, b) => a - b);
    const rank = (seed % xs.length) + 1;
    expect(valueAtRankBelow(h, rank)).toBeLessThanOrEqual(sorted[rank - 1] as number);
    expect(valueAtRank(h, rank)).toBeGreaterThanOrEqual(sorted[rank - 1] as number);
  });

  test.prop([fc.array(fc.double({ min: 0, max: 30, noNaN: true }), { maxLength: 300 }), fc.integer({ min: 1, max: 500 })])('a latency verdict never passes with fewer samples than the minimum, nor with a P95 above the threshold', (xs, min) => {
    const criterion = latencyCriterion(build(xs), 0.95, 10, min, { confidence: 0.95, method: 'clopper-pearson' });
    if (xs.length < min) expect(criterion.verdict).toBe('inconclusive');
    if (criterion.verdict === 'pass') {
      expect(criterion.bound).toBeLessThanOrEqual(10);
      const sorted = [...xs].sort((a, b) => a - b);
      expect(sorted[Math.ceil(0.95 * xs.length) - 1]).toBeLessThanOrEqual(10);
    }
  });

  it('judges a clean, a slow and a small set of paired deltas', () => {
    const fast = build(Array.from({ length: 2000 }, (_, i) => (i % 100) / 20)); // 0..4.95 ms
    const slow = build(Array.from({ length: 2000 }, (_, i) => 5 + (i % 100) / 5)); // 5..24.8 ms
    const options = { confidence: 0.95, method: 'clopper-pearson' } as const;
    expect(latencyCriterion(fast, 0.95, 10, 100, options).verdict).toBe('pass');
    expect(latencyCriterion(slow, 0.95, 10, 100, options).verdict).toBe('fail');
    expect(latencyCriterion(build([1, 2, 3]), 0.95, 10, 1, options)).toMatchObject({ verdict: 'inconclusive', bound: null });
    expect(latencyCriterion(emptyHistogram(), 0.95, 10, 1, options)).toMatchObject({ verdict: 'inconclusive', value: null, note: 'no data' });
  });
});
