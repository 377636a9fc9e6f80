import type { StreamTiming } from './diff-record.js';

/** The nearest-rank `q` quantile of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/**
 * The timing of one runtime on one stream: `eventAt` holds when each event was ready, ms after the call
 * started, in order. Returns the record's summary and the gaps themselves (for the gap histogram).
 */
export function streamTiming(eventAt: readonly number[], chunks: number, bytes: number): { readonly timing: StreamTiming; readonly gapsMs: number[] } {
  const gapsMs: number[] = [];
  for (let i = 1; i < eventAt.length; i += 1) gapsMs.push(Math.max(0, (eventAt[i] as number) - (eventAt[i - 1] as number)));
  const sorted = [...gapsMs].sort((a, b) => a - b);
  const gap = (q: number): number | null => (sorted.length === 0 ? null : quantile(sorted, q));
  return {
    timing: {
      events: eventAt.length,
      chunks,
      bytes,
      first_event_ms: eventAt.length === 0 ? null : Math.max(0, eventAt[0] as number),
      gap_p50_ms: gap(0.5),
      gap_p99_ms: gap(0.99),
      gap_max_ms: sorted.length === 0 ? null : (sorted[sorted.length - 1] as number),
    },
    gapsMs,
  };
}
