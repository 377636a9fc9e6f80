import { OrchestratorError } from '../errors.js';
import { escapeHelp, formatLabels, formatValue, isLabelName, isMetricName } from './exposition.js';
import { LabelSets } from './label-sets.js';
import type { Counter, Gauge, Histogram, HistogramSnapshot, LabelValues, MetricsRegistryOptions } from './metric-types.js';

type Kind = 'counter' | 'gauge' | 'histogram';

interface Cell {
  value: number;
}

interface HistogramCell {
  /** Per-bucket (not cumulative) counts; the last one is `+Inf`. */
  readonly counts: number[];
  sum: number;
  count: number;
}

interface Metric {
  readonly kind: Kind;
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  /** Histogram upper bounds, ending with `+Infinity`. */
  readonly bounds: readonly number[];
  readonly sets: LabelSets<Cell> | LabelSets<HistogramCell>;
  readonly handle: Counter | Gauge | Histogram;
}

/** The metric counting updates folded into `other` by the label-cardinality guard. */
export const LABEL_OVERFLOW_METRIC = 'llms_wasm_metrics_label_overflow_total';

function invalid(message: string, detail: Readonly<Record<string, unknown>> = {}): never {
  throw new OrchestratorError('METRIC_INVALID', message, detail);
}

/**
 * A dependency-free Prometheus registry: counters, gauges and histograms, rendered in the text
 * exposition format. Each metric keeps at most `maxLabelSets` label sets; further sets collapse into the
 * series whose labels are all `other`, and each such update is counted in
 * `llms_wasm_metrics_label_overflow_total{metric}`.
 *
 * @example
 * const metrics = new MetricsRegistry();
 * const calls = metrics.counter('llms_wasm_calls_total', 'Calls by module.', ['module']);
 * calls.inc({ module: 'tokenizer' });
 * res.setHeader('content-type', PROMETHEUS_CONTENT_TYPE).end(metrics.render());
 */
export class MetricsRegistry {
  readonly #metrics = new Map<string, Metric>();
  readonly #maxLabelSets: number;

  /** @throws OrchestratorError `METRIC_INVALID` when `maxLabelSets` is not a positive integer. */
  constructor(options: MetricsRegistryOptions = {}) {
    const max = options.maxLabelSets ?? 1000;
    if (!Number.isInteger(max) || max < 1) invalid('maxLabelSets must be a positive integer');
    this.#maxLabelSets = max;
  }

  /**
   * Registers a counter (or returns the one registered under `name` with the same labels).
   * @throws OrchestratorError `METRIC_INVALID` for a bad name or label, or a clash with another metric.
   */
  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.#register('counter', name, help, labelNames, [], () => {
      const sets = new LabelSets<Cell>(labelNames, this.#maxLabelSets, () => ({ value: 0 }));
      const handle: Counter<L> = {
        inc(labels, value = 1) {
          if (!(value >= 0) || value === Number.POSITIVE_INFINITY) invalid(`${name}: a counter only grows by a finite amount ≥ 0`, { metric: name, value });
          sets.series(labels).value += value;
        },
        get: (labels) => sets.peek(labels)?.value ?? 0,
      };
      return { sets, handle };
    }) as Counter<L>;
  }

  /**
   * Registers a gauge (or returns the one registered under `name` with the same labels).
   * @throws OrchestratorError `METRIC_INVALID` for a bad name or label, or a clash with another metric.
   */
  gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.#register('gauge', name, help, labelNames, [], () => {
      const sets = new LabelSets<Cell>(labelNames, this.#maxLabelSets, () => ({ value: 0 }));
      const handle: Gauge<L> = {
        set(labels, value) {
          sets.series(labels).value = value;
        },
        inc(labels, value = 1) {
          sets.series(labels).value += value;
        },
        dec(labels, value = 1) {
          sets.series(labels).value -= value;
        },
        get: (labels) => sets.peek(labels)?.value ?? 0,
      };
      return { sets, handle };
    }) as Gauge<L>;
  }

  /**
   * Registers a histogram with the given upper bounds (`+Inf` is always added).
   * @throws OrchestratorError `METRIC_INVALID` for a bad name, label (`le` is reserved) or bucket list, or a clash.
   */
  histogram<L extends string = never>(name: string, help: string, labelNames: readonly L[], buckets: readonly number[]): Histogram<L> {
    const bounds = checkBuckets(name, buckets);
    if (labelNames.includes('le' as L)) invalid(`${name}: "le" is reserved for histogram buckets`, { metric: name });
    return this.#register('histogram', name, help, labelNames, bounds, () => {
      const sets = new LabelSets<HistogramCell>(labelNames, this.#maxLabelSets, () => ({ counts: bounds.map(() => 0), sum: 0, count: 0 }));
      const handle: Histogram<L> = {
        observe(labels, value) {
          if (Number.isNaN(value)) invalid(`${name}: cannot observe NaN`, { metric: name });
          const cell = sets.series(labels);
          let i = 0;
          while (i < bounds.length - 1 && value > (bounds[i] ?? Number.POSITIVE_INFINITY)) i += 1;
          cell.counts[i] = (cell.counts[i] ?? 0) + 1;
          cell.sum += value;
          cell.count += 1;
        },
        get: (labels) => {
          const cell = sets.peek(labels);
          return cell === undefined ? undefined : snapshot(bounds, cell);
        },
      };
      return { sets, handle };
    }) as Histogram<L>;
  }

  /** Every metric in the Prometheus text exposition format (version 0.0.4), in registration order. */
  render(): string {
    const lines: string[] = [];
    const overflow: [string, number][] = [];
    for (const metric of this.#metrics.values()) {
      lines.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}`, `# TYPE ${metric.name} ${metric.kind}`);
      if (metric.kind === 'histogram') renderHistogram(lines, metric, metric.sets as LabelSets<HistogramCell>);
      else for (const { values, state } of (metric.sets as LabelSets<Cell>).all()) lines.push(`${metric.name}${formatLabels(metric.labelNames, values)} ${formatValue(state.value)}`);
      if (metric.sets.overflowed > 0) overflow.push([metric.name, metric.sets.overflowed]);
    }
    lines.push(`# HELP ${LABEL_OVERFLOW_METRIC} Updates folded into the "other" label set because a metric reached its label-set cap.`);
    lines.push(`# TYPE ${LABEL_OVERFLOW_METRIC} counter`);
    for (const [name, count] of overflow) lines.push(`${LABEL_OVERFLOW_METRIC}${formatLabels(['metric'], [name])} ${count}`);
    return `${lines.join('\n')}\n`;
  }

  #register(kind: Kind, name: string, help: string, labelNames: readonly string[], bounds: readonly number[], create: () => Pick<Metric, 'sets' | 'handle'>): Counter | Gauge | Histogram {
    if (!isMetricName(name) || name === LABEL_OVERFLOW_METRIC) invalid(`"${name}" is not a valid metric name`, { metric: name });
    for (const label of labelNames) if (!isLabelName(label)) invalid(`${name}: "${label}" is not a valid label name`, { metric: name, label });
    if (new Set(labelNames).size !== labelNames.length) invalid(`${name}: duplicate label names`, { metric: name });
    const existing = this.#metrics.get(name);
    if (existing !== undefined) {
      if (existing.kind === kind && sameList(existing.labelNames, labelNames) && sameList(existing.bounds, bounds)) return existing.handle;
      invalid(`${name} is already registered as a ${existing.kind} with other labels or buckets`, { metric: name });
    }
    const { sets, handle } = create();
    if (labelNames.length === 0) (sets as LabelSets<unknown>).series({});
    this.#metrics.set(name, { kind, name, help, labelNames: [...labelNames], bounds, sets, handle });
    return handle;
  }
}

function renderHistogram(lines: string[], metric: Metric, sets: LabelSets<HistogramCell>): void {
  const names = metric.labelNames;
  const les = metric.bounds.map((bound) => `le="${formatValue(bound)}"`);
  for (const { values, state } of sets.all()) {
    let cumulative = 0;
    for (let i = 0; i < les.length; i += 1) {
      cumulative += state.counts[i] ?? 0;
      lines.push(`${metric.name}_bucket${formatLabels(names, values, les[i])} ${cumulative}`);
    }
    const labels = formatLabels(names, values);
    lines.push(`${metric.name}_sum${labels} ${formatValue(state.sum)}`, `${metric.name}_count${labels} ${state.count}`);
  }
}

function snapshot(bounds: readonly number[], cell: HistogramCell): HistogramSnapshot {
  let cumulative = 0;
  const buckets = cell.counts.map((count) => (cumulative += count));
  return { bounds, buckets, sum: cell.sum, count: cell.count };
}

function checkBuckets(name: string, buckets: readonly number[]): readonly number[] {
  const bounds = buckets.filter((bound) => bound !== Number.POSITIVE_INFINITY);
  if (bounds.length === 0) invalid(`${name}: a histogram needs at least one finite bucket`, { metric: name });
  for (let i = 0; i < bounds.length; i += 1) {
    const bound = bounds[i] ?? Number.NaN;
    if (!Number.isFinite(bound) || (i > 0 && bound <= (bounds[i - 1] ?? Number.NaN))) {
      invalid(`${name}: buckets must be finite and strictly increasing`, { metric: name, buckets: [...buckets] });
    }
  }
  return [...bounds, Number.POSITIVE_INFINITY];
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
