import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { OrchestratorError } from '../errors.js';
import type { BatchWriter } from './batch-writer.js';
import type { StoreLogger } from './options.js';
import { workerMain, type FromWorker, type ToWorker, type WorkerData } from './worker-main.js';
import { writerCore, type BatchResult, type RetentionCounts, type WireRecord } from './writer-core.js';

/**
 * The worker's program: the two self-contained functions, loaded from their source text, so the same
 * code runs from `src/` under vitest and from the bundle in `dist/` (no separate worker entry to build).
 * `__name` is defined because a bundler with `keepNames` wraps nested functions in calls to it.
 */
function workerSource(): string {
  return [
    `'use strict';`,
    `const __name = (fn) => fn;`,
    `const threads = require('node:worker_threads');`,
    `const Driver = require(threads.workerData.driver);`,
    `const writerCore = (${writerCore.toString()});`,
    `(${workerMain.toString()})(threads, Driver, writerCore);`,
  ].join('\n');
}

/** Where better-sqlite3 lives, as seen from this package. */
export function sqliteDriverPath(): string {
  return createRequire(import.meta.url).resolve('better-sqlite3');
}

type Pending =
  | { readonly kind: 'batch'; readonly count: number; readonly resolve: (result: BatchResult) => void }
  | { readonly kind: 'retain'; readonly resolve: (counts: RetentionCounts) => void; readonly reject: (error: unknown) => void };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * The writer worker, seen from the main thread: one dedicated thread owns the writing connection and
 * receives batches by `postMessage`. When the thread dies (crash, OOM) every request it held is answered
 * as failed (`WORKER_CRASH`) and the next batch starts a new thread, after a back-off that grows with
 * consecutive failures (50 ms … 5 s) so a thread that cannot start does not spin. A request unanswered
 * for `timeoutMs` means a stalled thread (I/O, locks): its requests fail as `WORKER_TIMEOUT`, it is told
 * to close after its current call and a new thread takes over. Threads are never `terminate()`d: a thread
 * stopped inside a SQLite call can abort the whole process.
 */
export class WorkerWriter implements BatchWriter {
  readonly #data: WorkerData;
  readonly #logger: StoreLogger;
  readonly #onWorker: ((worker: Worker) => void) | undefined;
  readonly #timeoutMs: number;
  readonly #pending = new Map<number, Pending>();
  readonly #timers = new Map<number, NodeJS.Timeout>();
  #worker: Worker | null = null;
  #started = false;
  #nextId = 1;
  #failures = 0;
  #restarts = 0;
  #notBefore = 0;
  #closing = false;
  #exited: Promise<void> = Promise.resolve();

  constructor(data: WorkerData, options: { readonly logger: StoreLogger; readonly timeoutMs: number; readonly onWorker?: ((worker: Worker) => void) | undefined }) {
    this.#data = data;
    this.#logger = options.logger;
    this.#timeoutMs = options.timeoutMs;
    this.#onWorker = options.onWorker;
  }

  get restarts(): number {
    return this.#restarts;
  }

  async write(records: readonly WireRecord[]): Promise<BatchResult> {
    let worker: Worker;
    try {
      worker = await this.#ensure();
    } catch (error) {
      const code = error instanceof OrchestratorError && error.code === 'STORE_CLOSED' ? 'STORE_CLOSED' : 'WORKER_CRASH';
      return { written: 0, stored: 0, failures: [{ code, message: error instanceof Error ? error.message : String(error), count: records.length }] };
    }
    const result = await new Promise<BatchResult>((resolve) => this.#send(worker, { kind: 'batch', count: records.length, resolve }, (id) => ({ type: 'batch', id, records })));
    if (!result.failures.some((f) => f.code.startsWith('WORKER_'))) this.#failures = 0;
    return result;
  }

  async retain(recordsBefore: number, summariesBefore: number, limit: number): Promise<RetentionCounts> {
    const worker = await this.#ensure();
    return new Promise<RetentionCounts>((resolve, reject) =>
      this.#send(worker, { kind: 'retain', resolve, reject }, (id) => ({ type: 'retain', id, recordsBefore, summariesBefore, limit })),
    );
  }

  async close(): Promise<void> {
    this.#closing = true;
    const worker = this.#worker;
    if (worker === null) return;
    worker.ref();
    worker.postMessage({ type: 'close' } satisfies ToWorker);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.#timeoutMs)));
    await Promise.race([this.#exited, late]);
    clearTimeout(timer);
    worker.unref(); // if it is still busy, it exits after its current call without holding the process
  }

  #send(worker: Worker, pending: Pending, message: (id: number) => ToWorker): void {
    const id = this.#nextId++;
    this.#pending.set(id, pending);
    this.#timers.set(id, setTimeout(() => this.#stalled(worker, id), this.#timeoutMs));
    if (this.#pending.size === 1) worker.ref();
    worker.postMessage(message(id));
  }

  #stalled(worker: Worker, id: number): void {
    if (this.#worker !== worker || !this.#pending.has(id)) return;
    this.#logger.error('diff store writer did not answer in time; replacing it', { timeoutMs: this.#timeoutMs });
    worker.postMessage({ type: 'close' } satisfies ToWorker);
    worker.unref();
    this.#retire(worker, 'WORKER_TIMEOUT', `no answer within ${this.#timeoutMs} ms`);
  }

  async #ensure(): Promise<Worker> {
    if (this.#closing) throw new OrchestratorError('STORE_CLOSED', 'the diff store is closed');
    const wait = this.#notBefore - Date.now();
    if (this.#worker === null && wait > 0) await sleep(wait);
    return this.#worker ?? this.#spawn();
  }

  #spawn(): Worker {
    const worker = new Worker(workerSource(), { eval: true, workerData: this.#data });
    if (this.#started) this.#restarts += 1;
    this.#started = true;
    this.#worker = worker;
    worker.unref();
    this.#exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (message: FromWorker) => this.#onMessage(message));
    worker.on('error', (error) => this.#onDeath(worker, error));
    worker.on('exit', (code) => this.#onDeath(worker, new Error(`writer worker exited with code ${code}`)));
    this.#onWorker?.(worker);
    return worker;
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    if (this.#pending.size === 0) this.#worker?.unref();
    return pending;
  }

  #onMessage(message: FromWorker): void {
    // Answers from a replaced thread find no pending request and are ignored.
    const pending = 'id' in message ? this.#settle(message.id) : undefined;
    if (message.type === 'init-failed') {
      this.#logger.error('diff store writer could not open the database', { code: message.code, message: message.message });
    } else if (message.type === 'batch-done' && pending?.kind === 'batch') {
      pending.resolve(message.result);
    } else if (message.type === 'retain-done' && pending?.kind === 'retain') {
      pending.resolve(message.counts);
    } else if (message.type === 'retain-failed' && pending?.kind === 'retain') {
      pending.reject(new OrchestratorError('STORE_FAILED', `retention failed: ${message.message}`, { code: message.code }));
    }
  }

  #onDeath(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return; // 'error' is followed by 'exit'; a replaced thread is already retired
    if (!this.#closing) this.#logger.error('diff store writer worker died; it will be restarted', { message: error.message, inFlight: this.#pending.size });
    this.#retire(worker, this.#closing ? 'STORE_CLOSED' : 'WORKER_CRASH', error.message);
  }

  /** Forgets `worker` and fails every request it held with `code`. */
  #retire(worker: Worker, code: string, message: string): void {
    if (this.#worker === worker) this.#worker = null;
    if (!this.#closing) {
      this.#failures += 1;
      this.#notBefore = Date.now() + Math.min(5000, 50 * 2 ** (this.#failures - 1));
    }
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      if (pending.kind === 'batch') pending.resolve({ written: 0, stored: 0, failures: [{ code, message, count: pending.count }] });
      else pending.reject(new OrchestratorError('STORE_FAILED', `retention interrupted: ${message}`, { code }));
    }
  }
}
