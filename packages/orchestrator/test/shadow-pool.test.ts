// The shadow pool starts or says why: a worker that dies before it is ready is retried with back-off
// within a budget, then the pool is unavailable and every shadow settles as SHADOW_UNAVAILABLE; close()
// reports every shadow it discards. Time is a manual clock: back-offs and deadlines pass when the test says.
import { mkdtempSync, rmSync } from 'node:fs';
import { serialize } from 'node:v8';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs } from '../src/clock.js';
import { defaultRulesetDir } from '@llms-wasm/module-kit';
import type { ShadowJob } from '../src/shadow/job.js';
import { ShadowPool, type JobSettlement, type PoolEvent, type ShadowPoolOptions } from '../src/shadow/pool.js';
import { manualClock, type ManualClock } from './helpers/manual-clock.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/faulty-module.mjs', import.meta.url));
const DYING = fileURLToPath(new URL('./fixtures/dying-worker.mjs', import.meta.url));
const ONE_WINNER = fileURLToPath(new URL('./fixtures/one-winner-worker.mjs', import.meta.url));
const REAL_WORKER = fileURLToPath(new URL('../dist/shadow-worker.js', import.meta.url));
const pools: ShadowPool[] = [];

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close(0)));
});

let nextJob = 1;
function job(mode: string, value: unknown = 1): ShadowJob {
  return { jobId: nextJob++, kind: 'compare', module: 'faulty', operation: 'run', shadowRuntime: 'wasm', input: serialize({ mode, value }), main: { ok: true, value: { echo: value }, ms: 1 }, keepMatch: false, listenerCopy: false };
}

interface Harness {
  readonly pool: ShadowPool;
  readonly settled: JobSettlement[];
  readonly events: PoolEvent[];
  /** Resolves when `count` jobs have settled in all (the pool's own report, no polling). */
  settledCount(count: number): Promise<void>;
}

function pool(options: Partial<ShadowPoolOptions> & { clock: ManualClock }): Harness {
  const settled: JobSettlement[] = [];
  const events: PoolEvent[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const p = new ShadowPool(
    { modules: [{ id: 'faulty', import: FIXTURE }], rulesetDir: defaultRulesetDir(), redaction: { key: 'shadow-pool-test-key-0123456789' }, timeoutMs: 60_000, onEvent: (e) => events.push(e), ...options },
    (s) => {
      settled.push(s);
      for (const w of waiters.filter((w) => settled.length >= w.count)) w.resolve();
    },
  );
  pools.push(p);
  return {
    pool: p,
    settled,
    events,
    settledCount: (count) => (settled.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
  };
}

/** Lets every back-off pass, one attempt at a time, until `attempts` workers have failed to start. */
async function failEveryStart(clock: ManualClock, attempts: number): Promise<void> {
  for (let failure = 1; failure < attempts; failure += 1) {
    await clock.armed(backoffMs(failure));
    clock.advance(backoffMs(failure));
  }
}

describe('start-up failure budget', () => {
  it('a worker that dies before it is ready is retried with back-off, then the pool is unavailable and says why', async () => {
    const clock = manualClock();
    const { pool: p, settled, events } = pool({ clock, workerScript: DYING, startAttempts: 4 });
    let ready = false;
    const started = p.ready().then(() => (ready = true));
    await failEveryStart(clock, 4);
    await started;
    expect(ready).toBe(true);
    expect(p.state).toBe('unavailable');
    expect(p.failure).toMatch(/^no shadow worker could start \(4 attempts per worker\): .*cannot start/);
    expect(p.stats).toMatchObject({ startFailures: 4, workers: 0, replacements: 0 });
    expect(events.map((e) => (e.type === 'worker_start_failed' ? `${e.attempt}:${e.retryInMs}` : e.type))).toEqual(['1:50', '2:100', '3:200', '4:null', 'unavailable']);
    // Every shadow is now settled at once as SHADOW_UNAVAILABLE, never queued forever.
    expect(p.submit(job('ok'))).toBe(true);
    expect(settled).toEqual([expect.objectContaining({ kind: 'failed', code: 'SHADOW_UNAVAILABLE', message: expect.stringContaining('cannot start') as string })]);
    expect(p.stats.unavailable).toBe(1);
  });

  it('jobs queued while the workers were still trying to start settle as SHADOW_UNAVAILABLE', async () => {
    const clock = manualClock();
    const { pool: p, settled } = pool({ clock, workerScript: DYING, startAttempts: 2 });
    expect(p.submit(job('ok', 'a'))).toBe(true);
    expect(p.submit(job('ok', 'b'))).toBe(true);
    expect(settled).toEqual([]);
    await failEveryStart(clock, 2);
    await p.ready();
    expect(settled.map((s) => (s.kind === 'failed' ? s.code : s.kind))).toEqual(['SHADOW_UNAVAILABLE', 'SHADOW_UNAVAILABLE']);
    await p.drain(); // nothing is left waiting
  });

  it.each([1, 4])('a memory cap too small to boot a worker (memoryMb %i) ends in an unavailable pool, not a respawn loop', async (memoryMb) => {
    const clock = manualClock();
    const { pool: p } = pool({ clock, memoryMb, startAttempts: 3 });
    await failEveryStart(clock, 3);
    await p.ready();
    expect(p.state).toBe('unavailable');
    expect(p.stats.startFailures).toBe(3);
  });

  it('a slot that cannot start is given up while the others run: the pool is degraded, not failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llms-wasm-pool-'));
    process.env['LLMS_WASM_TEST_CLAIM'] = join(dir, 'claimed');
    process.env['LLMS_WASM_TEST_REAL_WORKER'] = REAL_WORKER;
    try {
      const clock = manualClock();
      const { pool: p, settledCount, settled, events } = pool({ clock, workerScript: ONE_WINNER, workers: 2, memoryMb: 64, startAttempts: 2 });
      await failEveryStart(clock, 2);
      await p.ready();
      expect(p.state).toBe('degraded');
      expect(p.stats).toMatchObject({ workers: 1, startFailures: 2 });
      expect(events.map((e) => e.type)).toEqual(['worker_start_failed', 'worker_start_failed']);
      p.submit(job('ok', 5));
      await settledCount(1);
      expect(settled[0]).toMatchObject({ kind: 'result', result: { verdict: { status: 'match' } } });
    } finally {
      delete process.env['LLMS_WASM_TEST_CLAIM'];
      delete process.env['LLMS_WASM_TEST_REAL_WORKER'];
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a worker that was ready and then dies is replaced at once, outside the start-up budget', async () => {
    const clock = manualClock();
    const { pool: p, settled, settledCount } = pool({ clock, memoryMb: 64, startAttempts: 1 });
    await p.ready();
    expect(p.state).toBe('ready');
    p.submit(job('oom'));
    await settledCount(1);
    expect(settled[0]).toMatchObject({ kind: 'failed', code: 'SHADOW_OOM' });
    p.submit(job('ok', 7));
    await p.drain();
    expect(settled[1]).toMatchObject({ kind: 'result', result: { verdict: { status: 'match' } } });
    expect(p.stats).toMatchObject({ startFailures: 0, replacements: 1, oom: 1 });
  });
});

describe('close()', () => {
  it('discards what is still queued or running when its deadline passes, and reports each as dropped (closing)', async () => {
    const clock = manualClock();
    const { pool: p, settled } = pool({ clock, memoryMb: 64 });
    await p.ready();
    p.submit(job('hang'));
    p.submit(job('ok', 2));
    p.submit(job('ok', 3));
    const closed = p.close(1000);
    expect(p.submit(job('ok', 4))).toBe(true); // refused while closing, and reported
    await clock.armed(1000); // close() is waiting for the hanging shadow
    clock.advance(1000);
    await closed;
    expect(settled.map((s) => (s.kind === 'dropped' ? `dropped:${s.reason}` : s.kind))).toEqual(['dropped:closing', 'dropped:closing', 'dropped:closing', 'dropped:closing']);
    expect(p.stats).toMatchObject({ discarded: 4, completed: 0, queued: 0, running: 0 });
    expect(p.state).toBe('closed');
  });

  it('waits for running shadows within its deadline and discards nothing', async () => {
    const clock = manualClock();
    const { pool: p, settled } = pool({ clock, memoryMb: 64 });
    await p.ready();
    p.submit(job('ok', 1));
    p.submit(job('slow', 2));
    await p.close(1000);
    expect(settled.map((s) => s.kind)).toEqual(['result', 'result']);
    expect(p.stats.discarded).toBe(0);
  });
});
