import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RuntimeKind } from '@llms-wasm/module-kit';
import type { FromWorker, ModuleSource, ShadowJob, ShadowResult, WorkerData } from './job.js';

/** How the pool sizes and polices its workers. */
export interface ShadowPoolOptions {
  readonly modules: readonly ModuleSource[];
  readonly rulesetDir: string;
  readonly rulesetVersion?: string;
  /** Worker threads (default 1). */
  readonly workers?: number;
  /** Jobs waiting beyond the running ones; more are dropped and counted (default 256). */
  readonly queueSize?: number;
  /** A job running longer is killed with its worker (default 2000 ms). */
  readonly timeoutMs?: number;
  /** Per-worker memory cap: V8 heap limit, and a worker whose heap + WASM memory exceeds it is recycled (default 512). */
  readonly memoryMb?: number;
  /** Retries of jobs that crashed or timed out, per minute across the pool (default 0: never retried). */
  readonly retryBudget?: number;
  /** Path of the worker script (default: dist/shadow-worker.js of this package). */
  readonly workerScript?: string;
}

/** Why a job produced no comparison. */
export type ShadowFailure = 'SHADOW_TIMEOUT' | 'SHADOW_OOM' | 'SHADOW_CRASH' | 'SHADOW_UNAVAILABLE';

/** What happened to a submitted job, delivered to `onSettled`. */
export type JobSettlement =
  | { readonly kind: 'result'; readonly job: ShadowJob; readonly result: ShadowResult }
  | { readonly kind: 'failed'; readonly job: ShadowJob; readonly code: ShadowFailure; readonly message: string; readonly ms: number };

/** Counters the pool keeps; all monotonic except `queued` and `running`. */
export interface ShadowPoolStats {
  submitted: number;
  dropped: number;
  completed: number;
  timeouts: number;
  crashes: number;
  oom: number;
  recycled: number;
  retried: number;
  replacements: number;
  queued: number;
  running: number;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: ShadowJob | null;
  startedAt: number;
  timer: NodeJS.Timeout | null;
  retired: boolean;
}

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
 * Nothing here can throw into, delay or fail the caller of `submit`.
 */
export class ShadowPool {
  readonly stats: ShadowPoolStats = { submitted: 0, dropped: 0, completed: 0, timeouts: 0, crashes: 0, oom: 0, recycled: 0, retried: 0, replacements: 0, queued: 0, running: 0 };
  /** Per module, the state of each runtime in the workers (`ready` or `failed: …`), from the first worker that started. */
  readonly runtimes: Map<string, Record<RuntimeKind, string>> = new Map();
  private readonly slots: Slot[] = [];
  private readonly queue: ShadowJob[] = [];
  private readonly options: Required<Omit<ShadowPoolOptions, 'rulesetVersion' | 'workerScript'>> & { workerScript: string; rulesetVersion?: string };
  private readonly retriesThisMinute: { minute: number; used: number } = { minute: 0, used: 0 };
  private readonly retriedJobs = new Set<number>();
  private closed = false;
  private readyWaiters: (() => void)[] = [];
  private startupError: string | null = null;

  constructor(options: ShadowPoolOptions, private readonly onSettled: (settlement: JobSettlement) => void) {
    this.options = {
      modules: options.modules,
      rulesetDir: options.rulesetDir,
      workers: options.workers ?? 1,
      queueSize: options.queueSize ?? 256,
      timeoutMs: options.timeoutMs ?? 2000,
      memoryMb: options.memoryMb ?? 512,
      retryBudget: options.retryBudget ?? 0,
      workerScript: options.workerScript ?? defaultWorkerScript(),
      ...(options.rulesetVersion ? { rulesetVersion: options.rulesetVersion } : {}),
    };
    for (let i = 0; i < this.options.workers; i++) this.slots.push(this.spawn());
  }

  /** Resolves once every worker has loaded its modules (or failed to start: see `startupError`). */
  ready(): Promise<void> {
    if (this.slots.every((s) => s.ready) || this.startupError) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Why the workers could not start, if they could not. */
  get failure(): string | null {
    return this.startupError;
  }

  /** Queues a job; returns false (and counts a drop) when the queue is full or the pool is closed. Never throws. */
  submit(job: ShadowJob): boolean {
    this.stats.submitted += 1;
    if (this.closed || this.queue.length >= this.options.queueSize) {
      this.stats.dropped += 1;
      return false;
    }
    this.queue.push(job);
    this.stats.queued = this.queue.length;
    this.pump();
    return true;
  }

  /** Waits until nothing is queued or running (or `timeoutMs` passed). */
  async drain(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.queue.length > 0 || this.slots.some((s) => s.job)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Drains, then stops every worker. */
  async close(timeoutMs = 30_000): Promise<void> {
    await this.drain(timeoutMs);
    this.closed = true;
    await Promise.all(this.slots.map((s) => this.retire(s)));
  }

  private spawn(): Slot {
    const data: WorkerData = {
      modules: this.options.modules,
      rulesetDir: this.options.rulesetDir,
      ...(this.options.rulesetVersion ? { rulesetVersion: this.options.rulesetVersion } : {}),
    };
    const worker = new Worker(this.options.workerScript, {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb, maxYoungGenerationSizeMb: Math.max(16, Math.floor(this.options.memoryMb / 8)) },
    });
    const slot: Slot = { worker, ready: false, job: null, startedAt: 0, timer: null, retired: false };
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    worker.on('error', (error: Error & { code?: string }) => this.onDeath(slot, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'SHADOW_OOM' : 'SHADOW_CRASH', error.message));
    worker.on('exit', (code) => this.onDeath(slot, 'SHADOW_CRASH', `worker exited with code ${code}`));
    return slot;
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (slot.retired) return;
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        for (const [id, state] of Object.entries(message.runtimes)) if (!this.runtimes.has(id)) this.runtimes.set(id, { ...state });
        if (this.slots.every((s) => s.ready)) this.wakeReady();
        this.pump();
        return;
      case 'fatal':
        if (!slot.ready) {
          this.startupError = message.message;
          this.wakeReady();
        }
        this.onDeath(slot, 'SHADOW_CRASH', message.message);
        return;
      case 'result': {
        const job = slot.job;
        if (!job || job.jobId !== message.result.jobId) return;
        this.finish(slot);
        this.stats.completed += 1;
        this.settle({ kind: 'result', job, result: message.result });
        if (message.memoryMb > this.options.memoryMb) {
          this.stats.recycled += 1;
          this.replace(slot);
        }
        this.pump();
      }
    }
  }

  private onDeath(slot: Slot, code: ShadowFailure, message: string): void {
    if (slot.retired) return;
    const job = slot.job;
    this.finish(slot);
    if (job) {
      if (code === 'SHADOW_OOM') this.stats.oom += 1;
      else this.stats.crashes += 1;
      this.failOrRetry(job, code, message, Date.now() - slot.startedAt);
    }
    this.replace(slot);
    this.pump();
  }

  private onTimeout(slot: Slot): void {
    const job = slot.job;
    if (!job || slot.retired) return;
    this.finish(slot);
    this.stats.timeouts += 1;
    this.failOrRetry(job, 'SHADOW_TIMEOUT', `shadow ${job.module}.${job.operation} ran past ${this.options.timeoutMs} ms; its worker was killed`, this.options.timeoutMs);
    this.replace(slot);
    this.pump();
  }

  private failOrRetry(job: ShadowJob, code: ShadowFailure, message: string, ms: number): void {
    const minute = Math.floor(Date.now() / 60_000);
    if (this.retriesThisMinute.minute !== minute) {
      this.retriesThisMinute.minute = minute;
      this.retriesThisMinute.used = 0;
    }
    if (!this.retriedJobs.has(job.jobId) && this.retriesThisMinute.used < this.options.retryBudget && !this.closed) {
      this.retriesThisMinute.used += 1;
      this.retriedJobs.add(job.jobId);
      this.stats.retried += 1;
      this.queue.unshift(job);
      return;
    }
    this.retriedJobs.delete(job.jobId);
    this.settle({ kind: 'failed', job, code, message, ms });
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    this.stats.running = this.slots.filter((s) => s.job).length;
  }

  private replace(slot: Slot): void {
    void this.retire(slot);
    const index = this.slots.indexOf(slot);
    if (this.closed || index < 0) return;
    if (this.startupError && !slot.ready) {
      this.slots.splice(index, 1); // workers cannot start at all: do not respawn in a loop
      if (this.slots.length === 0) this.failQueued();
      return;
    }
    this.stats.replacements += 1;
    this.slots[index] = this.spawn();
  }

  private async retire(slot: Slot): Promise<void> {
    if (slot.retired) return;
    slot.retired = true;
    if (slot.timer) clearTimeout(slot.timer);
    await slot.worker.terminate().catch(() => undefined);
  }

  private failQueued(): void {
    for (const job of this.queue.splice(0)) {
      this.settle({ kind: 'failed', job, code: 'SHADOW_UNAVAILABLE', message: `shadow workers cannot start: ${this.startupError ?? 'unknown'}`, ms: 0 });
    }
    this.stats.queued = 0;
  }

  private pump(): void {
    if (this.slots.length === 0) return this.failQueued();
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (!slot.ready || slot.job || slot.retired) continue;
      const job = this.queue.shift() as ShadowJob;
      slot.job = job;
      slot.startedAt = Date.now();
      slot.timer = setTimeout(() => this.onTimeout(slot), this.options.timeoutMs);
      slot.timer.unref();
      try {
        slot.worker.postMessage({ type: 'job', job });
      } catch (error) {
        // An input that cannot be copied to the worker (it was cloned before, so this is rare).
        this.finish(slot);
        this.settle({ kind: 'failed', job, code: 'SHADOW_CRASH', message: `cannot send the job to a worker: ${(error as Error).message}`, ms: 0 });
      }
    }
    this.stats.queued = this.queue.length;
    this.stats.running = this.slots.filter((s) => s.job).length;
  }

  private settle(settlement: JobSettlement): void {
    try {
      this.onSettled(settlement);
    } catch {
      // The consumer's failure must not break the pool; it counts its own errors.
    }
  }

  private wakeReady(): void {
    for (const wake of this.readyWaiters.splice(0)) wake();
  }
}
