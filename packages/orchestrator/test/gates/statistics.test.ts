import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { binomialCdf, binomialPmf, binomialSf } from '../../src/gates/binomial.js';
import { rateCriterion } from '../../src/gates/criteria.js';
import { clopperPearsonLower, clopperPearsonUpper, normalCdf, normalQuantile, rateBounds, wilsonBounds } from '../../src/gates/statistics.js';

/** ln C(n, k) by summing logs: slow, independent of the code under test. */
function lnChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i += 1) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** P(X ≤ k) by summing every term directly (small n only). */
function directCdf(k: number, n: number, p: number): number {
  let s = 0;
  for (let i = 0; i <= k; i += 1) s += Math.exp(lnChoose(n, i) + (i === 0 ? 0 : i * Math.log(p)) + (n - i === 0 ? 0 : (n - i) * Math.log1p(-p)));
  return Math.min(1, s);
}

const confidence = fc.constantFrom(0.8, 0.9, 0.95, 0.99, 0.999);
const method = fc.constantFrom('clopper-pearson' as const, 'wilson' as const);
/** k ≤ n, n up to 10^7 (k kept modest so the exact sums stay quick). */
const counts = fc.integer({ min: 0, max: 10_000_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: Math.min(n, 20_000) }), fc.constant(n)));

describe('binomial distribution', () => {
  test.prop([fc.integer({ min: 1, max: 120 }), fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), fc.nat()])('the CDF and tails equal the direct sums (n ≤ 120)', (n, p, seed) => {
    const k = seed % (n + 1);
    const direct = directCdf(k, n, p);
    expect(binomialCdf(k, n, p)).toBeCloseTo(direct, 12);
    expect(binomialSf(k + 1, n, p)).toBeCloseTo(1 - direct, 12);
    const pmf = Math.exp(lnChoose(n, k) + (k === 0 ? 0 : k * Math.log(p)) + (n - k === 0 ? 0 : (n - k) * Math.log1p(-p)));
    if (pmf > 1e-300) expect(Math.abs(binomialPmf(k, n, p) - pmf) / pmf).toBeLessThan(1e-9);
  });

  it('knows its edges', () => {
    expect(binomialCdf(-1, 10, 0.5)).toBe(0);
    expect(binomialCdf(10, 10, 0.5)).toBe(1);
    expect(binomialCdf(0, 10, 0)).toBe(1);
    expect(binomialSf(0, 10, 0.3)).toBe(1);
    expect(binomialSf(11, 10, 0.3)).toBe(0);
    expect(binomialCdf(3, 10, 0.3)).toBeCloseTo(0.6496107184, 10);
  });
});

describe('normal distribution', () => {
  it('has the textbook quantiles', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263478740408408, 12);
    expect(normalCdf(0)).toBe(0.5);
    expect(() => normalQuantile(0.2)).toThrow(RangeError);
  });
});

describe('Clopper-Pearson bounds', () => {
  it('has the textbook values', () => {
    // The two-sided 90% interval of 5/10 is [0.2224, 0.7776]: the one-sided 95% bounds.
    expect(clopperPearsonLower(5, 10, 0.95)).toBeCloseTo(0.22244110, 7);
    expect(clopperPearsonUpper(5, 10, 0.95)).toBeCloseTo(0.77755890, 7);
    // No events in n: 1 - α^(1/n) (the "rule of three" for large n).
    expect(clopperPearsonUpper(0, 10, 0.95)).toBeCloseTo(1 - 0.05 ** 0.1, 12);
    expect(clopperPearsonUpper(0, 30_000, 0.95) * 30_000).toBeCloseTo(2.9957, 3);
    expect(clopperPearsonUpper(10, 10, 0.95)).toBe(1);
    expect(clopperPearsonLower(0, 10, 0.95)).toBe(0);
  });

  test.prop([counts, confidence])('the upper bound is exact and never below the exact one: P(X ≤ k | upper) ≤ α, and just below it > α', ([k, n], c) => {
    const upper = clopperPearsonUpper(k, n, c);
    const alpha = 1 - c;
    if (n === 0 || k === n) return void expect(upper).toBe(1);
    expect(binomialCdf(k, n, upper)).toBeLessThanOrEqual(alpha * (1 + 1e-9));
    expect(binomialCdf(k, n, upper * (1 - 1e-7))).toBeGreaterThan(alpha);
  });

  test.prop([counts, confidence])('the lower bound is exact and never above the exact one: P(X ≥ k | lower) ≤ α, and just above it > α', ([k, n], c) => {
    const lower = clopperPearsonLower(k, n, c);
    const alpha = 1 - c;
    if (n === 0 || k === 0) return void expect(lower).toBe(0);
    expect(binomialSf(k, n, lower)).toBeLessThanOrEqual(alpha * (1 + 1e-9));
    expect(binomialSf(k, n, Math.min(1, lower * (1 + 1e-7)))).toBeGreaterThan(alpha);
  });
});

describe('rate bounds (both methods)', () => {
  test.prop([counts, confidence, method])('bracket the observed rate', ([k, n], c, m) => {
    const b = rateBounds(k, n, c, m);
    if (n === 0) return void expect(b).toEqual({ k, n, rate: null, lower: 0, upper: 1 });
    expect(b.lower).toBeLessThanOrEqual(k / n);
    expect(b.upper).toBeGreaterThanOrEqual(k / n);
    expect(b.upper).toBeLessThanOrEqual(1);
  });

  test.prop([counts, fc.integer({ min: 1, max: 1_000_000 }), confidence, method])('more clean samples only lower the upper bound', ([k, n], more, c, m) => {
    expect(rateBounds(k, n + more, c, m).upper).toBeLessThanOrEqual(rateBounds(k, n, c, m).upper * (1 + 1e-12));
  });

  it('Wilson has its closed forms', () => {
    const z = normalQuantile(0.95);
    expect(wilsonBounds(0, 100, 0.95).upper).toBeCloseTo((z * z) / (100 + z * z), 14);
    expect(wilsonBounds(100, 100, 0.95).lower).toBeCloseTo(100 / (100 + z * z), 14);
    expect(wilsonBounds(5, 10, 0.95).lower).toBeCloseTo(0.26927, 5);
    expect(wilsonBounds(5, 10, 0.95).upper).toBeCloseTo(0.73073, 5);
  });
});

describe('rate verdicts', () => {
  const threshold = fc.double({ min: 1e-6, max: 0.5, noNaN: true });

  test.prop([counts, threshold, fc.integer({ min: 1, max: 100_000 }), confidence, method])('a rate observed above its threshold never passes', ([k, n], t, min, c, m) => {
    const criterion = rateCriterion('diff_rate', k, n, t, min, { confidence: c, method: m });
    if (n > 0 && k / n > t) expect(criterion.verdict).not.toBe('pass');
    if (criterion.verdict === 'pass') expect(criterion.bound).toBeLessThanOrEqual(t);
  });

  test.prop([counts, threshold, fc.integer({ min: 1, max: 10_000_000 }), confidence, method])('fewer samples than the minimum never pass (and no data is inconclusive)', ([k, n], t, min, c, m) => {
    const criterion = rateCriterion('diff_rate', k, n, t, min, { confidence: c, method: m });
    if (n < min) expect(criterion.verdict).toBe('inconclusive');
    if (n === 0) expect(criterion).toMatchObject({ value: null, bound: null, verdict: 'inconclusive' });
  });

  test.prop([counts, fc.integer({ min: 1, max: 1_000_000 }), threshold, fc.integer({ min: 1, max: 100_000 }), confidence, method])('more clean samples never turn a pass into a fail', ([k, n], more, t, min, c, m) => {
    const before = rateCriterion('diff_rate', k, n, t, min, { confidence: c, method: m });
    const after = rateCriterion('diff_rate', k, n + more, t, min, { confidence: c, method: m });
    if (before.verdict === 'pass') expect(after.verdict).toBe('pass');
  });
});
