import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { bucketEdge, bucketOf, emptyHistogram, mergeHistograms, quantileOf, sampleCount, valueAtRank, withSample } from '../src/records/latency-histogram.js';

const latency = fc.oneof(fc.double({ min: -60_000, max: 60_000, noNaN: true }), fc.constantFrom(0, 0.0005, -0.0005, 1, -1, 10, 10.5, 1e-3));

describe('latency histograms', () => {
  test.prop([latency])('a value is never reported smaller than it is, and at most 6.25% larger (above 1 µs)', (ms) => {
    const reported = valueAtRank(withSample(emptyHistogram(), ms), 1) as number;
    if (Math.abs(ms) < 0.001) {
      expect(reported).toBe(0.001);
      return;
    }
    expect(reported).toBeGreaterThanOrEqual(ms);
    if (Math.abs(ms) >= 0.001) expect(Math.abs(reported - ms)).toBeLessThanOrEqual(Math.abs(ms) * 0.0625 + 1e-12);
  });

  test.prop([fc.array(latency, { maxLength: 200 }), fc.array(latency, { maxLength: 200 })])('merging is adding: counts and quantiles of the union', (a, b) => {
    const build = (xs: number[]) => xs.reduce((h, x) => withSample(h, x), emptyHistogram());
    const merged = mergeHistograms([build(a), build(b)]);
    const union = build([...a, ...b]);
    expect(sampleCount(merged)).toBe(a.length + b.length);
    for (const q of [0.5, 0.95, 0.99]) expect(quantileOf(merged, q)).toBe(quantileOf(union, q));
  });

  test.prop([fc.array(latency, { minLength: 1, maxLength: 300 }), fc.double({ min: 0.01, max: 1, noNaN: true })])('a quantile bounds the true one from above, within the bucket width', (xs, q) => {
    const sorted = [...xs].sort((x, y) => x - y);
    const truth = sorted[Math.ceil(q * xs.length) - 1] as number;
    const reported = quantileOf(xs.reduce((h, x) => withSample(h, x), emptyHistogram()), q) as number;
    expect(reported).toBeGreaterThanOrEqual(truth);
    expect(reported).toBeLessThanOrEqual(Math.max(0.001, bucketEdge(bucketOf(truth))) + 1e-12);
  });

  it('is empty, then holds what it was given', () => {
    expect(quantileOf(emptyHistogram(), 0.5)).toBeNull();
    expect(valueAtRank(withSample(emptyHistogram(), 5), 2)).toBeNull();
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(-2)).toBe(-bucketOf(2));
  });
});
