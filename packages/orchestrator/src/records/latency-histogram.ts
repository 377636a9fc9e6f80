/**
 * A mergeable latency histogram: log-linear buckets (16 per power of two, from 1 µs up), signed so it
 * also holds paired differences (`wasm ms - ts ms`). Summaries store one per minute and key; any
 * window's histogram is the sum of its minutes', so P50/P95/P99 and their bounds can be computed for
 * any window. A value is reported as its bucket's upper edge: never below the true value, at most
 * 6.25% above it (values within 1 µs of zero report as 1 µs).
 */
export interface LatencyHistogram {
  /** Sub-buckets per power of two (always 16 in this version; stored so the format can change). */
  readonly sub: 16;
  /** Samples per signed bucket index (0 is |v| < 1 µs; negative indices are negative values). */
  readonly counts: Readonly<Record<string, number>>;
}

const SUB = 16;
const UNIT_MS = 0.001;

/** An empty histogram. */
export function emptyHistogram(): LatencyHistogram {
  return { sub: SUB, counts: {} };
}

/** The signed bucket index of `ms` (a duration or a difference of durations, in milliseconds). */
export function bucketOf(ms: number): number {
  const magnitude = Math.abs(ms);
  if (!Number.isFinite(magnitude) || magnitude < UNIT_MS) return Number.isFinite(magnitude) ? 0 : Math.sign(ms) * (1 + 60 * SUB);
  const scaled = magnitude / UNIT_MS;
  const e = Math.floor(Math.log2(scaled));
  const sub = Math.min(SUB - 1, Math.floor((scaled / 2 ** e - 1) * SUB));
  return Math.sign(ms) * (1 + e * SUB + sub);
}

/** The edge of bucket `index` away from zero, in milliseconds (the value a quantile reports). */
export function bucketEdge(index: number): number {
  if (index === 0) return 0;
  const i = Math.abs(index) - 1;
  const e = Math.floor(i / SUB);
  const sub = i % SUB;
  return Math.sign(index) * UNIT_MS * 2 ** e * (1 + (sub + 1) / SUB);
}

/** The magnitude where bucket `index` starts (its edge toward zero), in milliseconds. */
function bucketStart(index: number): number {
  if (index === 0) return 0;
  const i = Math.abs(index) - 1;
  return UNIT_MS * 2 ** Math.floor(i / SUB) * (1 + (i % SUB) / SUB);
}

/** `h` with `ms` added (a new histogram; `h` is not changed). */
export function withSample(h: LatencyHistogram, ms: number, times = 1): LatencyHistogram {
  const key = String(bucketOf(ms));
  return { sub: SUB, counts: { ...h.counts, [key]: (h.counts[key] ?? 0) + times } };
}

/** Adds `ms` to a histogram being built (mutates `counts`). */
export function addSample(counts: Record<string, number>, ms: number): void {
  const key = String(bucketOf(ms));
  counts[key] = (counts[key] ?? 0) + 1;
}

/** The sum of histograms. */
export function mergeHistograms(histograms: readonly LatencyHistogram[]): LatencyHistogram {
  const counts: Record<string, number> = {};
  for (const h of histograms) for (const [k, n] of Object.entries(h.counts)) counts[k] = (counts[k] ?? 0) + n;
  return { sub: SUB, counts };
}

/** How many samples a histogram holds. */
export function sampleCount(h: LatencyHistogram): number {
  let n = 0;
  for (const c of Object.values(h.counts)) n += c;
  return n;
}

/** Buckets in ascending order of value. */
function ordered(h: LatencyHistogram): [number, number][] {
  return Object.entries(h.counts)
    .map(([k, n]): [number, number] => [Number(k), n])
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a - b);
}

/**
 * The value of the `rank`-th smallest sample (1-based), as its bucket's upper edge (for negative
 * buckets the edge toward zero, so the result is never below the true value). Null outside 1..count.
 */
export function valueAtRank(h: LatencyHistogram, rank: number): number | null {
  if (!Number.isInteger(rank) || rank < 1) return null;
  let seen = 0;
  for (const [index, n] of ordered(h)) {
    seen += n;
    if (seen >= rank) return index < 0 ? -bucketStart(index) : index === 0 ? UNIT_MS : bucketEdge(index);
  }
  return null;
}

/** The q-quantile (0..1) of the samples, as an upper bucket edge; null when empty. */
export function quantileOf(h: LatencyHistogram, q: number): number | null {
  const n = sampleCount(h);
  if (n === 0) return null;
  return valueAtRank(h, Math.min(n, Math.max(1, Math.ceil(q * n))));
}
