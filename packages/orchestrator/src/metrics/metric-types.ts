/** Label values of one series, by label name. A missing label reads as `''` (Prometheus: absent). */
export type LabelValues<L extends string> = Readonly<Record<L, string>>;

/** A value that only goes up (requests, drops, diffs). */
export interface Counter<L extends string = string> {
  /**
   * Adds `value` (default 1) to the series of `labels`.
   * @throws OrchestratorError `METRIC_INVALID` when `value` is negative or not finite.
   */
  inc(labels: LabelValues<L>, value?: number): void;
  /** The current value of a series (0 when it does not exist). */
  get(labels: LabelValues<L>): number;
}

/** A value that goes up and down (queue depth, workers alive). */
export interface Gauge<L extends string = string> {
  set(labels: LabelValues<L>, value: number): void;
  /** Adds `value` (default 1). */
  inc(labels: LabelValues<L>, value?: number): void;
  /** Subtracts `value` (default 1). */
  dec(labels: LabelValues<L>, value?: number): void;
  /** The current value of a series (0 when it does not exist). */
  get(labels: LabelValues<L>): number;
}

/** Observations counted into cumulative buckets (latencies, sizes). */
export interface Histogram<L extends string = string> {
  /**
   * Records one observation.
   * @throws OrchestratorError `METRIC_INVALID` when `value` is NaN.
   */
  observe(labels: LabelValues<L>, value: number): void;
  /** The state of a series, or undefined when it has no observations. `buckets[i]` is cumulative, for `le = bounds[i]`. */
  get(labels: LabelValues<L>): HistogramSnapshot | undefined;
}

/** One histogram series. */
export interface HistogramSnapshot {
  /** Upper bounds, ascending, ending with `+Infinity`. */
  readonly bounds: readonly number[];
  /** Cumulative counts, one per bound. */
  readonly buckets: readonly number[];
  readonly sum: number;
  readonly count: number;
}

/** Options of `MetricsRegistry`. */
export interface MetricsRegistryOptions {
  /** Distinct label sets kept per metric; past it, new sets collapse into `other`. Default 1000. */
  readonly maxLabelSets?: number;
}
