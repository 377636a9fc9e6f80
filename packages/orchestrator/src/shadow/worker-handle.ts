import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Clock, TimerHandle } from '../clock.js';
import type { ShadowJob, WorkerData } from './job.js';

/** One shadow worker thread, as the pool tracks it. */
export interface Handle {
  readonly worker: Worker;
  /** It sent `ready`: its modules are loaded. */
  ready: boolean;
  /** Stopped or being stopped: nothing it says counts any more. */
  retired: boolean;
  job: ShadowJob | null;
  startedAt: number;
  timer: TimerHandle | null;
  /** Stops serving it store ports (decision 0018). */
  unrelay: (() => void) | null;
}

/** dist/shadow-worker.js of this package, from src/ (tests) or dist/ (the bundle). */
export function defaultWorkerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const file of [join(here, 'shadow-worker.js'), join(here, '..', 'dist', 'shadow-worker.js'), join(here, '..', '..', 'dist', 'shadow-worker.js')]) {
    if (existsSync(file)) return file;
  }
  throw new Error(`shadow-worker.js not found near ${here} (build the orchestrator package)`);
}

/**
 * Starts a worker thread with the V8 heap capped at `memoryMb`.
 * @throws Error when the thread cannot even be created (bad options, no script)
 */
export function startWorker(script: string, data: WorkerData, memoryMb: number): Handle {
  const worker = new Worker(script, {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.max(16, Math.floor(memoryMb / 8)) },
  });
  return { worker, ready: false, retired: false, job: null, startedAt: 0, timer: null, unrelay: null };
}

/** Stops a worker (a shadow worker runs no SQLite, so `terminate()` is safe); idempotent, never rejects. */
export function retireWorker(h: Handle, clock: Clock): Promise<void> {
  if (h.retired) return Promise.resolve();
  h.retired = true;
  h.unrelay?.();
  h.unrelay = null;
  if (h.timer) clock.clearTimeout(h.timer);
  h.timer = null;
  return h.worker.terminate().then(
    () => undefined,
    () => undefined,
  );
}

/** Promises that resolve when the pool is idle, or at their deadline on the pool's clock. */
export class IdleWaiters {
  readonly #clock: Clock;
  readonly #waiters: { resolve: () => void; timer: TimerHandle | null }[] = [];

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Resolves at the next `wakeAll()`, or after `timeoutMs`. */
  wait(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter: { resolve: () => void; timer: TimerHandle | null } = { resolve, timer: null };
      waiter.timer = this.#clock.setTimeout(() => {
        const at = this.#waiters.indexOf(waiter);
        if (at >= 0) this.#waiters.splice(at, 1);
        resolve();
      }, timeoutMs, true);
      this.#waiters.push(waiter);
    });
  }

  wakeAll(): void {
    for (const waiter of this.#waiters.splice(0)) {
      if (waiter.timer) this.#clock.clearTimeout(waiter.timer);
      waiter.resolve();
    }
  }
}
