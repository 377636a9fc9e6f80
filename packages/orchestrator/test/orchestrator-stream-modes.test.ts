// Stream calls under every mode: no shadow in ts_primary (counted as skipped, the primary still timed),
// WASM serving in wasm_primary with TS as the shadow, sampled out, and the errors a stream call raises
// before any event (an unknown module, a stream returned before it was read).
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrchestrator, createRedactor, loadConfig, openDiffStore, type DiffRecord, type DiffStore, type Orchestrator } from '../src/index.js';
import { manualClock } from './helpers/manual-clock.js';
import { tempStores } from './helpers/store-fixtures.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/stream-module.mjs', import.meta.url));
const quiet = { warn: () => undefined, error: () => undefined };
const { tempPath, track } = tempStores();
const opened: Orchestrator[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

async function setup(module: Record<string, unknown>, env: Record<string, string> = {}): Promise<{ o: Orchestrator; store: DiffStore }> {
  const config = loadConfig({ modules: { lines: { import: FIXTURE, ...module } }, defaults: { mode: 'shadow' }, shadow: { workers: 1, timeoutMs: 5000, memoryMb: 128 } }, env);
  const clock = manualClock(Date.UTC(2026, 11, 1, 9, 0, 0));
  const store = track(openDiffStore({ path: tempPath(), redactor: createRedactor({ key: 'stream-modes-key-0123456789' }), retention: { intervalMs: 0 }, clock, logger: { ...quiet, info: () => undefined } }));
  const o = await createOrchestrator(config, { store, env, logger: quiet, clock });
  opened.push(o);
  await o.start();
  return { o, store };
}

const drainAll = async (call: AsyncIterable<unknown>): Promise<unknown[]> => {
  const got: unknown[] = [];
  for await (const event of call) got.push(event);
  return got;
};
const window = (store: DiffStore): ReturnType<DiffStore['window']>['overall'] => store.window('lines', 0, Date.UTC(2027, 0, 1)).overall;

describe('stream calls and modes', () => {
  it('ts_primary: served by TS, not shadowed, counted as skipped and still timed', async () => {
    const { o, store } = await setup({ mode: 'ts_primary' });
    const records: DiffRecord[] = [];
    o.onRecord((r) => records.push(r));
    await expect(drainAll(o.stream('lines', 'lines', { mode: 'diff' }, ['a\nb\n']))).resolves.toEqual([{ line: 'a', n: 0 }, { line: 'b', n: 1 }]);
    await o.drain();
    expect(records).toEqual([]);
    expect(window(store)).toMatchObject({ calls: 1, compared: 0, skipped: { no_shadow: 1 } });
    expect(o.metrics.render()).toMatch(/^llms_wasm_stream_first_event_seconds_count\{module="lines",operation="lines",runtime="ts"\} 1$/m);
  });

  it('wasm_primary: WASM serves its own events, TS shadows them and the record says so', async () => {
    const { o } = await setup({}, { LLMS_WASM_MODE: 'wasm_primary' });
    const record = new Promise<DiffRecord>((resolve) => o.onRecord(resolve));
    await expect(drainAll(o.stream('lines', 'lines', { mode: 'diff' }, ['a\nb\n'], { requestId: 'wp' }))).resolves.toEqual([{ line: 'a', n: 0 }, { line: 'B', n: 1 }]);
    await expect(record).resolves.toMatchObject({ requestId: 'wp', runtime_main: 'wasm', runtime_shadow: 'ts', status: 'diff' });
  });

  it('sampled out: counted as skipped', async () => {
    const { o, store } = await setup({ sampleRate: 0 });
    await drainAll(o.stream('lines', 'lines', { mode: 'ok' }, ['a\n']));
    await o.drain();
    expect(window(store)).toMatchObject({ calls: 1, compared: 0, skipped: { sampled_out: 1 } });
  });

  it('an unknown module fails the first read and the result, like call', async () => {
    const { o } = await setup({});
    const call = o.stream('nope', 'lines', {}, []);
    await expect(call.next()).rejects.toMatchObject({ code: 'MODULE_UNKNOWN' });
    await expect(call.result).rejects.toMatchObject({ code: 'MODULE_UNKNOWN' });
  });

  it('a stream returned before it was read settles its result and runs nothing', async () => {
    const { o, store } = await setup({});
    const call = o.stream('lines', 'lines', { mode: 'ok' }, ['a\n']);
    await expect(call.return?.(undefined)).resolves.toEqual({ done: true, value: undefined });
    await expect(call.result).rejects.toMatchObject({ code: 'STREAM_ENDED_EARLY', detail: { reason: 'never_read' } });
    await o.drain();
    expect(window(store).calls).toBe(0);
  });

  it('bad options are the primary error, and the shadow fails the same way: a kit failure on both sides is a diff', async () => {
    const { o } = await setup({});
    const record = new Promise<DiffRecord>((resolve) => o.onRecord(resolve));
    const call = o.stream('lines', 'lines', { mode: 1 }, ['a\n']);
    await expect(call.next()).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(record).resolves.toMatchObject({ status: 'diff', stream_timing: { main: { chunks: 0, events: 0 } } });
  });
});
