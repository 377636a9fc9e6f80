import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isOrchestratorError } from '../src/errors.js';
import { escapeLabelValue, PROMETHEUS_CONTENT_TYPE } from '../src/metrics/exposition.js';
import { LABEL_OVERFLOW_METRIC, MetricsRegistry } from '../src/metrics/metrics-registry.js';

/** Property runs: FC_NUM_RUNS (tooling/vitest.setup.ts), capped for this file's heavier properties. */
const runs = (cap: number): number => Math.min(fc.readConfigureGlobal().numRuns ?? cap, cap);

function lines(registry: MetricsRegistry): string[] {
  return registry.render().split('\n');
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isOrchestratorError(error) ? error.code : 'other';
  }
  return undefined;
}

/** Reverses the exposition format's label-value escaping. */
function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char));
}

describe('MetricsRegistry exposition', () => {
  it('writes HELP and TYPE lines, then one line per series, in registration order', () => {
    const registry = new MetricsRegistry();
    const calls = registry.counter('llms_wasm_calls_total', 'Calls by module.', ['module', 'runtime']);
    const depth = registry.gauge('llms_wasm_queue_depth', 'Queued shadow calls.');
    calls.inc({ module: 'tokenizer', runtime: 'ts' });
    calls.inc({ module: 'tokenizer', runtime: 'ts' }, 2);
    calls.inc({ module: 'tools', runtime: 'wasm' }, 0.5);
    depth.set({}, 7);
    depth.dec({}, 2);
    depth.inc({});
    expect(registry.render()).toBe(
      [
        '# HELP llms_wasm_calls_total Calls by module.',
        '# TYPE llms_wasm_calls_total counter',
        'llms_wasm_calls_total{module="tokenizer",runtime="ts"} 3',
        'llms_wasm_calls_total{module="tools",runtime="wasm"} 0.5',
        '# HELP llms_wasm_queue_depth Queued shadow calls.',
        '# TYPE llms_wasm_queue_depth gauge',
        'llms_wasm_queue_depth 6',
        `# HELP ${LABEL_OVERFLOW_METRIC} Updates folded into the "other" label set because a metric reached its label-set cap.`,
        `# TYPE ${LABEL_OVERFLOW_METRIC} counter`,
        '',
      ].join('\n'),
    );
    expect(calls.get({ module: 'tokenizer', runtime: 'ts' })).toBe(3);
    expect(calls.get({ module: 'nope', runtime: 'ts' })).toBe(0);
    expect(PROMETHEUS_CONTENT_TYPE).toContain('version=0.0.4');
  });

  it('renders a label-less metric as 0 before any update, and a labelled one with no series as HELP/TYPE only', () => {
    const registry = new MetricsRegistry();
    registry.counter('a_total', 'A.');
    registry.counter('b_total', 'B.', ['x']);
    expect(lines(registry).slice(0, 5)).toEqual(['# HELP a_total A.', '# TYPE a_total counter', 'a_total 0', '# HELP b_total B.', '# TYPE b_total counter']);
  });

  it('escapes backslash, double quote and newline in label values, backslash and newline in HELP', () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter('esc_total', 'Line one\nback\\slash "quoted"', ['v']);
    counter.inc({ v: 'a\\b"c\nd' });
    const out = lines(registry);
    expect(out[0]).toBe('# HELP esc_total Line one\\nback\\\\slash "quoted"');
    expect(out[2]).toBe('esc_total{v="a\\\\b\\"c\\nd"} 1');
  });

  it('formats special values as Prometheus does', () => {
    const registry = new MetricsRegistry();
    const gauge = registry.gauge('g', 'G.', ['k']);
    gauge.set({ k: 'inf' }, Number.POSITIVE_INFINITY);
    gauge.set({ k: 'ninf' }, Number.NEGATIVE_INFINITY);
    gauge.set({ k: 'nan' }, Number.NaN);
    gauge.set({ k: 'small' }, 1e-7);
    expect(lines(registry).slice(2, 6)).toEqual(['g{k="inf"} +Inf', 'g{k="ninf"} -Inf', 'g{k="nan"} NaN', 'g{k="small"} 1e-7']);
  });

  test.prop([fc.string({ unit: 'binary' })], { numRuns: runs(200) })('any label value survives escaping', (value) => {
    const registry = new MetricsRegistry();
    registry.counter('p_total', 'P.', ['v']).inc({ v: value });
    const line = lines(registry)[2] ?? '';
    const match = /^p_total\{v="((?:[^"\\\n]|\\.)*)"\} 1$/.exec(line);
    expect(match).not.toBeNull();
    expect(unescape(match?.[1] ?? '')).toBe(value);
    expect(escapeLabelValue(value)).not.toMatch(/\n/);
  });
});

describe('histograms', () => {
  it('counts into cumulative buckets with le="+Inf", _sum and _count (le is inclusive)', () => {
    const registry = new MetricsRegistry();
    const latency = registry.histogram('lat_ms', 'Latency.', ['module'], [1, 5, 10]);
    for (const value of [0.5, 1, 3, 5, 7, 100]) latency.observe({ module: 'tokenizer' }, value);
    expect(lines(registry).slice(0, 8)).toEqual([
      '# HELP lat_ms Latency.',
      '# TYPE lat_ms histogram',
      'lat_ms_bucket{module="tokenizer",le="1"} 2',
      'lat_ms_bucket{module="tokenizer",le="5"} 4',
      'lat_ms_bucket{module="tokenizer",le="10"} 5',
      'lat_ms_bucket{module="tokenizer",le="+Inf"} 6',
      'lat_ms_sum{module="tokenizer"} 116.5',
      'lat_ms_count{module="tokenizer"} 6',
    ]);
    expect(latency.get({ module: 'tokenizer' })).toEqual({ bounds: [1, 5, 10, Number.POSITIVE_INFINITY], buckets: [2, 4, 5, 6], sum: 116.5, count: 6 });
    expect(latency.get({ module: 'tools' })).toBeUndefined();
  });

  it('accepts +Inf in the bucket list and renders label-less histograms', () => {
    const registry = new MetricsRegistry();
    const sizes = registry.histogram('size', 'Sizes.', [], [0.25, Number.POSITIVE_INFINITY]);
    sizes.observe({}, 0.25);
    expect(lines(registry).slice(2, 6)).toEqual(['size_bucket{le="0.25"} 1', 'size_bucket{le="+Inf"} 1', 'size_sum 0.25', 'size_count 1']);
  });

  test.prop([fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { maxLength: 50 })], { numRuns: runs(100) })('buckets are cumulative and the +Inf bucket equals the count', (values) => {
    const registry = new MetricsRegistry();
    const histogram = registry.histogram('h', 'H.', ['a'], [-10, 0, 10, 1000]);
    for (const value of values) histogram.observe({ a: 'x' }, value);
    const snapshot = histogram.get({ a: 'x' });
    if (values.length === 0) {
      expect(snapshot).toBeUndefined();
      return;
    }
    expect(snapshot?.count).toBe(values.length);
    expect(snapshot?.buckets.at(-1)).toBe(values.length);
    snapshot?.bounds.forEach((bound, i) => expect(snapshot.buckets[i]).toBe(values.filter((value) => value <= bound).length));
  });
});

describe('label-cardinality guard', () => {
  it('folds label sets past the cap into "other" and counts each folded update', () => {
    const registry = new MetricsRegistry({ maxLabelSets: 2 });
    const counter = registry.counter('c_total', 'C.', ['tenant', 'route']);
    counter.inc({ tenant: 'a', route: 'r' });
    counter.inc({ tenant: 'b', route: 'r' });
    counter.inc({ tenant: 'c', route: 'r' });
    counter.inc({ tenant: 'd', route: 'r' }, 5);
    counter.inc({ tenant: 'a', route: 'r' });
    const out = registry.render();
    expect(out).toContain('c_total{tenant="a",route="r"} 2\n');
    expect(out).toContain('c_total{tenant="other",route="other"} 6\n');
    expect(out).not.toContain('tenant="c"');
    expect(out).toContain(`${LABEL_OVERFLOW_METRIC}{metric="c_total"} 2\n`);
  });

  it('applies to histograms too', () => {
    const registry = new MetricsRegistry({ maxLabelSets: 1 });
    const histogram = registry.histogram('h', 'H.', ['k'], [1]);
    histogram.observe({ k: 'a' }, 0);
    histogram.observe({ k: 'b' }, 2);
    expect(registry.render()).toContain('h_bucket{k="other",le="+Inf"} 1\n');
  });
});

describe('registration', () => {
  it('returns the same handle for the same name, kind and labels', () => {
    const registry = new MetricsRegistry();
    const a = registry.counter('x_total', 'X.', ['k']);
    a.inc({ k: 'v' });
    expect(registry.counter('x_total', 'X.', ['k']).get({ k: 'v' })).toBe(1);
  });

  it.each([
    ['a clash of kinds', (r: MetricsRegistry) => (r.counter('x', 'X.'), r.gauge('x', 'X.'))],
    ['a clash of labels', (r: MetricsRegistry) => (r.counter('x', 'X.', ['a']), r.counter('x', 'X.', ['b']))],
    ['a clash of buckets', (r: MetricsRegistry) => (r.histogram('x', 'X.', [], [1]), r.histogram('x', 'X.', [], [2]))],
    ['a bad metric name', (r: MetricsRegistry) => r.counter('1bad', 'X.')],
    ['a bad label name', (r: MetricsRegistry) => r.counter('x', 'X.', ['bad-label'])],
    ['a reserved label name', (r: MetricsRegistry) => r.counter('x', 'X.', ['__name'])],
    ['duplicate label names', (r: MetricsRegistry) => r.counter('x', 'X.', ['a', 'a'])],
    ['le on a histogram', (r: MetricsRegistry) => r.histogram('x', 'X.', ['le'], [1])],
    ['unsorted buckets', (r: MetricsRegistry) => r.histogram('x', 'X.', [], [2, 1])],
    ['no finite bucket', (r: MetricsRegistry) => r.histogram('x', 'X.', [], [])],
    ['a negative counter increment', (r: MetricsRegistry) => r.counter('x', 'X.').inc({}, -1)],
    ['a NaN counter increment', (r: MetricsRegistry) => r.counter('x', 'X.').inc({}, Number.NaN)],
    ['a NaN observation', (r: MetricsRegistry) => r.histogram('x', 'X.', [], [1]).observe({}, Number.NaN)],
    ['the reserved overflow metric name', (r: MetricsRegistry) => r.counter(LABEL_OVERFLOW_METRIC, 'X.', ['metric'])],
  ])('refuses %s with METRIC_INVALID', (_, fn) => {
    expect(code(() => fn(new MetricsRegistry()))).toBe('METRIC_INVALID');
  });

  it('refuses a bad cap', () => {
    expect(code(() => new MetricsRegistry({ maxLabelSets: 0 }))).toBe('METRIC_INVALID');
  });
});
