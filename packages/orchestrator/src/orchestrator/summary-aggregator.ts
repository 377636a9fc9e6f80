import type { Clock, TimerHandle } from '../clock.js';
import { addSample } from '../records/latency-histogram.js';
import { keyString, minuteOf, type Counts, type SummaryDelta, type SummaryKey } from '../records/summary.js';

interface Mutable {
  readonly key: SummaryKey;
  calls: number;
  primary_errors: number;
  outcomes: Counts;
  latency_main: Counts;
  latency_shadow: Counts;
  latency_delta: Counts;
}

/** The key of a call without its minute (the aggregator adds the minute it happened in). */
export type CallKey = Omit<SummaryKey, 'bucket'>;

/**
 * Counts every call, comparison, drop and skip into per-minute summary deltas on the caller's thread
 * (a map lookup and a few additions each: nothing proportional to a payload), and hands them to the
 * store every `flushMs` (on the injected clock) or once `maxKeys` keys are pending.
 */
export class SummaryAggregator {
  private pending = new Map<string, Mutable>();
  private timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly sink: (deltas: readonly SummaryDelta[]) => void,
    private readonly options: { readonly flushMs: number; readonly maxKeys: number } = { flushMs: 1000, maxKeys: 1000 },
  ) {}

  private entry(key: CallKey, at: number): Mutable {
    const full: SummaryKey = { ...key, bucket: minuteOf(at) };
    const id = keyString(full);
    let e = this.pending.get(id);
    if (!e) {
      e = { key: full, calls: 0, primary_errors: 0, outcomes: {}, latency_main: {}, latency_shadow: {}, latency_delta: {} };
      this.pending.set(id, e);
      if (this.pending.size >= this.options.maxKeys) queueMicrotask(() => this.flush());
      else this.timer ??= this.clock.setTimeout(() => this.flush(), this.options.flushMs, true);
    }
    return e;
  }

  /** A call the primary served (`failed`: its error reached the caller). */
  call(key: CallKey, at: number, mainMs: number, failed: boolean): void {
    const e = this.entry(key, at);
    e.calls += 1;
    if (failed) e.primary_errors += 1;
    addSample(e.latency_main, mainMs);
  }

  /** A comparison that reached a verdict; `deltaMs` is `latency(wasm) - latency(ts)` when both are known. */
  compared(key: CallKey, at: number, outcome: string, shadowMs: number | null, deltaMs: number | null): void {
    const e = this.entry(key, at);
    e.outcomes[outcome] = (e.outcomes[outcome] ?? 0) + 1;
    if (shadowMs !== null) addSample(e.latency_shadow, shadowMs);
    if (deltaMs !== null) addSample(e.latency_delta, deltaMs);
  }

  /** A shadow that never ran (`queue_full`, `unavailable`, `closing`, `uncloneable`, `internal`; stream calls: `stream_budget`, `caller_aborted`, `source_error`). */
  dropped(key: CallKey, at: number, reason: string): void {
    const e = this.entry(key, at);
    const k = `dropped:${reason}`;
    e.outcomes[k] = (e.outcomes[k] ?? 0) + 1;
  }

  /** A call not shadowed by policy (`no_shadow`: the mode has none; `sampled_out`). */
  skipped(key: CallKey, at: number, reason: string): void {
    const e = this.entry(key, at);
    const k = `skipped:${reason}`;
    e.outcomes[k] = (e.outcomes[k] ?? 0) + 1;
  }

  /** Hands every pending delta to the store now. */
  flush(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const deltas: SummaryDelta[] = [...this.pending.values()].map((e) => ({ ...e.key, calls: e.calls, primary_errors: e.primary_errors, outcomes: e.outcomes, latency_main: e.latency_main, latency_shadow: e.latency_shadow, latency_delta: e.latency_delta }));
    this.pending = new Map();
    this.sink(deltas);
  }
}
