import type { RuntimeKind } from '@llms-wasm/module-kit';
import { systemClock, type Clock } from '../clock.js';
import type { FromWorker, ShadowJob } from './job.js';
import { emptyStats, resolvePoolOptions, type ResolvedPoolOptions } from './pool-options.js';
import type { JobSettlement, PoolEvent, ShadowFailure, ShadowPoolOptions, ShadowPoolState, ShadowPoolStats } from './pool-types.js';
import { RetryBudget } from './retry-budget.js';
import { IdleWaiters, retireWorker, type Handle } from './worker-handle.js';
import { WorkerSlots, type Slot } from './worker-slots.js';

export type { JobSettlement, PoolEvent, ShadowFailure, ShadowPoolOptions, ShadowPoolState, ShadowPoolStats } from './pool-types.js';

/**
 * Runs shadow jobs in worker threads, off the caller's path. The queue is bounded (a full queue drops the
 * job and counts it); a job that runs past its timeout is killed together with its worker, which is
 * replaced; a worker that crashes or runs out of memory is replaced and its job reported as a shadow error.
 * A worker that dies before it is ready is retried with back-off within a start-up budget; when no slot
 * can start, the pool is unavailable and every job settles as `SHADOW_UNAVAILABLE`. `close()` reports
 * every job it discards. Nothing here can throw into, delay or fail the caller of `submit`.
 */
export class ShadowPool {
  readonly stats: ShadowPoolStats = emptyStats();
  /** Per module, the state of each runtime in the workers (`ready` or `failed: …`), from the first worker that started. */
  readonly runtimes: Map<string, Record<RuntimeKind, string>> = new Map();
  private readonly queue: ShadowJob[] = [];
  private readonly options: ResolvedPoolOptions;
  private readonly clock: Clock;
  private readonly onEvent: (event: PoolEvent) => void;
  private readonly retries: RetryBudget;
  private readonly readyWaiters: (() => void)[] = [];
  private readonly idleWaiters: IdleWaiters;
  private readonly slots: WorkerSlots;
  private started = false;
  private accepting = true;
  private closed = false;
  private closing: Promise<void> | null = null;
  private unavailableReason: string | null = null;

  constructor(options: ShadowPoolOptions, private readonly onSettled: (settlement: JobSettlement) => void) {
    this.options = resolvePoolOptions(options);
    this.clock = options.clock ?? systemClock;
    this.idleWaiters = new IdleWaiters(this.clock);
    this.retries = new RetryBudget(this.options.retryBudget, this.clock);
    const observer = options.onEvent;
    this.onEvent = (event) => {
      try {
        observer?.(event);
      } catch {
        // An observer's failure must not break the pool.
      }
    };
    const o = this.options;
    this.slots = new WorkerSlots(
      o.workers,
      {
        script: o.workerScript,
        data: { modules: o.modules, rulesetDir: o.rulesetDir, redaction: o.redaction, ...(o.rulesetVersion ? { rulesetVersion: o.rulesetVersion } : {}) },
        memoryMb: o.memoryMb,
        startAttempts: o.startAttempts,
        clock: this.clock,
        relay: options.relay,
      },
      { message: (slot, h, message) => this.onMessage(slot, h, message), death: (slot, h, code, message) => this.onDeath(slot, h, code, message) },
      (event) => {
        if (event.type === 'worker_start_failed') this.stats.startFailures += 1;
        this.onEvent(event);
        if (event.type === 'worker_start_failed' && event.retryInMs === null) this.slotGivenUp(event.message);
      },
    );
    this.stats.workers = this.slots.live;
    this.slots.start();
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
    return this.slots.all.some((s) => s.givenUp) ? 'degraded' : 'ready';
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
    return this.idle() ? Promise.resolve() : this.idleWaiters.wait(timeoutMs);
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
      const handles = this.slots.stop();
      for (const job of this.queue.splice(0)) this.discard(job);
      this.stats.queued = 0;
      for (const h of handles) {
        const job = h.job;
        this.finish(h);
        if (job) this.discard(job);
      }
      this.idleWaiters.wakeAll();
      await Promise.all(handles.map((h) => retireWorker(h, this.clock)));
    })();
    return this.closing;
  }

  private onMessage(slot: Slot, h: Handle, message: FromWorker): void {
    if (h.retired) return;
    switch (message.type) {
      case 'ready':
        this.slots.ready(slot, h);
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
        // Replaced before the settlement is told: a job the consumer submits from it must not land on this worker.
        if (message.memoryMb > this.options.memoryMb) {
          this.stats.recycled += 1;
          this.replace(slot, h);
        }
        this.settle({ kind: 'result', job, result: message.result });
        this.pump();
      }
    }
  }

  private onDeath(slot: Slot, h: Handle, code: ShadowFailure, message: string): void {
    if (h.retired) return;
    const job = h.job;
    const ms = this.clock.now() - h.startedAt;
    this.finish(h);
    // The dead worker is replaced before its job's settlement is told (a job submitted from it must not land here).
    if (h.ready) this.replace(slot, h);
    else if (!this.closed) this.slots.startFailed(slot, message, h);
    else void retireWorker(h, this.clock);
    if (job) {
      if (code === 'SHADOW_OOM') this.stats.oom += 1;
      else this.stats.crashes += 1;
      this.failOrRetry(job, code, message, ms);
    }
    this.pump();
  }

  /** A slot ran out of start attempts; with none left, the pool is unavailable. */
  private slotGivenUp(message: string): void {
    this.stats.workers = this.slots.live;
    if (this.stats.workers === 0 && this.unavailableReason === null) {
      const attempts = this.options.startAttempts;
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
    this.replace(slot, h);
    this.failOrRetry(job, 'SHADOW_TIMEOUT', `shadow ${job.module}.${job.operation} ran past ${this.options.timeoutMs} ms; its worker was killed`, this.options.timeoutMs);
    this.pump();
  }

  private failOrRetry(job: ShadowJob, code: ShadowFailure, message: string, ms: number): void {
    if (this.accepting && this.retries.take(job.jobId)) {
      this.stats.retried += 1;
      this.queue.unshift(job);
      return;
    }
    this.retries.forget(job.jobId);
    this.settle({ kind: 'failed', job, code, message, ms });
  }

  private finish(h: Handle): void {
    if (h.timer) this.clock.clearTimeout(h.timer);
    h.timer = null;
    h.job = null;
    this.stats.running = this.slots.all.filter((s) => s.handle?.job).length;
  }

  private replace(slot: Slot, h: Handle): void {
    if (this.slots.replace(slot, h)) this.stats.replacements += 1;
  }

  private pump(): void {
    if (this.unavailableReason !== null) {
      for (const job of this.queue.splice(0)) this.failUnavailable(job);
    }
    for (const slot of this.slots.all) {
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
    this.stats.running = this.slots.all.filter((s) => s.handle?.job).length;
    this.wakeIdle();
  }

  private failUnavailable(job: ShadowJob): void {
    this.stats.unavailable += 1;
    this.settle({ kind: 'failed', job, code: 'SHADOW_UNAVAILABLE', message: `shadow workers are unavailable: ${this.unavailableReason ?? 'unknown'}`, ms: 0 });
  }

  private discard(job: ShadowJob): void {
    this.stats.discarded += 1;
    this.retries.forget(job.jobId);
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
    return this.queue.length === 0 && !this.slots.all.some((s) => s.handle?.job);
  }

  private wakeIdle(): void {
    if (this.idle()) this.idleWaiters.wakeAll();
  }

  private checkStarted(): void {
    if (this.started || (this.unavailableReason === null && !this.slots.settled)) return;
    this.started = true;
    for (const wake of this.readyWaiters.splice(0)) wake();
  }
}
