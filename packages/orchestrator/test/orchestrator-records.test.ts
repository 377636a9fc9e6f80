// What the orchestrator hands to listeners and the store, end to end through real shadow workers: every
// call counted in the minute summaries (shadowed, skipped or dropped), records stamped with the versions
// that produced them, redaction done in the worker (the caller's thread never walks a payload), and
// payloads built only for records that are kept. A manual clock: nothing here depends on machine speed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrchestrator, createRedactor, loadConfig, openDiffStore, type DiffRecord, type DiffStore, type Orchestrator, type Redactor } from '../src/index.js';
import { sampleCount } from '../src/records/latency-histogram.js';
import { MINUTE_MS } from '../src/records/summary.js';
import { TRAP_WASM_SHA256 } from './fixtures/faulty-module.mjs';
import { manualClock, type ManualClock } from './helpers/manual-clock.js';
import { tempStores } from './helpers/store-fixtures.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/faulty-module.mjs', import.meta.url));
const KEY = 'orchestrator-records-key-0123456789';
const quiet = { warn: () => undefined, error: () => undefined };
const { tempPath, track } = tempStores();
const opened: Orchestrator[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

interface Setup {
  readonly o: Orchestrator;
  readonly store: DiffStore;
  readonly clock: ManualClock;
  readonly path: string;
}

async function setup(options: { modules?: Record<string, unknown>; shadow?: Record<string, unknown>; keepMatches?: number; redactor?: Redactor } = {}): Promise<Setup> {
  const config = loadConfig(
    {
      modules: options.modules ?? { faulty: { import: FIXTURE } },
      defaults: { mode: 'shadow' },
      shadow: { workers: 1, timeoutMs: 60_000, memoryMb: 256, ...options.shadow },
    },
    {},
  );
  const clock = manualClock(Date.UTC(2026, 11, 1, 9, 0, 0));
  const path = tempPath();
  const store = track(openDiffStore({ path, redactor: options.redactor ?? createRedactor({ key: KEY }), keepMatches: options.keepMatches ?? 0, retention: { intervalMs: 0 }, clock, logger: { ...quiet, info: () => undefined } }));
  const o = await createOrchestrator(config, { store, env: {}, logger: quiet, clock });
  opened.push(o);
  await o.start();
  return { o, store, clock, path };
}

const storedBytes = (path: string): string =>
  ['', '-wal', '-shm']
    .map((suffix) => {
      try {
        return readFileSync(path + suffix).toString('latin1');
      } catch {
        return '';
      }
    })
    .join('');

describe('every call is counted in the minute summaries', () => {
  it('sampled-out calls are counted as skipped, next to the compared ones: rates cover all traffic', async () => {
    const { o, store } = await setup({ modules: { faulty: { import: FIXTURE, sampleRate: 0.5 } } });
    for (let i = 0; i < 60; i += 1) await o.call('faulty', 'run', { mode: i % 3 === 0 ? 'diff' : 'ok', value: i });
    await o.drain();
    const [s] = store.summary();
    expect(s?.calls).toBe(60);
    const sampledOut = store.window('faulty', 0, Date.UTC(2027, 0, 1)).overall.skipped['sampled_out'] ?? 0;
    expect((s?.compared ?? 0) + sampledOut).toBe(60);
    expect((s?.matches ?? 0) + (s?.diffs ?? 0)).toBe(s?.compared);
  });

  it('calls of a mode without a shadow are counted as skipped (no_shadow) with their latency', async () => {
    const { o, store } = await setup({ modules: { faulty: { import: FIXTURE, mode: 'ts_primary' } } });
    for (let i = 0; i < 5; i += 1) await o.call('faulty', 'run', { mode: 'ok', value: i }, { tenant: 'acme', route: 'chat' });
    await o.drain();
    const w = store.window('faulty', 0, Date.UTC(2027, 0, 1));
    expect(w.overall).toMatchObject({ calls: 5, compared: 0, skipped: { no_shadow: 5 }, dropped: {} });
    expect(sampleCount(w.overall.latencyMain['ts'] ?? { sub: 16, counts: {} })).toBe(5);
    expect(Object.keys(w.byTenant)).toEqual(['acme']);
    expect(Object.keys(w.byRoute)).toEqual(['chat']);
    expect(store.query()).toEqual([]); // nothing was compared: nothing to keep in full
  });

  it('shadows dropped for a full queue are counted in the store with their reason', async () => {
    const { o, store } = await setup({ shadow: { workers: 1, queueSize: 1 } });
    await Promise.all(Array.from({ length: 12 }, (_, i) => o.call('faulty', 'run', { mode: 'slow', value: i })));
    await o.drain();
    const w = store.window('faulty', 0, Date.UTC(2027, 0, 1)).overall;
    expect(w.calls).toBe(12);
    expect(w.dropped['queue_full']).toBeGreaterThan(0);
    expect(w.compared + (w.dropped['queue_full'] ?? 0)).toBe(12);
    expect(o.metrics.render()).toContain(`llms_wasm_shadow_dropped_total{module="faulty",reason="queue_full"} ${w.dropped['queue_full']}`);
  });

  it('a window holds only its minutes; its histograms count every call and every paired delta', async () => {
    const { o, store, clock } = await setup();
    const start = clock.now();
    for (const [minute, calls] of [[0, 3], [1, 4], [2, 5]] as const) {
      for (let i = 0; i < calls; i += 1) await o.call('faulty', 'run', { mode: 'ok', value: i });
      await o.drain();
      clock.advance(MINUTE_MS);
      void minute;
    }
    const second = store.window('faulty', start + MINUTE_MS, start + 2 * MINUTE_MS).overall;
    expect(second).toMatchObject({ calls: 4, compared: 4, matches: 4 });
    expect(sampleCount(second.latencyDelta)).toBe(4);
    expect(sampleCount(second.latencyShadow['wasm'] ?? { sub: 16, counts: {} })).toBe(4);
    const all = store.window('faulty', start, start + 3 * MINUTE_MS);
    expect(all.overall.calls).toBe(12);
    expect(all.firstSeen).toBe(start);
    expect(store.window('faulty', start + 3 * MINUTE_MS, start + 4 * MINUTE_MS).overall.calls).toBe(0);
  });
});

describe('records', () => {
  it('name the module version, the .wasm digest and the llms version that produced them', async () => {
    const { o, store } = await setup();
    await o.call('faulty', 'run', { mode: 'diff', value: 1 }, { requestId: 'versions-1' });
    await o.drain();
    const [record] = store.query({ requestId: 'versions-1' });
    expect(record).toMatchObject({ module_version: '0.0.0', wasm_digest: TRAP_WASM_SHA256, llms_version: '@jsonstudio/llms@0.6.3689' });
  });

  it('listeners and the store receive redacted records; the caller\'s thread never redacts a payload', async () => {
    const real = createRedactor({ key: KEY });
    const seen: unknown[] = [];
    // The same redactor, watched on this thread (the worker builds its own from `config`).
    const watched: Redactor = { ...real, config: real.config, redact: (value, at) => (seen.push(value), real.redact(value, at)) };
    const { o, path } = await setup({ redactor: watched });
    const secret = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD';
    const big = `${'lorem ipsum '.repeat(20_000)} Authorization: Bearer ${secret} mail jane.doe@example.com`;
    const records: DiffRecord[] = [];
    o.onRecord((r) => records.push(r));
    await o.call('faulty', 'run', { mode: 'diff', value: big }, { requestId: 'redacted-1' });
    await o.drain();
    expect(records).toHaveLength(1);
    const text = JSON.stringify(records[0]);
    expect(text).not.toContain(secret.slice(8));
    expect(text).not.toContain('jane.doe@example.com');
    expect(text).toContain('[secret]');
    expect((records[0]?.payload_refs as { input?: unknown } | null)?.input).toBeDefined();
    // What this thread redacted: short strings only (owner, fix location), never a payload or a preview.
    expect(seen.every((v) => typeof v === 'string' && v.length < 200)).toBe(true);
    const bytes = storedBytes(path);
    expect(bytes).not.toContain(secret.slice(8));
    expect(bytes).not.toContain('jane.doe@example.com');
  });

  it('plain matches the store does not keep are never given payloads; nondeterministic matches are stored with theirs', async () => {
    const { o, store } = await setup({ keepMatches: 0 });
    const records: DiffRecord[] = [];
    o.onRecord((r) => records.push(r));
    await o.call('faulty', 'run', { mode: 'ok', value: 'plain' }, { requestId: 'plain' });
    await o.call('faulty', 'run', { mode: 'nondeterministic', value: 'nd' }, { requestId: 'nd' });
    await o.drain();
    const plain = records.find((r) => r.requestId === 'plain');
    const nd = records.find((r) => r.requestId === 'nd');
    expect(plain).toMatchObject({ status: 'match', classification: null, payload_refs: null });
    expect(nd).toMatchObject({ status: 'match', classification: 'nondeterministic' });
    expect(store.query({ requestId: 'plain' })).toEqual([]);
    const [stored] = store.query({ requestId: 'nd' });
    expect(stored?.payload_refs).toMatchObject({ input: { mode: 'nondeterministic', value: 'nd' }, main: { echo: 'nd' }, shadow: { echo: 'nd' } });
    expect(store.summary()[0]).toMatchObject({ calls: 2, compared: 2, matches: 2 });
  });

  it('plain matches the store samples (keepMatches 1) are stored with their payloads', async () => {
    const { o, store } = await setup({ keepMatches: 1 });
    await o.call('faulty', 'run', { mode: 'ok', value: 'kept' }, { requestId: 'kept' });
    await o.drain();
    expect(store.query({ requestId: 'kept' })[0]?.payload_refs).toMatchObject({ input: { value: 'kept' }, main: { echo: 'kept' } });
  });

  it('a shadow that timed out keeps its input and main output, redacted by a worker', async () => {
    const { o, store, clock } = await setup({ shadow: { workers: 1, timeoutMs: 5000 } });
    const secret = 'sk-proj-timeoutSecret0123456789abcdefghijkl';
    await o.call('faulty', 'run', { mode: 'hang', value: `token ${secret}` }, { requestId: 'hung' });
    await clock.armed(5000);
    clock.advance(5000);
    await o.drain();
    const [record] = store.query({ requestId: 'hung' });
    expect(record).toMatchObject({ status: 'shadow_error', shadow_error: { code: 'SHADOW_TIMEOUT' } });
    expect(record?.payload_refs).toMatchObject({ input: { mode: 'hang' }, main: { echo: expect.any(String) as string } });
    expect(JSON.stringify(record)).not.toContain(secret.slice(8));
    expect(store.window('faulty', 0, Date.UTC(2027, 0, 1)).overall).toMatchObject({ calls: 1, compared: 1, shadowErrors: 1 });
  });
});
