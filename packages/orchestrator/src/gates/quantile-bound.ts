// Distribution-free confidence bounds of a quantile (P95 of the paired latency deltas) from order
// statistics, read off a mergeable histogram.
//
// With n samples and X_(1) ≤ … ≤ X_(n) in order, the number of samples below the true q-quantile ξ is
// Binomial(n, ≤ q), so for any continuous or discrete distribution
//   upper:  r = min { r : P(Bin(n, q) ≤ r-1) ≥ c }   gives  P(X_(r) ≥ ξ) ≥ c,
//   lower:  s = max { s : P(Bin(n, q) ≥ s)   ≥ c }   gives  P(X_(s) ≤ ξ) ≥ c.
// No such r exists when 1 - q^n < c (for q = 0.95 at 95 % confidence: fewer than 59 samples): the
// bound is then unknown and a verdict on it is inconclusive. The histogram keeps values only to their
// bucket, so the upper bound reads the bucket's edge above (never below the sample) and the lower bound
// the edge below (never above it): rounding only widens the interval.

import { bucketEdge, type LatencyHistogram, quantileOf, sampleCount, valueAtRank } from '../records/latency-histogram.js';
import { binomialCdf, binomialSf } from './binomial.js';

/** A quantile of a histogram with its one-sided confidence bounds (null where unknown). */
export interface QuantileBounds {
  readonly q: number;
  readonly samples: number;
  /** The sample quantile (bucket upper edge), null when empty. */
  readonly estimate: number | null;
  /** The true quantile is at most this with probability ≥ confidence; null with too few samples. */
  readonly upper: number | null;
  /** The true quantile is at least this with probability ≥ confidence; null with too few samples. */
  readonly lower: number | null;
}

/** The smallest rank r with P(Bin(n, q) ≤ r - 1) ≥ c, or null when even r = n is not enough. */
export function upperRank(n: number, q: number, c: number): number | null {
  if (n < 1 || binomialCdf(n - 1, n, q) < c) return null;
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (binomialCdf(mid - 1, n, q) >= c) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The largest rank s with P(Bin(n, q) ≥ s) ≥ c, or null when even s = 1 is too many. */
export function lowerRank(n: number, q: number, c: number): number | null {
  if (n < 1 || binomialSf(1, n, q) < c) return null;
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (binomialSf(mid, n, q) >= c) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The value of the `rank`-th smallest sample rounded toward -∞ to its bucket's lower edge. */
export function valueAtRankBelow(h: LatencyHistogram, rank: number): number | null {
  if (!Number.isInteger(rank) || rank < 1) return null;
  const buckets = Object.entries(h.counts)
    .map(([k, n]): [number, number] => [Number(k), n])
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a - b);
  let seen = 0;
  for (const [index, n] of buckets) {
    seen += n;
    if (seen < rank) continue;
    if (index > 0) return bucketEdge(index - 1);
    if (index === 0) return -0.001;
    return bucketEdge(index);
  }
  return null;
}

/** The q-quantile of `h` with its one-sided bounds at `confidence`. */
export function quantileBounds(h: LatencyHistogram, q: number, confidence: number): QuantileBounds {
  const samples = sampleCount(h);
  const r = upperRank(samples, q, confidence);
  const s = lowerRank(samples, q, confidence);
  return {
    q,
    samples,
    estimate: quantileOf(h, q),
    upper: r === null ? null : valueAtRank(h, r),
    lower: s === null ? null : valueAtRankBelow(h, s),
  };
}
