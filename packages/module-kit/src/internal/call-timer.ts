/** Count, failures, total and worst time of one kind of call. */
export interface CallStats {
  readonly count: number;
  readonly errors: number;
  readonly totalMs: number;
  readonly maxMs: number;
}

interface Mutable {
  count: number;
  errors: number;
  totalMs: number;
  maxMs: number;
  extraMs: number;
}

/**
 * Accumulates per-label call timings; cheap enough for every call. `extraMs` is one named share of
 * the total that the owner tracks (contract validation in defineModule, marshalling in the WASM host).
 */
export class CallTimer {
  private readonly byLabel = new Map<string, Mutable>();

  record(label: string, ms: number, failed: boolean, extraMs = 0): void {
    let s = this.byLabel.get(label);
    if (!s) {
      s = { count: 0, errors: 0, totalMs: 0, maxMs: 0, extraMs: 0 };
      this.byLabel.set(label, s);
    }
    s.count += 1;
    if (failed) s.errors += 1;
    s.totalMs += ms;
    s.extraMs += extraMs;
    if (ms > s.maxMs) s.maxMs = ms;
  }

  /** The share recorded as `extraMs` for `label`. */
  extra(label: string): number {
    return this.byLabel.get(label)?.extraMs ?? 0;
  }

  snapshot(): Record<string, CallStats> {
    const out: Record<string, CallStats> = {};
    for (const [label, s] of this.byLabel) out[label] = { count: s.count, errors: s.errors, totalMs: s.totalMs, maxMs: s.maxMs };
    return out;
  }
}
