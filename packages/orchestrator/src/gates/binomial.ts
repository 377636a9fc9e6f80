// The binomial distribution, computed accurately for any n (up to 2^53) and any p: the exact tails the
// Clopper-Pearson and order-statistic bounds are built on.
//
// pmf: Loader's saddle-point form (C. Loader, "Fast and accurate computation of binomial
// probabilities", 2000), the one R's dbinom uses:
//   P(X = x) = exp(stirlerr(n) - stirlerr(x) - stirlerr(n-x) - bd0(x, np) - bd0(n-x, nq)) * sqrt(n / (2π x (n-x)))
// where stirlerr(m) = ln m! - ln(sqrt(2πm) (m/e)^m) (exact sums of logs for m ≤ 15, the Stirling
// series above) and bd0(x, M) = x ln(x/M) + M - x (a series when x ≈ M, so nothing cancels).
// This avoids ln Γ of huge arguments, whose cancellation loses digits when n is large.
//
// Tails: summed term by term from k outward using pmf(i-1)/pmf(i) = i q / ((n-i+1) p). A tail is
// always summed on the side of k away from the mode, where terms shrink geometrically, so the sum
// stops once the rest (bounded by a geometric series) is below 1e-17 of it; the other tail is its
// complement. Relative accuracy on the small tail is ~1e-14.

const LN_2PI = Math.log(2 * Math.PI);
const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;
const TINY = 1e-17;

/** ln m! - ln(sqrt(2πm) (m/e)^m), for an integer m ≥ 1. */
export function stirlingError(m: number): number {
  if (m <= 15) {
    let lnFactorial = 0;
    for (let i = 2; i <= m; i += 1) lnFactorial += Math.log(i);
    return lnFactorial - (0.5 * LN_2PI + (m + 0.5) * Math.log(m) - m);
  }
  const mm = m * m;
  if (m > 500) return (S0 - S1 / mm) / m;
  if (m > 80) return (S0 - (S1 - S2 / mm) / mm) / m;
  if (m > 35) return (S0 - (S1 - (S2 - S3 / mm) / mm) / mm) / m;
  return (S0 - (S1 - (S2 - (S3 - S4 / mm) / mm) / mm) / mm) / m;
}

/** x ln(x/M) + M - x, computed without cancellation when x ≈ M. */
export function deviance(x: number, mean: number): number {
  if (Math.abs(x - mean) < 0.1 * (x + mean)) {
    let v = (x - mean) / (x + mean);
    let sum = (x - mean) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j += 1) {
      ej *= v;
      const next = sum + ej / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / mean) + mean - x;
}

/** P(X = x) for X ~ Binomial(n, p); x and n integers, 0 ≤ p ≤ 1. */
export function binomialPmf(x: number, n: number, p: number): number {
  if (x < 0 || x > n) return 0;
  const q = 1 - p;
  if (p <= 0) return x === 0 ? 1 : 0;
  if (q <= 0) return x === n ? 1 : 0;
  if (x === 0) return n === 0 ? 1 : Math.exp(p < 0.1 ? -deviance(n, n * q) - n * p : n * Math.log(q));
  if (x === n) return Math.exp(q < 0.1 ? -deviance(n, n * p) - n * q : n * Math.log(p));
  const lc = stirlingError(n) - stirlingError(x) - stirlingError(n - x) - deviance(x, n * p) - deviance(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return Math.exp(lc - 0.5 * lf);
}

/** Σ_{i ≤ k} pmf(i), summed downward from k (accurate when k is at or below the mode). */
function sumDown(k: number, n: number, p: number): number {
  const q = 1 - p;
  let term = binomialPmf(k, n, p);
  let sum = term;
  for (let i = k; i > 0 && term > 0; i -= 1) {
    term *= (i * q) / ((n - i + 1) * p);
    sum += term;
    const next = ((i - 1) * q) / ((n - i + 2) * p);
    if (next < 1 && (term * next) / (1 - next) <= sum * TINY) break;
  }
  return sum;
}

/** Σ_{i ≥ k} pmf(i), summed upward from k (accurate when k is at or above the mode). */
function sumUp(k: number, n: number, p: number): number {
  const q = 1 - p;
  let term = binomialPmf(k, n, p);
  let sum = term;
  for (let i = k; i < n && term > 0; i += 1) {
    term *= ((n - i) * p) / ((i + 1) * q);
    sum += term;
    const next = ((n - i - 1) * p) / ((i + 2) * q);
    if (next < 1 && (term * next) / (1 - next) <= sum * TINY) break;
  }
  return sum;
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  return k <= n * p ? Math.min(1, sumDown(k, n, p)) : Math.max(0, 1 - sumUp(k + 1, n, p));
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialSf(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return k >= n * p ? Math.min(1, sumUp(k, n, p)) : Math.max(0, 1 - sumDown(k - 1, n, p));
}
