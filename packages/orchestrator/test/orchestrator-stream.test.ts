// Stream calls end to end through real shadow workers (decision 0016): the caller gets exactly the
// primary's events as they come, whatever the shadow does; the chunks are teed within a byte budget and
// compared after the end; drops are counted; time to first event and gaps are measured per runtime.
// Time is a manual clock: timeouts fire and time passes only when a test says so.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrchestrator, createRedactor, loadConfig, openDiffStore, type DiffRecord, type DiffStore, type Orchestrator } from '../src/index.js';
import { lines, PrimaryFailure } from './fixtures/stream-module.mjs';
import { manualClock, type ManualClock } from './helpers/manual-clock.js';
import { tempStores } from './helpers/store-fixtures.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/stream-module.mjs', import.meta.url));
const TIMEOUT_MS = 5000;
const quiet = { warn: () => undefined, error: () => undefined };
const { tempPath, track } = tempStores();
const opened: Orchestrator[] = [];
const utf8 = new TextEncoder();

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

interface Setup {
  readonly o: Orchestrator;
  readonly clock: ManualClock;
  readonly store: DiffStore;
}

async function setup(shadow: Record<string, unknown> = {}): Promise<Setup> {
  const config = loadConfig({ modules: { lines: { import: FIXTURE } }, defaults: { mode: 'shadow' }, shadow: { workers: 1, timeoutMs: TIMEOUT_MS, memoryMb: 128, ...shadow } }, {});
  const clock = manualClock(Date.UTC(2026, 11, 1, 9, 0, 0));
  const store = track(openDiffStore({ path: tempPath(), redactor: createRedactor({ key: 'stream-test-key-0123456789' }), retention: { intervalMs: 0 }, clock, logger: { ...quiet, info: () => undefined } }));
  const o = await createOrchestrator(config, { store, env: {}, logger: quiet, clock });
  opened.push(o);
  await o.start();
  return { o, clock, store };
}

/** The record of `requestId`, once its shadow settles. */
function recordOf(o: Orchestrator, requestId: string): { settled: () => boolean; record: Promise<DiffRecord> } {
  let done = false;
  const record = new Promise<DiffRecord>((resolve) => {
    const off = o.onRecord((r) => {
      if (r.requestId !== requestId) return;
      done = true;
      off();
      resolve(r);
    });
  });
  return { settled: () => done, record };
}

/** An async source of `chunks`, calling `between(i)` before yielding chunk `i`; `closed()` tells whether it was returned early. */
function source(chunks: readonly (string | Uint8Array)[], between: (i: number) => void | Promise<void> = () => undefined): AsyncIterable<string | Uint8Array> & { closed: () => boolean } {
  let closed = false;
  return {
    closed: () => closed,
    async *[Symbol.asyncIterator]() {
      try {
        for (const [i, chunk] of chunks.entries()) {
          await between(i);
          yield chunk;
        }
      } finally {
        closed = true;
      }
    },
  };
}

/** What the module's own TS session makes of the chunks (the events a caller must get, unchanged). */
async function direct(options: Record<string, unknown>, chunks: readonly (string | Uint8Array)[]): Promise<{ events: unknown[]; result: unknown }> {
  const session = await lines.open('ts', 'lines', options);
  const events: unknown[] = [];
  for (const chunk of chunks) events.push(...(await session.push(chunk)));
  const end = await session.finish();
  return { events: [...events, ...end.events], result: end.result };
}

const count = (o: Orchestrator, metric: string): number => Number(o.metrics.render().match(new RegExp(`^${metric.replace(/[{}"=,]/g, (c) => `\\${c}`)} (\\d+(?:\\.\\d+)?)$`, 'm'))?.[1] ?? 0);
const dropped = (o: Orchestrator, reason: string): number => count(o, `llms_wasm_shadow_dropped_total{module="lines",reason="${reason}"}`);

describe('the caller gets the primary stream as it comes', () => {
  it('yields exactly the primary events, in order, with its result, and compares after the end', async () => {
    const { o } = await setup();
    const chunks = ['alpha\nbe', utf8.encode('ta\ngam'), utf8.encode('ma\n'), 'delta'];
    const expected = await direct({ mode: 'ok' }, chunks);
    const watch = recordOf(o, 's-ok');
    const call = o.stream('lines', 'lines', { mode: 'ok' }, source(chunks), { requestId: 's-ok' });
    const got: unknown[] = [];
    for await (const event of call) got.push(event);
    expect(got).toEqual(expected.events);
    await expect(call.result).resolves.toEqual(expected.result);
    expect(watch.settled()).toBe(false); // the caller had its whole stream before the shadow ran
    const record = await watch.record;
    expect(record).toMatchObject({ status: 'match', classification: null, module: 'lines', operation: 'lines', runtime_main: 'ts', runtime_shadow: 'wasm' });
    expect(record.stream_timing?.main).toMatchObject({ events: 4, chunks: 4, bytes: 22 });
    expect(record.stream_timing?.shadow).toMatchObject({ events: 4, chunks: 4, bytes: 22 });
  });

  it('a shadow that never finishes delays nothing: another stream is served in full while it hangs', async () => {
    const { o, clock } = await setup();
    const hung = recordOf(o, 's-hang');
    for await (const _ of o.stream('lines', 'lines', { mode: 'hang' }, source(['a\n', 'b\n']), { requestId: 's-hang' })) void _;
    await clock.armed(TIMEOUT_MS); // the hanging shadow now holds the only worker
    const next = recordOf(o, 's-after');
    const chunks = ['one\ntwo\n', 'three\n'];
    const call = o.stream('lines', 'lines', { mode: 'ok' }, source(chunks), { requestId: 's-after' });
    const got: unknown[] = [];
    for await (const event of call) got.push(event);
    expect(got).toEqual((await direct({ mode: 'ok' }, chunks)).events);
    await expect(call.result).resolves.toEqual({ lines: 3, bytes: 14 });
    expect([hung.settled(), next.settled()]).toEqual([false, false]);
    clock.advance(TIMEOUT_MS);
    await expect(hung.record).resolves.toMatchObject({ status: 'shadow_error', shadow_error: { code: 'SHADOW_TIMEOUT' }, stream_timing: { shadow: null } });
    await expect(next.record).resolves.toMatchObject({ status: 'match' });
  });

  it('passes a primary error mid-stream through unchanged, and records how far the shadow got', async () => {
    const { o } = await setup();
    const watch = recordOf(o, 's-fail');
    const got: unknown[] = [];
    const call = o.stream('lines', 'lines', { mode: 'ok', primary: 'fail' }, source(['x\n', 'FAIL\n', 'never\n']), { requestId: 's-fail' });
    const error = await (async () => {
      for await (const event of call) got.push(event);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrimaryFailure);
    expect((error as Error).message).toBe('the primary refused the chunk');
    expect(got).toEqual([{ line: 'x', n: 0 }]);
    await expect(call.result).rejects.toBe(error);
    // The shadow was fed the same two chunks and did not fail: a difference, classified by the fix path.
    const record = await watch.record;
    expect(record).toMatchObject({ status: 'diff', classification: 'logic_bug', stream_timing: { main: { chunks: 2 }, shadow: { chunks: 2, events: 2 } } });
  });

  it('the shadow sees the chunks as they came, even when the source reuses its buffer', async () => {
    const { o } = await setup();
    const buffer = utf8.encode('aa\n');
    const reused = {
      async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
        yield buffer;
        buffer.set(utf8.encode('bb\n'));
        yield buffer;
      },
    };
    const watch = recordOf(o, 's-reuse');
    const got: unknown[] = [];
    for await (const event of o.stream('lines', 'lines', { mode: 'ok' }, reused, { requestId: 's-reuse' })) got.push(event);
    expect(got).toEqual([{ line: 'aa', n: 0 }, { line: 'bb', n: 1 }]);
    await expect(watch.record).resolves.toMatchObject({ status: 'match' });
  });
});

describe('the shadow of a stream is compared after its end', () => {
  it('records a diff, with its paths, timing and redacted stream payloads, when the WASM side deviates', async () => {
    const { o } = await setup();
    const watch = recordOf(o, 's-diff');
    const call = o.stream('lines', 'lines', { mode: 'diff' }, source(['first\nsec', 'ond\napi_key=sk-proj-abcdefghijklmnopqrstuvwxyz0123\n']), { requestId: 's-diff' });
    const got: unknown[] = [];
    for await (const event of call) got.push(event);
    expect(got).toEqual([{ line: 'first', n: 0 }, { line: 'second', n: 1 }, { line: 'api_key=sk-proj-abcdefghijklmnopqrstuvwxyz0123', n: 2 }]);
    const record = await watch.record;
    expect(record).toMatchObject({ status: 'diff', classification: 'logic_bug' });
    expect(record.diff_summary?.paths).toEqual(['/events/1/line']);
    const payloads = record.payload_refs as { input: { options: unknown; stream: string; chunk_bytes: number[] }; main: { events: unknown[] }; shadow: { events: unknown[] } };
    expect(payloads.input.options).toEqual({ mode: 'diff' });
    expect(payloads.input.chunk_bytes).toEqual([9, 51]);
    expect(payloads.input.stream.startsWith('first\nsecond\n')).toBe(true);
    expect(JSON.stringify(payloads)).not.toContain('sk-proj-abcdefghijklmnopqrstuvwxyz0123'); // redacted in the worker
    expect(payloads.shadow.events[1]).toEqual({ line: 'SECOND', n: 1 });
  });

  it('records the shadow failing as a shadow error', async () => {
    const { o } = await setup();
    const watch = recordOf(o, 's-refuse');
    for await (const _ of o.stream('lines', 'lines', { mode: 'fail' }, source(['a\n']), { requestId: 's-refuse' })) void _;
    await expect(watch.record).resolves.toMatchObject({ status: 'shadow_error', shadow_error: { code: 'REFUSED' } });
  });
});

describe('a stream shadow that cannot be kept is dropped and counted, never the caller slowed', () => {
  it('over the byte budget: every event still served, the shadow dropped as stream_budget', async () => {
    const { o, store } = await setup({ streamBudgetBytes: 32 });
    const records: DiffRecord[] = [];
    o.onRecord((r) => records.push(r));
    const chunks = Array.from({ length: 5 }, (_, i) => `line-${i}...\n`); // 5 x 10 bytes: passes 32 at the 4th
    const call = o.stream('lines', 'lines', { mode: 'ok' }, source(chunks), { requestId: 's-big' });
    const got: unknown[] = [];
    for await (const event of call) got.push(event);
    expect(got).toEqual((await direct({ mode: 'ok' }, chunks)).events);
    await expect(call.result).resolves.toEqual({ lines: 5, bytes: 50 });
    // Within budget, the same operation is shadowed.
    const small = recordOf(o, 's-small');
    for await (const _ of o.stream('lines', 'lines', { mode: 'ok' }, source(chunks.slice(0, 3)), { requestId: 's-small' })) void _;
    await small.record;
    await o.drain();
    expect(records.map((r) => r.requestId)).toEqual(['s-small']);
    expect(dropped(o, 'stream_budget')).toBe(1);
    const w = store.window('lines', 0, Date.UTC(2027, 0, 1));
    expect(w.overall).toMatchObject({ calls: 2, compared: 1, dropped: { stream_budget: 1 } });
  });

  it('a caller that stops reading: the source is returned, the shadow discarded as caller_aborted', async () => {
    const { o, store } = await setup();
    const input = source(['a\nb\n', 'c\n']);
    const call = o.stream('lines', 'lines', { mode: 'ok' }, input, { requestId: 's-stop' });
    for await (const event of call) {
      expect(event).toEqual({ line: 'a', n: 0 });
      break;
    }
    await expect(call.result).rejects.toMatchObject({ code: 'STREAM_ENDED_EARLY' });
    expect(input.closed()).toBe(true);
    expect(dropped(o, 'caller_aborted')).toBe(1);
    expect(o.modules.get('lines')?.stats('ts').sessions.open).toBe(0);
    await o.drain();
    expect(store.window('lines', 0, Date.UTC(2027, 0, 1)).overall).toMatchObject({ calls: 1, compared: 0, dropped: { caller_aborted: 1 } });
  });

  it('an abort while the caller holds an event ends the iteration with the reason and discards the shadow', async () => {
    const { o } = await setup();
    const controller = new AbortController();
    let release: () => void = () => undefined;
    const input = source(['a\n', 'b\n'], (i) => (i === 1 ? new Promise<void>((resolve) => (release = resolve)) : undefined));
    const call = o.stream('lines', 'lines', { mode: 'ok' }, input, { requestId: 's-abort', signal: controller.signal });
    const got: unknown[] = [];
    const reason = new Error('client went away');
    const iterated = (async () => {
      for await (const event of call) {
        got.push(event);
        controller.abort(reason); // while the source holds chunk 2 back
      }
    })();
    await expect(iterated).rejects.toBe(reason);
    await expect(call.result).rejects.toBe(reason);
    expect(got).toEqual([{ line: 'a', n: 0 }]);
    release();
    expect(dropped(o, 'caller_aborted')).toBe(1);
    expect(o.modules.get('lines')?.stats('ts').sessions.open).toBe(0);
  });

  it('an abort while the source is waiting rejects the pending read with the reason', async () => {
    const { o } = await setup();
    const controller = new AbortController();
    let waiting: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => (waiting = resolve));
    const input = source(['a\n', 'b\n'], (i) => {
      if (i === 1) waiting();
      return i === 1 ? new Promise<void>(() => undefined) : undefined; // chunk 2 never comes
    });
    const call = o.stream('lines', 'lines', { mode: 'ok' }, input, { signal: controller.signal });
    await expect(call.next()).resolves.toEqual({ done: false, value: { line: 'a', n: 0 } });
    const pending = call.next();
    await asked;
    const reason = new Error('deadline');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await expect(call.result).rejects.toBe(reason);
    expect(dropped(o, 'caller_aborted')).toBe(1);
    expect(o.modules.get('lines')?.stats('ts').sessions.open).toBe(0);
  });

  it('a source that fails: its error reaches the caller, the shadow is dropped as source_error', async () => {
    const { o } = await setup();
    const failure = new Error('upstream reset');
    const input = {
      async *[Symbol.asyncIterator](): AsyncGenerator<string> {
        yield 'a\n';
        throw failure;
      },
    };
    const call = o.stream('lines', 'lines', { mode: 'ok' }, input);
    await expect((async () => {
      for await (const _ of call) void _;
    })()).rejects.toBe(failure);
    expect(dropped(o, 'source_error')).toBe(1);
  });
});

describe('time to first event and inter-event gaps, per runtime', () => {
  it('are measured on the orchestrator clock for the primary and on the same arrivals for the shadow', async () => {
    const { o, clock } = await setup();
    const watch = recordOf(o, 's-time');
    // Chunk 2 arrives 40 ms in and completes two lines; chunk 3 arrives 25 ms later and completes one.
    const input = source(['a', 'b\nc\n', 'd\n'], (i) => clock.advance(i === 1 ? 40 : i === 2 ? 25 : 0));
    for await (const _ of o.stream('lines', 'lines', { mode: 'ok' }, input, { requestId: 's-time' })) void _;
    const record = await watch.record;
    expect(record.stream_timing?.main).toEqual({ events: 3, chunks: 3, bytes: 7, first_event_ms: 40, gap_p50_ms: 0, gap_p99_ms: 25, gap_max_ms: 25 });
    const shadow = record.stream_timing?.shadow;
    // The shadow cannot have had an event before the chunk that completed it arrived.
    expect(shadow?.first_event_ms).toBeGreaterThanOrEqual(40);
    expect(shadow?.events).toBe(3);
    const labels = (runtime: string): string => `{module="lines",operation="lines",runtime="${runtime}"`;
    expect(count(o, `llms_wasm_stream_first_event_seconds_bucket${labels('ts')},le="0.025"}`)).toBe(0);
    expect(count(o, `llms_wasm_stream_first_event_seconds_bucket${labels('ts')},le="0.05"}`)).toBe(1);
    expect(count(o, `llms_wasm_stream_event_gap_seconds_bucket${labels('ts')},le="0.001"}`)).toBe(1); // the two lines of one chunk
    expect(count(o, `llms_wasm_stream_event_gap_seconds_count${labels('ts')}}`)).toBe(2);
    expect(count(o, `llms_wasm_stream_event_gap_seconds_sum${labels('ts')}}`)).toBeCloseTo(0.025, 9);
    expect(count(o, `llms_wasm_stream_first_event_seconds_count${labels('wasm')}}`)).toBe(1);
    expect(count(o, `llms_wasm_stream_event_gap_seconds_count${labels('wasm')}}`)).toBe(2);
  });
});
