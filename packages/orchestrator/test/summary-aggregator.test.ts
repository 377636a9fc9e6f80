// The summary aggregator counts on the caller's thread and hands per-minute deltas to the store on its
// clock (every flushMs) or when too many keys are pending; nothing is counted twice or lost.
import { describe, expect, it } from 'vitest';
import { SummaryAggregator, type CallKey } from '../src/orchestrator/summary-aggregator.js';
import { sampleCount } from '../src/records/latency-histogram.js';
import { MINUTE_MS, type SummaryDelta } from '../src/records/summary.js';
import { manualClock } from './helpers/manual-clock.js';

const key = (tenant = 'acme'): CallKey => ({
  module: 'tools',
  operation: 'parse',
  runtime_main: 'ts',
  runtime_shadow: 'wasm',
  module_version: '0.1.0',
  wasm_digest: 'ab'.repeat(32),
  llms_version: '@jsonstudio/llms@0.6.3689',
  ruleset_version: 'v3',
  tenant,
  route: '',
});

describe('SummaryAggregator', () => {
  it('flushes on its clock, one delta per key and minute, with every count and sample', () => {
    const clock = manualClock(10 * MINUTE_MS);
    const flushed: SummaryDelta[][] = [];
    const agg = new SummaryAggregator(clock, (d) => flushed.push([...d]), { flushMs: 1000, maxKeys: 100 });
    const t0 = clock.now();
    agg.call(key(), t0, 1.5, false);
    agg.compared(key(), t0, 'match', 2, 0.5);
    agg.call(key(), t0 + 10, 3, true);
    agg.dropped(key(), t0 + 10, 'queue_full');
    agg.call(key(), t0 + MINUTE_MS, 1, false); // the next minute: its own delta
    agg.skipped(key(), t0 + MINUTE_MS, 'sampled_out');
    expect(flushed).toEqual([]);
    expect(clock.pending()).toEqual([1000]);
    clock.advance(1000);
    expect(flushed).toHaveLength(1);
    const [first, second] = flushed[0] ?? [];
    expect(first).toMatchObject({ bucket: t0, calls: 2, primary_errors: 1, outcomes: { match: 1, 'dropped:queue_full': 1 } });
    expect(sampleCount({ sub: 16, counts: first?.latency_main ?? {} })).toBe(2);
    expect(sampleCount({ sub: 16, counts: first?.latency_delta ?? {} })).toBe(1);
    expect(second).toMatchObject({ bucket: t0 + MINUTE_MS, calls: 1, outcomes: { 'skipped:sampled_out': 1 } });
    expect(clock.pending()).toEqual([]); // nothing pending: no timer
  });

  it('flushes at once (after the current turn) when maxKeys keys are pending', async () => {
    const clock = manualClock(0);
    const flushed: SummaryDelta[][] = [];
    const agg = new SummaryAggregator(clock, (d) => flushed.push([...d]), { flushMs: 60_000, maxKeys: 3 });
    for (const tenant of ['a', 'b', 'c']) agg.call(key(tenant), 0, 1, false);
    expect(flushed).toEqual([]);
    await Promise.resolve();
    expect(flushed.map((d) => d.length)).toEqual([3]);
  });

  it('flush() hands over what is pending now and nothing twice', () => {
    const clock = manualClock(0);
    const flushed: SummaryDelta[][] = [];
    const agg = new SummaryAggregator(clock, (d) => flushed.push([...d]));
    agg.call(key(), 0, 1, false);
    agg.flush();
    agg.flush();
    clock.advance(5000);
    expect(flushed.map((d) => d.length)).toEqual([1]);
  });
});
