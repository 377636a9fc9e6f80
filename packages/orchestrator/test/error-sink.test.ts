// The error sink: typed events for runtime init failures, degradations, shadow failures (code and stack
// hash), store write failures and a shadow pool that cannot start — every one redacted with the store's
// rules first, tested with planted secrets. Time is a manual clock: timeouts fire when the test says.
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffMs } from '../src/clock.js';
import { createOrchestrator, createRedactor, loadConfig, openDiffStore, type Orchestrator, type OrchestratorEvent } from '../src/index.js';
import type { DiffStore } from '../src/store/diff-store.js';
import { LEAKY_SECRET } from './fixtures/faulty-module.mjs';
import { manualClock, type ManualClock } from './helpers/manual-clock.js';
import { tempStores } from './helpers/store-fixtures.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/faulty-module.mjs', import.meta.url));
const DYING = fileURLToPath(new URL('./fixtures/dying-worker.mjs', import.meta.url));
const KEY = 'error-sink-test-key-0123456789';
const TIMEOUT_MS = 400;
const quiet = { warn: () => undefined, error: () => undefined };
const opened: Orchestrator[] = [];
const { tempPath, track } = tempStores();

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close(0)));
});

interface Setup {
  readonly o: Orchestrator;
  readonly events: OrchestratorEvent[];
  readonly clock: ManualClock;
}

async function setup(options: { modules?: Record<string, unknown>; store?: DiffStore; workerScript?: string; startAttempts?: number; start?: boolean } = {}): Promise<Setup> {
  const config = loadConfig(
    {
      modules: options.modules ?? { faulty: { import: FIXTURE } },
      defaults: { mode: 'shadow' },
      shadow: { workers: 1, timeoutMs: TIMEOUT_MS, memoryMb: 64, ...(options.startAttempts ? { startAttempts: options.startAttempts } : {}) },
    },
    {},
  );
  const events: OrchestratorEvent[] = [];
  const clock = manualClock();
  const o = await createOrchestrator(config, {
    store: options.store ?? null,
    env: {},
    logger: quiet,
    clock,
    redactor: createRedactor({ key: KEY }),
    errorSink: (event) => events.push(event),
    ...(options.workerScript ? { workerScript: options.workerScript } : {}),
  });
  opened.push(o);
  if (options.start !== false) await o.start();
  return { o, events, clock };
}

/** Resolves with the first event of `type` (now or later). */
function next<T extends OrchestratorEvent['type']>(events: OrchestratorEvent[], type: T): Promise<Extract<OrchestratorEvent, { type: T }>> {
  return new Promise((resolve) => {
    const find = (): boolean => {
      const found = events.find((e) => e.type === type);
      if (found) resolve(found as Extract<OrchestratorEvent, { type: T }>);
      return found !== undefined;
    };
    if (find()) return;
    const push = events.push.bind(events);
    events.push = (...items: OrchestratorEvent[]): number => {
      const n = push(...items);
      find();
      return n;
    };
  });
}

describe('events reach the sink', () => {
  it('an init failure: runtime_init_failed (here and in the shadow workers) and runtime_degraded, its secret removed', async () => {
    const { o, events } = await setup({ modules: { faulty: { import: FIXTURE }, leaky: { import: FIXTURE } } });
    const init = events.filter((e) => e.type === 'runtime_init_failed');
    expect(init).toEqual([
      expect.objectContaining({ module: 'leaky', runtime: 'wasm', where: 'main', message: expect.stringContaining('cannot fetch the binary with api_key=[secret]') as string }),
      expect.objectContaining({ module: 'leaky', runtime: 'wasm', where: 'shadow' }),
    ]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'runtime_degraded', module: 'leaky', runtime: 'wasm', mode: 'ts_primary' }));
    const everything = JSON.stringify([events, await o.start(), o.overrides()]);
    expect(everything).not.toContain(LEAKY_SECRET.slice(3));
    expect(everything).not.toContain('leakyInitSecret');
    expect(o.metrics.render()).toMatch(/llms_wasm_error_events_total\{type="runtime_init_failed"\} [1-9]/);
  });

  it('a trap: shadow_failed with its code and stack hash', async () => {
    const { o, events } = await setup();
    await o.call('faulty', 'run', { mode: 'trap', value: 1 }, { requestId: 'trap-1' });
    const failed = await next(events, 'shadow_failed');
    expect(failed).toMatchObject({ module: 'faulty', operation: 'run', requestId: 'trap-1', runtime: 'wasm', code: 'UNEXPECTED' });
    expect(failed.stackHash).toMatch(/^stack:[0-9a-f]{16}$/);
    expect(failed.message).toMatch(/unreachable/);
  });

  it('a timeout: shadow_failed SHADOW_TIMEOUT', async () => {
    const { o, events, clock } = await setup();
    await o.call('faulty', 'run', { mode: 'hang', value: 1 }, { requestId: 'hang-1' });
    await clock.armed(TIMEOUT_MS);
    clock.advance(TIMEOUT_MS);
    await expect(next(events, 'shadow_failed')).resolves.toMatchObject({ requestId: 'hang-1', code: 'SHADOW_TIMEOUT', stackHash: null, message: expect.stringContaining(`ran past ${TIMEOUT_MS} ms`) as string });
  });

  it('a shadow pool that cannot start: each failed attempt, then shadow_pool_unavailable; shadows become skipped records naming SHADOW_UNAVAILABLE', async () => {
    const { o, events, clock } = await setup({ workerScript: DYING, startAttempts: 3, start: false });
    const report = o.start();
    for (let failure = 1; failure < 3; failure += 1) {
      await clock.armed(backoffMs(failure));
      clock.advance(backoffMs(failure));
    }
    await expect(report).resolves.toMatchObject({ shadowWorkers: expect.stringMatching(/^failed: no shadow worker could start/) as string });
    expect(events.filter((e) => e.type === 'shadow_worker_start_failed').map((e) => (e.type === 'shadow_worker_start_failed' ? e.retryInMs : 0))).toEqual([50, 100, null]);
    expect(events.filter((e) => e.type === 'shadow_pool_unavailable')).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain('dyingWorkerToken');
    const record = new Promise((resolve) => o.onRecord(resolve));
    await expect(o.call('faulty', 'run', { mode: 'ok', value: 1 })).resolves.toEqual({ echo: 1 });
    // The shadow never ran: no comparison, so a skipped record (and a `dropped:unavailable` count), not a shadow error.
    await expect(record).resolves.toMatchObject({ status: 'skipped', classification: null, shadow_error: { code: 'SHADOW_UNAVAILABLE' } });
    const metrics = o.metrics.render();
    expect(metrics).toMatch(/llms_wasm_shadow_failures_total\{module="faulty",code="SHADOW_UNAVAILABLE"\} 1/);
    expect(metrics).toMatch(/llms_wasm_shadow_pool_up 0/);
    expect(metrics).toMatch(/llms_wasm_shadow_worker_start_failures_total 3/);
    expect(events.filter((e) => e.type === 'shadow_failed')).toEqual([]); // one pool event, not one per call
  });

  it('a store write failure: store_write_failed with its reason and code, the message redacted', async () => {
    const path = tempPath();
    const store = track(openDiffStore({ path, redactor: createRedactor({ key: KEY }), logger: quiet, retention: { intervalMs: 0 }, clock: manualClock() }));
    const db = new Database(path);
    db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON diff_records BEGIN SELECT RAISE(ABORT, 'refused: password=hunter2-prod and Bearer abcdefghijklmnop123456'); END`);
    db.close();
    const { o, events } = await setup({ store });
    await o.call('faulty', 'run', { mode: 'diff', value: 1 });
    await o.drain();
    const failed = await next(events, 'store_write_failed');
    expect(failed).toMatchObject({ reason: 'constraint', count: 1, code: 'SQLITE_CONSTRAINT_TRIGGER' });
    expect(failed.message).toBe('refused: password=[secret] and Bearer [secret]');
    expect(store.stats().lastError?.message).toBe('refused: password=[secret] and Bearer [secret]');
  });
});

describe('what reaches the sink never carries a secret', () => {
  const planted = [
    'Bearer plantedBearerToken0123456789abcdef',
    'sk-proj-plantedOpenAiKey0123456789ABCDEFGHIJ',
    'ghp_plantedGithubToken0123456789ABCDEFGHIJ',
    'AKIAPLANTEDAWSKEY234',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.plantedSignature0123456789',
    'api_key=plantedQueryValue0123',
    'xoxb-123456789012-plantedSlackToken01',
  ];

  it.each(planted)('a shadow error message and a request id holding %s', async (secret) => {
    const { o, events } = await setup();
    await o.call('faulty', 'run', { mode: 'throw-value', value: `while calling upstream with ${secret}` }, { requestId: `req-${secret}` });
    const failed = await next(events, 'shadow_failed');
    expect(failed.message).toContain('[secret]');
    expect(failed.requestId).toMatch(/^hid:[0-9a-f]{32}$/); // a consistent keyed hash: still findable, carries nothing
    expect(failed.requestId).toBe(createRedactor({ key: KEY }).identifier(`req-${secret}`));
    const body = secret.replace(/^(?:Bearer |api_key=)/, '');
    expect(JSON.stringify(events)).not.toContain(body.slice(-12));
  });

  it('a provider request id is kept as it is', async () => {
    const { o, events } = await setup();
    const requestId = 'chatcmpl-AbC9xYz8Qw3Er5Ty7Ui9Op1As2Df4';
    await o.call('faulty', 'run', { mode: 'throw', value: 1 }, { requestId });
    await expect(next(events, 'shadow_failed')).resolves.toMatchObject({ requestId });
  });
});

describe('the default sink and a failing sink', () => {
  it('by default each event is one redacted line on the logger', async () => {
    const logger = { warn: vi.fn<(m: string) => void>(), error: vi.fn<(m: string) => void>() };
    const config = loadConfig({ modules: { faulty: { import: FIXTURE }, leaky: { import: FIXTURE } }, defaults: { mode: 'shadow' }, shadow: { workers: 1, memoryMb: 64 } }, {});
    const o = await createOrchestrator(config, { store: null, env: {}, logger, clock: manualClock() });
    opened.push(o);
    await o.start();
    const lines = logger.error.mock.calls.map(([line]) => line);
    expect(lines).toContainEqual(expect.stringMatching(/^\[llms-wasm\] runtime_init_failed leaky: the wasm runtime failed to initialize \(RUNTIME_INIT_FAILED\): .*cannot fetch the binary with api_key=\[secret\]/));
    expect(lines).toContainEqual(expect.stringMatching(/^\[llms-wasm\] runtime_degraded leaky: locked to ts_primary/));
    expect(lines.join('\n')).not.toContain('leakyInitSecret');
  });

  it('a sink that throws is reported on the logger and never reaches the caller', async () => {
    const logger = { warn: vi.fn<(m: string) => void>(), error: vi.fn<(m: string) => void>() };
    const config = loadConfig({ modules: { faulty: { import: FIXTURE } }, defaults: { mode: 'shadow' }, shadow: { workers: 1, memoryMb: 64 } }, {});
    let reported: () => void = () => {};
    const failedOnce = new Promise<void>((resolve) => (reported = resolve));
    const o = await createOrchestrator(config, {
      store: null,
      env: {},
      logger,
      clock: manualClock(),
      errorSink: () => {
        reported();
        throw new Error('sink down; token=plantedSinkToken0123');
      },
    });
    opened.push(o);
    await o.start();
    await expect(o.call('faulty', 'run', { mode: 'throw', value: 1 })).resolves.toEqual({ echo: 1 });
    await failedOnce;
    await o.drain();
    expect(logger.error).toHaveBeenCalledWith('[llms-wasm] the error sink failed on a shadow_failed event: sink down; token=[secret]');
  });
});
