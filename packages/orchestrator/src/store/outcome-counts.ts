import { emptyHistogram, mergeHistograms, type LatencyHistogram } from '../records/latency-histogram.js';
import { parseOutcome, type Counts } from '../records/summary.js';
import type { OutcomeCounts } from '../gates/window.js';

/** A minute summary row as stored (JSON columns parsed). */
export interface MinuteRow {
  readonly module: string;
  readonly operation: string;
  readonly runtime_main: string;
  readonly runtime_shadow: string;
  readonly tenant: string;
  readonly route: string;
  readonly bucket: number;
  readonly calls: number;
  readonly primary_errors: number;
  readonly outcomes: Counts;
  readonly latency_main: Counts;
  readonly latency_shadow: Counts;
  readonly latency_delta: Counts;
}

/** The counts of summary rows, added up (histograms merged). */
export function outcomeCounts(rows: readonly MinuteRow[]): OutcomeCounts {
  let calls = 0;
  let primaryErrors = 0;
  let matches = 0;
  let bothFailed = 0;
  let diffs = 0;
  let shadowErrors = 0;
  const dropped: Counts = {};
  const skipped: Counts = {};
  const main: Record<string, LatencyHistogram[]> = {};
  const shadow: Record<string, LatencyHistogram[]> = {};
  const delta: LatencyHistogram[] = [];
  for (const r of rows) {
    calls += r.calls;
    primaryErrors += r.primary_errors;
    for (const [key, n] of Object.entries(r.outcomes)) {
      const { kind, detail } = parseOutcome(key);
      if (kind === 'match') matches += n;
      else if (kind === 'both_failed') bothFailed += n;
      else if (kind === 'diff') diffs += n;
      else if (kind === 'shadow_error') shadowErrors += n;
      else if (kind === 'dropped') dropped[detail ?? 'unknown'] = (dropped[detail ?? 'unknown'] ?? 0) + n;
      else if (kind === 'skipped') skipped[detail ?? 'unknown'] = (skipped[detail ?? 'unknown'] ?? 0) + n;
    }
    (main[r.runtime_main] ??= []).push({ sub: 16, counts: r.latency_main });
    if (r.runtime_shadow !== '') (shadow[r.runtime_shadow] ??= []).push({ sub: 16, counts: r.latency_shadow });
    delta.push({ sub: 16, counts: r.latency_delta });
  }
  const merged = (m: Record<string, LatencyHistogram[]>): Record<string, LatencyHistogram> => Object.fromEntries(Object.entries(m).map(([k, hs]) => [k, mergeHistograms(hs)]));
  return {
    calls,
    primaryErrors,
    compared: matches + bothFailed + diffs + shadowErrors,
    matches,
    bothFailed,
    diffs,
    shadowErrors,
    dropped,
    skipped,
    latencyDelta: delta.length === 0 ? emptyHistogram() : mergeHistograms(delta),
    latencyMain: merged(main),
    latencyShadow: merged(shadow),
  };
}
