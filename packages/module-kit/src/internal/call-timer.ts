/** Count, failures, total and worst time of one kind of call. */
export interface CallStats {
  readonly count: number;
  readonly errors: number;
  readonly totalMs: number;
  readonly maxMs: number;
}

/** Accumulates per-label call timings; cheap enough for every call. */
export class CallTimer {
  private readonly byLabel = new Map<string, { count: number; errors: number; totalMs: number; maxMs: number }>();

  record(label: string, ms: number, failed: boolean): void {
    let s = this.byLabel.get(label);
    if (!s) {
      s = { count: 0, errors: 0, totalMs: 0, maxMs: 0 };
      this.byLabel.set(label, s);
    }
    s.count += 1;
    if (failed) s.errors += 1;
    s.totalMs += ms;
    if (ms > s.maxMs) s.maxMs = ms;
  }

  snapshot(): Record<string, CallStats> {
    const out: Record<string, CallStats> = {};
    for (const [label, s] of this.byLabel) out[label] = { ...s };
    return out;
  }
}
