// The record relay (decision 0018): with a file store, a kept record is built, redacted and checked in the
// shadow worker and sent straight to the store's writer thread; the caller's thread only counts it. The
// store's counters, flush() and failure counts still cover every record, whichever way it came.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createOrchestrator, createRedactor, loadConfig, openDiffStore, type DiffRecord, type DiffStore } from '../src/index.js';
import type { BatchWriter, RelayClient, RelaySink } from '../src/store/batch-writer.js';
import { WritePipeline } from '../src/store/write-pipeline.js';
import { manualClock } from './helpers/manual-clock.js';
import { scratch } from './helpers/scratch.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/faulty-module.mjs', import.meta.url));
const quiet = { warn: () => undefined, error: () => undefined, info: () => undefined };
const SECRET = 'sk-proj-relayRelayRelay0123456789abcdefghijkl';
const { tempDb, later } = scratch('llms-wasm-relay-');
const TIMEOUT_MS = 2000;

/** A file store, and the same store with `write` counted (the caller-side path). */
function countedStore(over: Partial<Parameters<typeof openDiffStore>[0]> = {}): { store: DiffStore; writes: () => number; path: string; writers: Worker[] } {
  const path = tempDb();
  const writers: Worker[] = [];
  const inner = openDiffStore({ path, redactor: createRedactor({ key: 'relay-test-key-0123456789' }), retention: { intervalMs: 0 }, logger: quiet, onWorker: (w) => writers.push(w), ...over });
  later(() => inner.close());
  let writes = 0;
  const store: DiffStore = {
    ...inner,
    write(record) {
      writes += 1;
      inner.write(record);
    },
  };
  return { store, writes: () => writes, path, writers };
}

async function orchestrator(store: DiffStore, clock = manualClock()) {
  const config = loadConfig({ modules: { faulty: { import: FIXTURE } }, defaults: { mode: 'shadow' }, shadow: { workers: 1, timeoutMs: TIMEOUT_MS } }, {});
  // The orchestrator's clock moves only when a test moves it: no shadow times out because the machine is slow.
  const o = await createOrchestrator(config, { store, env: {}, logger: quiet, clock });
  later(() => o.close());
  await o.start();
  return o;
}

const fileBytes = (path: string): string => ['', '-wal', '-shm'].map((s) => { try { return readFileSync(path + s).toString('latin1'); } catch { return ''; } }).join('');

describe('the record relay', () => {
  it('kept records reach the store from the worker, redacted, without passing through store.write', async () => {
    const { store, writes, path } = countedStore();
    expect(store.relay).toBeDefined();
    const o = await orchestrator(store);
    const value = `Authorization: Bearer ${SECRET}, reach jane.doe@example.com`;
    for (let i = 0; i < 3; i += 1) await o.call('faulty', 'run', { mode: 'diff', value }, { requestId: `chatcmpl-AbC9xYz8relay${i}`, tenant: 'acme' });
    await o.call('faulty', 'run', { mode: 'throw', value }, { requestId: 'req-throw' });
    await o.call('faulty', 'run', { mode: 'ok', value }, { requestId: 'req-match' });
    await o.drain();
    expect(writes()).toBe(0);
    const stats = store.stats();
    expect(stats).toMatchObject({ written: 4, stored: 4, queued: 0, dropped: 0 });
    expect(stats.failedWrites.total).toBe(0);
    const [diff] = store.query({ requestId: 'chatcmpl-AbC9xYz8relay1' });
    expect(diff).toMatchObject({ status: 'diff', classification: 'logic_bug', tenant: 'acme', module: 'faulty' });
    expect(JSON.stringify((diff as DiffRecord).payload_refs)).toContain('[secret]');
    expect(store.query({ requestId: 'req-throw' })[0]).toMatchObject({ status: 'shadow_error', shadow_error: { message: 'the shadow threw' } });
    expect(store.query({ requestId: 'req-match' })).toHaveLength(0);
    await o.close();
    await store.close();
    const bytes = fileBytes(path);
    expect(bytes).not.toContain(SECRET.slice(8));
    expect(bytes).not.toContain('jane.doe@example.com');
  });

  it('a shadow that timed out keeps its redacted input and main output, relayed by the follow-up worker job', async () => {
    const { store, writes, path } = countedStore();
    const clock = manualClock();
    const o = await orchestrator(store, clock);
    await o.call('faulty', 'run', { mode: 'hang', value: `token ${SECRET}` }, { requestId: 'req-hang' });
    await clock.armed(TIMEOUT_MS); // the shadow is running in its worker, and hangs there
    clock.advance(TIMEOUT_MS);
    await o.drain();
    expect(writes()).toBe(0);
    const [record] = store.query({ requestId: 'req-hang' });
    expect(record).toMatchObject({ status: 'shadow_error', shadow_error: { code: 'SHADOW_TIMEOUT' } });
    const payloads = record?.payload_refs as { input?: unknown; main?: unknown } | null;
    expect(payloads?.input).toMatchObject({ mode: 'hang' });
    expect(payloads?.main).toMatchObject({ echo: expect.stringContaining('[secret]') as string });
    await o.close();
    await store.close();
    expect(fileBytes(path)).not.toContain(SECRET.slice(8));
  });

  it('record listeners still get every record, redacted, with payloads of their own', async () => {
    const { store, writes } = countedStore();
    const o = await orchestrator(store);
    const seen: DiffRecord[] = [];
    o.onRecord((r) => seen.push(r));
    await o.call('faulty', 'run', { mode: 'diff', value: `key ${SECRET}` }, { requestId: 'req-listened' });
    await o.drain();
    expect(writes()).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ requestId: 'req-listened', status: 'diff' });
    expect(JSON.stringify(seen[0]?.payload_refs)).toContain('[secret]');
    expect(JSON.stringify(seen[0])).not.toContain(SECRET.slice(8));
    expect(store.query({ requestId: 'req-listened' })[0]?.payload_refs).toEqual(seen[0]?.payload_refs);
  });

  it('after the writer thread dies, records take the caller-side path until the next writer serves new ports', async () => {
    const { store, writes, writers } = countedStore();
    const o = await orchestrator(store);
    await o.call('faulty', 'run', { mode: 'diff', value: 1 }, { requestId: 'before' });
    await o.drain();
    expect(writes()).toBe(0);
    await writers[0]?.terminate();
    for (let i = 0; i < 4; i += 1) {
      await o.call('faulty', 'run', { mode: 'diff', value: i }, { requestId: `after-${i}` });
      await o.drain();
    }
    // Nothing was in flight when the thread died: every record is stored, none lost.
    expect(store.stats()).toMatchObject({ written: 5, stored: 5, workerRestarts: 1 });
    expect(store.stats().failedWrites.total).toBe(0);
    expect(store.query({ limit: 10 }).map((r) => r.requestId).sort()).toEqual(['after-0', 'after-1', 'after-2', 'after-3', 'before']);
    expect(writers).toHaveLength(2);
  });

  it('relayed records a writer never reports fail as a timeout once it has been silent for writeTimeoutMs', async () => {
    const clock = manualClock();
    const { store } = countedStore({ clock, writeTimeoutMs: 5000 });
    const relay = store.relay;
    if (relay === undefined) throw new Error('a file store has a relay');
    const ports: { generation: number; live: boolean }[] = [];
    relay.connect((port, generation) => {
      ports.push({ generation, live: port !== null });
      port?.close();
    });
    while (!ports.some((p) => p.live)) await new Promise((resolve) => setImmediate(resolve));
    const generation = (ports.find((p) => p.live) as { generation: number }).generation;
    // Announced, but never sent on the port: the writer can never report it.
    relay.sent(generation);
    expect(store.stats().queued).toBe(1);
    let flushed = false;
    const flushing = store.flush().then(() => (flushed = true));
    await clock.armed(5000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushed).toBe(false);
    clock.advance(5000);
    await flushing;
    expect(store.stats().failedWrites.byReason.timeout).toBe(1);
    expect(store.stats().queued).toBe(0);
    expect(ports.at(-1)).toEqual({ generation, live: false });
  });
});

/** A writer whose relay the test drives by hand. */
function handWriter() {
  let sink: RelaySink | null = null;
  const watched: boolean[] = [];
  const writer: BatchWriter = {
    restarts: 0,
    write: () => Promise.resolve({ written: 0, stored: 0, summaries: 0, lostSummaries: 0, failures: [] }),
    retain: () => Promise.resolve({ records: 0, summaries: 0 }),
    evidence: () => Promise.reject(new Error('not here')),
    close: () => Promise.resolve(),
    connectRelay: (_client: RelayClient) => () => undefined,
    onRelay: (s) => {
      sink = s;
    },
    watchRelay: (active) => watched.push(active),
  };
  const pipeline = new WritePipeline({ writer, redactor: null, keepMatches: 0, maxQueue: 10, batchSize: 10, logger: quiet, clock: manualClock() });
  return { pipeline, watched, sink: () => sink as unknown as RelaySink };
}

describe('the store pipeline and relayed records', () => {
  it('flush waits for announced records until the writer reports them or is gone, and counts what was lost', async () => {
    const { pipeline, watched, sink } = handWriter();
    for (let i = 0; i < 3; i += 1) pipeline.relaySent(1);
    expect(pipeline.stats().queued).toBe(3);
    let flushed = false;
    const flushing = pipeline.flush().then(() => (flushed = true));
    sink().done(1, { written: 2, stored: 2, summaries: 0, lostSummaries: 0, failures: [] });
    await Promise.resolve();
    expect(flushed).toBe(false);
    sink().retired(1, 'WORKER_CRASH', 'writer worker exited with code 1');
    await flushing;
    const stats = pipeline.stats();
    expect(stats).toMatchObject({ written: 2, stored: 2, queued: 0 });
    expect(stats.failedWrites.byReason.worker_crash).toBe(1);
    // An announcement for the dead writer that arrives late is lost, and counted.
    pipeline.relaySent(1);
    expect(pipeline.stats().failedWrites.byReason.worker_crash).toBe(2);
    expect(watched[0]).toBe(true);
    expect(watched.at(-1)).toBe(false);
  });

  it('records the writer refused for a full backlog are counted as dropped; SQLite failures by reason', async () => {
    const { pipeline, sink } = handWriter();
    for (let i = 0; i < 4; i += 1) pipeline.relaySent(2);
    sink().done(2, { written: 1, stored: 1, summaries: 0, lostSummaries: 0, failures: [{ code: 'QUEUE_FULL', message: '2 records refused', count: 2 }, { code: 'SQLITE_FULL', message: 'database or disk is full', count: 1 }] });
    await pipeline.flush();
    const stats = pipeline.stats();
    expect(stats).toMatchObject({ written: 1, dropped: 2, queued: 0 });
    expect(stats.failedWrites.byReason.disk_full).toBe(1);
    expect(stats.failedWrites.total).toBe(1);
  });

  it('a report that arrives before its announcement settles the record at once', async () => {
    const { pipeline, sink } = handWriter();
    sink().done(4, { written: 1, stored: 1, summaries: 0, lostSummaries: 0, failures: [] });
    pipeline.relaySent(4);
    expect(pipeline.stats().queued).toBe(0);
    await pipeline.flush();
    expect(pipeline.stats().written).toBe(1);
  });
});
