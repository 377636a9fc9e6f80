import type { LatencyHistogram } from '../records/latency-histogram.js';

/**
 * What happened to one module's calls in a window of time, as the store's per-minute summaries give
 * it: every call and every shadow counted (nothing is sampled away), so rates are computed over all of
 * them, not over a biased subset.
 */
export interface OutcomeCounts {
  /** Calls the primary served. */
  readonly calls: number;
  /** Of those, calls where the primary failed (its own error reached the caller). */
  readonly primaryErrors: number;
  /** Comparisons that reached a verdict (`match` + `both_failed` + `diff` + `shadow_error`). */
  readonly compared: number;
  readonly matches: number;
  /** Both runtimes refused with the same module error: agreement on a code only. */
  readonly bothFailed: number;
  /** Real differences (`diff`; nondeterministic matches are not diffs). */
  readonly diffs: number;
  /** The shadow failed where the primary did not (trap, timeout, OOM, crash, its own error). */
  readonly shadowErrors: number;
  /** Shadows that never ran, per reason (`queue_full`, `unavailable`, `closing`, `uncloneable`, `internal`, `stream_budget`, `caller_aborted`, `source_error`). */
  readonly dropped: Readonly<Record<string, number>>;
  /** Comparisons skipped by policy (sampling, mode), per reason. */
  readonly skipped: Readonly<Record<string, number>>;
  /** Per compared call: `latency(wasm) - latency(ts)` in ms, whichever served (paired on the same input). */
  readonly latencyDelta: LatencyHistogram;
  /** Latency of the serving runtime, per runtime (`ts`, `wasm`). */
  readonly latencyMain: Readonly<Record<string, LatencyHistogram>>;
  /** Latency of the shadow runtime, per runtime. */
  readonly latencyShadow: Readonly<Record<string, LatencyHistogram>>;
}

/** A module's outcomes over `[from, to)`, overall and per stratum. */
export interface GateWindow {
  readonly module: string;
  /** Milliseconds since the epoch, inclusive. */
  readonly from: number;
  /** Milliseconds since the epoch, exclusive. */
  readonly to: number;
  readonly overall: OutcomeCounts;
  readonly byTenant: Readonly<Record<string, OutcomeCounts>>;
  readonly byRoute: Readonly<Record<string, OutcomeCounts>>;
  /** The earliest minute with any data for the module at its current stage (the observation period starts there), or null. */
  readonly firstSeen: number | null;
}
