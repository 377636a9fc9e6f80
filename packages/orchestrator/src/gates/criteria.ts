// One criterion at a time: a measured value, the confidence bound that is judged, the threshold, the
// verdict. A rate passes only when its upper bound is at or under the threshold with at least the
// minimum of samples; it fails when the observed rate is above the threshold; anything between (no
// data, too few samples, a bound still above the threshold) is inconclusive.
import type { LatencyHistogram } from '../records/latency-histogram.js';
import type { Criterion, CriterionName, GateVerdict } from './evaluation.js';
import { quantileBounds } from './quantile-bound.js';
import { type BoundMethod, rateBounds, type RateBounds } from './statistics.js';

/** How bounds are computed. */
export interface BoundOptions {
  readonly confidence: number;
  readonly method: BoundMethod;
}

function verdictOf(value: number | null, bound: number | null, samples: number, threshold: number, minSamples: number): { verdict: GateVerdict; note: string | null } {
  if (samples === 0 || value === null) return { verdict: 'inconclusive', note: 'no data' };
  if (samples < minSamples) return { verdict: 'inconclusive', note: `${samples} of the ${minSamples} samples needed` };
  if (value > threshold) return { verdict: 'fail', note: null };
  if (bound === null) return { verdict: 'inconclusive', note: 'too few samples for a confidence bound' };
  if (bound <= threshold) return { verdict: 'pass', note: null };
  return { verdict: 'inconclusive', note: 'the bound is above the threshold: more samples needed' };
}

/** `k` events in `n` trials against a maximum share. */
export function rateCriterion(name: CriterionName, k: number, n: number, threshold: number, minSamples: number, options: BoundOptions): Criterion {
  const b: RateBounds = rateBounds(k, n, options.confidence, options.method);
  const { verdict, note } = verdictOf(b.rate, n === 0 ? null : b.upper, n, threshold, minSamples);
  return { name, value: b.rate, bound: n === 0 ? null : b.upper, threshold, limit: 'max', unit: 'share', verdict, samples: n, note };
}

/** The `q`-quantile of the paired latency deltas against a maximum in ms (order-statistic upper bound). */
export function latencyCriterion(h: LatencyHistogram, q: number, threshold: number, minSamples: number, options: BoundOptions): Criterion {
  const b = quantileBounds(h, q, options.confidence);
  const { verdict, note } = verdictOf(b.estimate, b.upper, b.samples, threshold, minSamples);
  return { name: 'latency_delta', value: b.estimate, bound: b.upper, threshold, limit: 'max', unit: 'ms', verdict, samples: b.samples, note };
}

/** A count that must reach a minimum (samples, releases); short of it is inconclusive, never a fail. */
export function minimumCriterion(name: CriterionName, value: number, threshold: number, unit: 'count' | 'duration', samples: number, note: string | null = null): Criterion {
  return { name, value, bound: null, threshold, limit: 'min', unit, verdict: value >= threshold ? 'pass' : 'inconclusive', samples, note };
}

/**
 * Liveness: calls flowed (`expected` comparisons were due) but nothing was compared. A shadow that
 * silently stopped fails here rather than looking clean; too little traffic to tell is inconclusive.
 */
export function livenessCriterion(compared: number, expected: number, minExpected: number, note: string | null = null): Criterion {
  const verdict: GateVerdict = compared > 0 ? 'pass' : expected >= minExpected ? 'fail' : 'inconclusive';
  const why = note ?? (compared > 0 ? null : `${formatCount(expected)} comparisons were due (${minExpected} needed to judge)`);
  return { name: 'liveness', value: compared, bound: null, threshold: 1, limit: 'min', unit: 'count', verdict, samples: compared, note: why };
}

function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** The verdict of a set of criteria: `fail` if any fails, `pass` if all pass, else `inconclusive`. */
export function combinedVerdict(criteria: readonly Criterion[]): GateVerdict {
  if (criteria.some((c) => c.verdict === 'fail')) return 'fail';
  return criteria.length > 0 && criteria.every((c) => c.verdict === 'pass') ? 'pass' : 'inconclusive';
}
