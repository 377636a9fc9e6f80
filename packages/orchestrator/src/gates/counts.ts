// Arithmetic on a window's outcome counts: what is left of the traffic once some strata are taken out
// (to tell a regression concentrated in one tenant from one spread over all of them).
import { emptyHistogram, type LatencyHistogram } from '../records/latency-histogram.js';
import type { OutcomeCounts } from './window.js';

/** Counts of nothing. */
export function emptyCounts(): OutcomeCounts {
  return { calls: 0, primaryErrors: 0, compared: 0, matches: 0, bothFailed: 0, diffs: 0, shadowErrors: 0, dropped: {}, skipped: {}, latencyDelta: emptyHistogram(), latencyMain: {}, latencyShadow: {} };
}

/**
 * Drop reasons that say nothing about the shadow path: the caller abandoned its stream before the end
 * (`caller_aborted`), so there was no complete input to compare. Counted in the store, not in the share.
 */
export const CALLER_DROP_REASONS: ReadonlySet<string> = new Set(['caller_aborted']);

/** Shadows dropped by the shadow path (queue full, budget, unavailable, closing …), all those reasons together. */
export function droppedTotal(counts: OutcomeCounts): number {
  let total = 0;
  for (const [reason, n] of Object.entries(counts.dropped)) if (!CALLER_DROP_REASONS.has(reason)) total += n;
  return total;
}

function minusMap(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [key, n] of Object.entries(b)) out[key] = Math.max(0, (out[key] ?? 0) - n);
  return out;
}

function minusHistogram(a: LatencyHistogram, b: LatencyHistogram): LatencyHistogram {
  return { sub: a.sub, counts: minusMap(a.counts, b.counts) };
}

function minusHistograms(a: Readonly<Record<string, LatencyHistogram>>, b: Readonly<Record<string, LatencyHistogram>>): Record<string, LatencyHistogram> {
  const out: Record<string, LatencyHistogram> = { ...a };
  for (const [key, h] of Object.entries(b)) {
    const mine = out[key];
    if (mine !== undefined) out[key] = minusHistogram(mine, h);
  }
  return out;
}

/** `a` without `b` (`b` a part of `a`, such as one tenant of the overall counts); never below zero. */
export function subtractCounts(a: OutcomeCounts, b: OutcomeCounts): OutcomeCounts {
  const minus = (x: number, y: number): number => Math.max(0, x - y);
  return {
    calls: minus(a.calls, b.calls),
    primaryErrors: minus(a.primaryErrors, b.primaryErrors),
    compared: minus(a.compared, b.compared),
    matches: minus(a.matches, b.matches),
    bothFailed: minus(a.bothFailed, b.bothFailed),
    diffs: minus(a.diffs, b.diffs),
    shadowErrors: minus(a.shadowErrors, b.shadowErrors),
    dropped: minusMap(a.dropped, b.dropped),
    skipped: minusMap(a.skipped, b.skipped),
    latencyDelta: minusHistogram(a.latencyDelta, b.latencyDelta),
    latencyMain: minusHistograms(a.latencyMain, b.latencyMain),
    latencyShadow: minusHistograms(a.latencyShadow, b.latencyShadow),
  };
}
