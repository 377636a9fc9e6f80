// Confidence bounds of a rate k/n (diffs per comparison, errors per call), one-sided at `confidence`.
//
// Clopper-Pearson (exact, the default). The upper bound p_U is the p where seeing k or fewer events
// becomes unlikely:  P(X ≤ k | n, p_U) = α,  α = 1 - confidence  (equivalently the `confidence`
// quantile of Beta(k+1, n-k)); p_U = 1 when k = n and 1 - α^(1/n) when k = 0. The lower bound p_L
// solves P(X ≥ k | n, p_L) = α (the α quantile of Beta(k, n-k+1)); p_L = 0 when k = 0. Both are
// found by bisection on the exact binomial tails (binomial.ts); the bisection returns the end of its
// bracket on the safe side (P(X ≤ k | p) ≤ α for the upper bound, P(X ≥ k | p) ≤ α for the lower), so
// an upper bound is never below the exact one and a lower bound never above it. Coverage is at least
// `confidence` for every n and true rate.
//
// Wilson (score interval, offered because it is tighter; it is a normal approximation and can cover
// slightly less than `confidence` for rates near 0): with p̂ = k/n and z = Φ⁻¹(confidence),
//   centre = (p̂ + z²/2n) / (1 + z²/n),  half = z / (1 + z²/n) · sqrt(p̂(1-p̂)/n + z²/4n²),
//   bounds = centre ± half, clipped to [0, 1].
// Φ is computed from the all-positive series erf(x) = 2/√π e^{-x²} Σ 2^j x^{2j+1} / (1·3·…·(2j+1))
// (no cancellation) and inverted by bisection.
//
// Both bounds always bracket p̂ (lower ≤ k/n ≤ upper), so a rate observed above a threshold is never
// judged below it, and for a fixed k the upper bound falls as n grows (more clean samples only help).

import { binomialCdf, binomialSf } from './binomial.js';

/** How a rate's confidence bounds are computed. */
export type BoundMethod = 'clopper-pearson' | 'wilson';

/** A rate with its one-sided confidence bounds. */
export interface RateBounds {
  /** Events (diffs, errors). */
  readonly k: number;
  /** Trials (comparisons, calls). */
  readonly n: number;
  /** k/n, or null when n = 0. */
  readonly rate: number | null;
  /** The rate is above this with probability ≥ confidence (0 when n = 0). */
  readonly lower: number;
  /** The rate is below this with probability ≥ confidence (1 when n = 0). */
  readonly upper: number;
}

const SQRT_PI = Math.sqrt(Math.PI);
const EPS = Number.EPSILON;

function erf(x: number): number {
  if (x < 0) return -erf(-x);
  if (x > 6) return 1;
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let j = 1; j < 2000; j += 1) {
    term *= (2 * x2) / (2 * j + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.min(1, (2 / SQRT_PI) * Math.exp(-x2) * sum);
}

/** Φ(x), the standard normal distribution function. */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

/** Φ⁻¹(p) for 0.5 ≤ p < 1 (bisection on Φ, to ~1e-15). */
export function normalQuantile(p: number): number {
  if (!(p >= 0.5 && p < 1)) throw new RangeError(`normalQuantile: ${p} is outside [0.5, 1)`);
  let lo = 0;
  let hi = 40;
  while (hi - lo > 1e-15 * hi) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return hi;
}

function checkCounts(k: number, n: number): void {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) throw new RangeError(`rate bounds need integers 0 ≤ k ≤ n (got k=${k}, n=${n})`);
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0.5 && confidence < 1)) throw new RangeError(`confidence ${confidence} is outside (0.5, 1)`);
}

/** The exact one-sided Clopper-Pearson upper bound of k/n at `confidence` (0.5 < confidence < 1). */
export function clopperPearsonUpper(k: number, n: number, confidence: number): number {
  checkCounts(k, n);
  checkConfidence(confidence);
  if (n === 0 || k === n) return 1;
  const alpha = 1 - confidence;
  if (k === 0) return Math.min(1, -Math.expm1(Math.log(alpha) / n) * (1 + 4 * EPS));
  // P(X ≤ k | p = k/n) ≥ 1/2 > α (k is then the median), so the bound lies in [k/n, 1].
  let lo = k / n;
  let hi = 1;
  for (let i = 0; i < 2000 && hi - lo > 1e-15 * hi; i += 1) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (binomialCdf(k, n, mid) <= alpha) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The exact one-sided Clopper-Pearson lower bound of k/n at `confidence`. */
export function clopperPearsonLower(k: number, n: number, confidence: number): number {
  checkCounts(k, n);
  checkConfidence(confidence);
  if (n === 0 || k === 0) return 0;
  const alpha = 1 - confidence;
  if (k === n) return Math.exp(Math.log(alpha) / n) * (1 - 4 * EPS);
  // P(X ≥ k | p = k/n) ≥ 1/2 > α, so the bound lies in [0, k/n].
  let lo = 0;
  let hi = k / n;
  for (let i = 0; i < 2000 && hi - lo > 1e-15 * hi; i += 1) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (binomialSf(k, n, mid) <= alpha) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The one-sided Wilson score bounds of k/n at `confidence`. */
export function wilsonBounds(k: number, n: number, confidence: number): { lower: number; upper: number } {
  checkCounts(k, n);
  checkConfidence(confidence);
  if (n === 0) return { lower: 0, upper: 1 };
  const z = normalQuantile(confidence);
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return { lower: k === 0 ? 0 : Math.max(0, Math.min(p, centre - half)), upper: k === n ? 1 : Math.min(1, Math.max(p, centre + half)) };
}

/** k/n with both one-sided bounds at `confidence`, by `method`. */
export function rateBounds(k: number, n: number, confidence: number, method: BoundMethod = 'clopper-pearson'): RateBounds {
  if (method === 'wilson') return { k, n, rate: n === 0 ? null : k / n, ...wilsonBounds(k, n, confidence) };
  return { k, n, rate: n === 0 ? null : k / n, lower: clopperPearsonLower(k, n, confidence), upper: clopperPearsonUpper(k, n, confidence) };
}
