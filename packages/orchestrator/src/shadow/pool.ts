import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RuntimeKind } from '@llms-wasm/module-kit';
import { backoffMs, systemClock, type Clock, type TimerHandle } from '../clock.js';
import type { FromWorker, ShadowJob, WorkerData } from './job.js';
import type { JobSettlement, PoolEvent, ShadowFailure, ShadowPoolOptions, ShadowPoolState, ShadowPoolStats } from './pool-types.js';

export type { JobSettlement, PoolEvent, ShadowFailure, ShadowPoolOptions, ShadowPoolState, ShadowPoolStats } from './pool-types.js';

/** One worker thread. */
interface Handle {
  readonly worker: Worker;
  ready: boolean;
  retired: boolean;
  job: ShadowJob | null;
  startedAt: number;
  timer: TimerHandle | null;
}

/** A place for one worker: it survives the workers that come and go in it. */
interface Slot {
  handle: Handle | null;
  /** Consecutive workers of this slot that died before they were ready. */
  startFailures: number;
  respawn: TimerHandle | null;
  everReady: boolean;
  givenUp: boolean;
}

interface Waiter {
  readonly resolve: () => void;
  timer: TimerHandle | null;
}

type Resolved = Required<Omit<ShadowPoolOptions, 'rulesetVersion' | 'workerScript' | 'clock' | 'onEvent'>> & { workerScript: string; rulesetVersion?: string };

function defaultWorkerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const file of [join(here, 'shadow-worker.js'), join(here, '..', 'dist', 'shadow-worker.js'), join(here, '..', '..', 'dist', 'shadow-worker.js')]) {
    if (existsSync(file)) return file;
  }
  throw new Error(`shadow-worker.js not found near ${here} (build the orchestrator package)`);
}

/**
 * Runs shadow jobs in worker threads, off the caller's path. The queue is bounded (a full queue drops the
 * job and counts it); a job that runs past its timeout is killed together with its worker, which is
 * replaced; a worker that crashes or runs out of memory is replaced and its job reported as a shadow error.
 * A worker that dies before it is ready is retried with back-off within a start-up budget; when no slot
 * can start, the pool is unavailable and every job settles as `SHADOW_UNAVAILABLE`. `close()` reports
 * every job it discards. Nothing here can throw into, delay or fail the caller of `submit`.
 */
export class ShadowPool {
  readonly stats: ShadowPoolStats = {
    submitted: 0, dropped: 0, discarded: 0, completed: 0, timeouts: 0, crashes: 0, oom: 0, recycled: 0, retried: 0, replacements: 0,
    startFailures: 0, unavailable: 0, queued: 0, running: 0, workers: 0,
  };
  /** Per module, the state of each runtime in the workers (`ready` or `failed: …`), from the first worker that started. */
  readonly runtimes: Map<string, Record<RuntimeKind, string>> = new Map();
  private readonly slots: Slot[] = [];
  private readonly queue: ShadowJob[] = [];
  private readonly options: Resolved;
  private readonly clock: Clock;
  private readonly onEvent: (event: PoolEvent) => void;
  private readonly retriesThisMinute: { minute: number; used: number } = { minute: 0, used: 0 };
  private readonly retriedJobs = new Set<number>();
  private readonly readyWaiters: (() => void)[] = [];
  private readonly idleWaiters: Waiter[] = [];
  private started = false;
  private accepting = true;
  private closed = false;
  private closing: Promise<void> | null = null;
  private unavailableReason: string | null = null;

  constructor(options: ShadowPoolOptions, private readonly onSettled: (settlement: JobSettlement) => void) {
    this.options = {
      modules: options.modules,
      rulesetDir: options.rulesetDir,
      workers: options.workers ?? 1,
      queueSize: options.queueSize ?? 256,
      timeoutMs: options.timeoutMs ?? 2000,
      memoryMb: options.memoryMb ?? 512,
      retryBudget: options.retryBudget ?? 0,
      startAttempts: Math.max(1, options.startAttempts ?? 5),
      workerScript: options.workerScript ?? defaultWorkerScript(),
      ...(options.rulesetVersion ? { rulesetVersion: options.rulesetVersion } : {}),
    };
    this.clock = options.clock ?? systemClock;
    const onEvent = options.onEvent;
    this.onEvent = (event) => {
      try {
        onEvent?.(event);
      } catch {
        // An observer's failure must not break the pool.
      }
    };
    for (let i = 0; i < this.options.workers; i++) {
      const slot: Slot = { handle: null, startFailures: 0, respawn: null, everReady: false, givenUp: false };
      this.slots.push(slot);
      this.spawn(slot);
    }
    this.stats.workers = this.slots.length;
  }

  /** Resolves once every worker slot has started or been given up (see `state` and `failure`). Never rejects. */
  ready(): Promise<void> {
    if (this.started) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Why no shadow can run, once the pool is unavailable. */
  get failure(): string | null {
    return this.unavailableReason;
  }

  /** `starting`, `ready`, `degraded` (some slots given up), `unavailable` (all given up) or `closed`. */
  get state(): ShadowPoolState {
    if (this.closed) return 'closed';
    if (this.unavailableReason !== null) return 'unavailable';
    if (!this.started) return 'starting';
    return this.slots.some((s) => s.givenUp) ? 'degraded' : 'ready';
  }

  /**
   * Queues a job. Returns false (and counts a drop) only when the queue is full. A job the pool cannot
   * run — it is unavailable, or closing — is accepted and settled at once (`SHADOW_UNAVAILABLE`, or
   * dropped with reason `closing`). Never throws.
   */
  submit(job: ShadowJob): boolean {
    this.stats.submitted += 1;
    if (!this.accepting) {
      this.discard(job);
      return true;
    }
    if (this.unavailableReason !== null) {
      this.failUnavailable(job);
      return true;
    }
    if (this.queue.length >= this.options.queueSize) {
      this.stats.dropped += 1;
      return false;
    }
    this.queue.push(job);
    this.stats.queued = this.queue.length;
    this.pump();
    return true;
  }

  /** Resolves when nothing is queued or running, or after `timeoutMs` on the pool's clock. Never rejects. */
  drain(timeoutMs = 30_000): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter: Waiter = { resolve, timer: null };
      waiter.timer = this.clock.setTimeout(() => {
        const at = this.idleWaiters.indexOf(waiter);
        if (at >= 0) this.idleWaiters.splice(at, 1);
        resolve();
      }, timeoutMs, true);
      this.idleWaiters.push(waiter);
    });
  }

  /**
   * Stops taking jobs (later ones are dropped with reason `closing`), waits up to `timeoutMs` for the
   * queued and running ones, then discards what is left — each reported as dropped, reason `closing` —
   * and stops every worker. Idempotent.
   */
  close(timeoutMs = 30_000): Promise<void> {
    this.closing ??= (async () => {
      this.accepting = false;
      await this.drain(timeoutMs);
      this.closed = true;
      for (const slot of this.slots) {
        if (slot.respawn) this.clock.clearTimeout(slot.respawn);
        slot.respawn = null;
      }
      for (const job of this.queue.splice(0)) this.discard(job);
      this.stats.queued = 0;
      const retiring: Promise<void>[] = [];
      for (const slot of this.slots) {
        const h = slot.handle;
        if (!h) continue;
        const job = h.job;
        this.finish(h);
        if (job) this.discard(job);
        retiring.push(this.retire(h));
      }
      this.wakeIdle();
      await Promise.all(retiring);
    })();
    return this.closing;
  }

  private spawn(slot: Slot): void {
    const data: WorkerData = {
      modules: this.options.modules,
      rulesetDir: this.options.rulesetDir,
      ...(this.options.rulesetVersion ? { rulesetVersion: this.options.rulesetVersion } : {}),
    };
    let worker: Worker;
    try {
      worker = new Worker(this.options.workerScript, {
        workerData: data,
        resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb, maxYoungGenerationSizeMb: Math.max(16, Math.floor(this.options.memoryMb / 8)) },
      });
    } catch (error) {
      this.startFailed(slot, `cannot start a worker: ${(error as Error).message}`);
      return;
    }
    const h: Handle = { worker, ready: false, retired: false, job: null, startedAt: 0, timer: null };
    slot.handle = h;
    worker.on('message', (message: FromWorker) => this.onMessage(slot, h, message));
    worker.on('error', (error: Error & { code?: string }) => this.onDeath(slot, h, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'SHADOW_OOM' : 'SHADOW_CRASH', error.message));
    worker.on('exit', (code) => this.onDeath(slot, h, 'SHADOW_CRASH', `worker exited with code ${code}`));
  }

  private onMessage(slot: Slot, h: Handle, message: FromWorker): void {
    if (h.retired) return;
    switch (message.type) {
      case 'ready':
        h.ready = true;
        slot.everReady = true;
        slot.startFailures = 0;
        for (const [id, state] of Object.entries(message.runtimes)) if (!this.runtimes.has(id)) this.runtimes.set(id, { ...state });
        this.checkStarted();
        this.pump();
        return;
      case 'fatal':
        this.onDeath(slot, h, 'SHADOW_CRASH', message.message);
        return;
      case 'result': {
        const job = h.job;
        if (!job || job.jobId !== message.result.jobId) return;
        this.finish(h);
        this.stats.completed += 1;
        this.settle({ kind: 'result', job, result: message.result });
        if (message.memoryMb > this.options.memoryMb) {
          this.stats.recycled += 1;
          this.replace(slot, h);
        }
        this.pump();
      }
    }
  }

  private onDeath(slot: Slot, h: Handle, code: ShadowFailure, message: string): void {
    if (h.retired) return;
    const job = h.job;
    const wasReady = h.ready;
    this.finish(h);
    if (job) {
      if (code === 'SHADOW_OOM') this.stats.oom += 1;
      else this.stats.crashes += 1;
      this.failOrRetry(job, code, message, this.clock.now() - h.startedAt);
    }
    if (wasReady) this.replace(slot, h);
    else {
      void this.retire(h);
      slot.handle = null;
      if (!this.closed) this.startFailed(slot, message);
    }
    this.pump();
  }

  /** A worker of `slot` died or failed before it was ready: retry with back-off, or give the slot up. */
  private startFailed(slot: Slot, message: string): void {
    this.stats.startFailures += 1;
    slot.startFailures += 1;
    const attempts = this.options.startAttempts;
    if (slot.startFailures < attempts) {
      const delay = backoffMs(slot.startFailures);
      this.onEvent({ type: 'worker_start_failed', attempt: slot.startFailures, attempts, message, retryInMs: delay });
      slot.respawn = this.clock.setTimeout(() => {
        slot.respawn = null;
        if (!this.closed) this.spawn(slot);
      }, delay, true);
      return;
    }
    this.onEvent({ type: 'worker_start_failed', attempt: slot.startFailures, attempts, message, retryInMs: null });
    slot.givenUp = true;
    this.stats.workers = this.slots.filter((s) => !s.givenUp).length;
    if (this.stats.workers === 0) {
      this.unavailableReason = `no shadow worker could start (${attempts} attempt${attempts === 1 ? '' : 's'} per worker): ${message}`;
      this.onEvent({ type: 'unavailable', message: this.unavailableReason, attempts });
      for (const job of this.queue.splice(0)) this.failUnavailable(job);
      this.stats.queued = 0;
    }
    this.checkStarted();
    this.wakeIdle();
  }

  private onTimeout(slot: Slot, h: Handle): void {
    const job = h.job;
    if (!job || h.retired) return;
    this.finish(h);
    this.stats.timeouts += 1;
    this.failOrRetry(job, 'SHADOW_TIMEOUT', `shadow ${job.module}.${job.operation} ran past ${this.options.timeoutMs} ms; its worker was killed`, this.options.timeoutMs);
    this.replace(slot, h);
    this.pump();
  }

  private failOrRetry(job: ShadowJob, code: ShadowFailure, message: string, ms: number): void {
    const minute = Math.floor(this.clock.now() / 60_000);
    if (this.retriesThisMinute.minute !== minute) {
      this.retriesThisMinute.minute = minute;
      this.retriesThisMinute.used = 0;
    }
    if (!this.retriedJobs.has(job.jobId) && this.retriesThisMinute.used < this.options.retryBudget && this.accepting) {
      this.retriesThisMinute.used += 1;
      this.retriedJobs.add(job.jobId);
      this.stats.retried += 1;
      this.queue.unshift(job);
      return;
    }
    this.retriedJobs.delete(job.jobId);
    this.settle({ kind: 'failed', job, code, message, ms });
  }

  private finish(h: Handle): void {
    if (h.timer) this.clock.clearTimeout(h.timer);
    h.timer = null;
    h.job = null;
    this.stats.running = this.slots.filter((s) => s.handle?.job).length;
  }

  /** Replaces a worker that was running (timed out, crashed, recycled): at once, no back-off. */
  private replace(slot: Slot, h: Handle): void {
    void this.retire(h);
    if (slot.handle === h) slot.handle = null;
    if (this.closed) return;
    this.stats.replacements += 1;
    this.spawn(slot);
  }

  private retire(h: Handle): Promise<void> {
    if (h.retired) return Promise.resolve();
    h.retired = true;
    if (h.timer) this.clock.clearTimeout(h.timer);
    h.timer = null;
    return h.worker.terminate().then(
      () => undefined,
      () => undefined,
    );
  }

  private pump(): void {
    if (this.unavailableReason !== null) {
      for (const job of this.queue.splice(0)) this.failUnavailable(job);
    }
    for (const slot of this.slots) {
      if (this.queue.length === 0 || this.closed) break;
      const h = slot.handle;
      if (!h || !h.ready || h.job || h.retired) continue;
      const job = this.queue.shift() as ShadowJob;
      h.job = job;
      h.startedAt = this.clock.now();
      h.timer = this.clock.setTimeout(() => this.onTimeout(slot, h), this.options.timeoutMs, true);
      try {
        h.worker.postMessage({ type: 'job', job });
      } catch (error) {
        // An input that cannot be copied to the worker (it was cloned before, so this is rare).
        this.finish(h);
        this.settle({ kind: 'failed', job, code: 'SHADOW_CRASH', message: `cannot send the job to a worker: ${(error as Error).message}`, ms: 0 });
      }
    }
    this.stats.queued = this.queue.length;
    this.stats.running = this.slots.filter((s) => s.handle?.job).length;
    this.wakeIdle();
  }

  private failUnavailable(job: ShadowJob): void {
    this.stats.unavailable += 1;
    this.settle({ kind: 'failed', job, code: 'SHADOW_UNAVAILABLE', message: `shadow workers are unavailable: ${this.unavailableReason ?? 'unknown'}`, ms: 0 });
  }

  private discard(job: ShadowJob): void {
    this.stats.discarded += 1;
    this.retriedJobs.delete(job.jobId);
    this.settle({ kind: 'dropped', job, reason: 'closing' });
  }

  private settle(settlement: JobSettlement): void {
    try {
      this.onSettled(settlement);
    } catch {
      // The consumer's failure must not break the pool; it counts its own errors.
    }
  }

  private idle(): boolean {
    return this.queue.length === 0 && !this.slots.some((s) => s.handle?.job);
  }

  private wakeIdle(): void {
    if (!this.idle()) return;
    for (const waiter of this.idleWaiters.splice(0)) {
      if (waiter.timer) this.clock.clearTimeout(waiter.timer);
      waiter.resolve();
    }
  }

  private checkStarted(): void {
    if (this.started) return;
    if (this.unavailableReason === null && !this.slots.every((s) => s.givenUp || s.everReady)) return;
    this.started = true;
    for (const wake of this.readyWaiters.splice(0)) wake();
  }
}
