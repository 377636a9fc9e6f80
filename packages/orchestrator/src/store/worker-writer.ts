import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { backoffMs, sleep, type Clock, type TimerHandle } from '../clock.js';
import { OrchestratorError } from '../errors.js';
import type { BatchWriter, RelayClient, RelaySink } from './batch-writer.js';
import type { StoreLogger } from './options.js';
import type { FromWorker, ToWorker, WorkerData } from './writer-protocol.js';
import type { BatchResult, RetentionCounts, WriteBatch } from './writer-core.js';
import type { Evidence, EvidenceQuery } from './window-query.js';

/** The writer thread's program: dist/store-writer.js (a build entry, like the shadow worker). */
export function defaultWriterScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const file of [join(here, 'store-writer.js'), join(here, '..', 'dist', 'store-writer.js'), join(here, '..', '..', 'dist', 'store-writer.js')]) {
    if (existsSync(file)) return file;
  }
  throw new OrchestratorError('STORE_FAILED', `store-writer.js not found near ${here} (build the orchestrator package)`, { code: 'WRITER_MISSING' });
}

type Pending =
  | { readonly kind: 'batch'; readonly count: number; readonly summaries: number; readonly resolve: (result: BatchResult) => void }
  | { readonly kind: 'retain'; readonly resolve: (counts: RetentionCounts) => void; readonly reject: (error: unknown) => void }
  | { readonly kind: 'evidence'; readonly resolve: (evidence: Evidence) => void; readonly reject: (error: unknown) => void };

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
  readonly #timers = new Map<number, TimerHandle>();
  readonly #clock: Clock;
  readonly #script: string;
  #worker: Worker | null = null;
  #started = false;
  #nextId = 1;
  #failures = 0;
  #restarts = 0;
  #notBefore = 0;
  #closing = false;
  #exited: Promise<void> = Promise.resolve();
  #generation = 0;
  readonly #clients = new Set<RelayClient>();
  #relaySink: RelaySink | null = null;
  #relayActive = false;
  #relayTimer: TimerHandle | undefined;
  #lastReport = 0;

  constructor(
    data: WorkerData,
    options: { readonly logger: StoreLogger; readonly timeoutMs: number; readonly clock: Clock; readonly onWorker?: ((worker: Worker) => void) | undefined },
  ) {
    this.#data = data;
    this.#clock = options.clock;
    this.#script = defaultWriterScript();
    this.#logger = options.logger;
    this.#timeoutMs = options.timeoutMs;
    this.#onWorker = options.onWorker;
  }

  get restarts(): number {
    return this.#restarts;
  }

  write(batch: WriteBatch, transfer: readonly ArrayBuffer[] = []): Promise<BatchResult> {
    const count = batch.records.length + batch.runs.length;
    // A live worker gets the batch on this turn (so the copy into its message is part of what the store
    // reports as its caller's-thread time); otherwise the writer is (re)started first.
    const live = !this.#closing ? this.#worker : null;
    if (live !== null) return this.#post(live, batch, count, transfer);
    return this.#ensure().then(
      (worker) => this.#post(worker, batch, count, transfer),
      (error: unknown): BatchResult => {
        const code = error instanceof OrchestratorError && error.code === 'STORE_CLOSED' ? 'STORE_CLOSED' : 'WORKER_CRASH';
        return { written: 0, stored: 0, summaries: 0, lostSummaries: batch.summaries.length, failures: [{ code, message: error instanceof Error ? error.message : String(error), count }] };
      },
    );
  }

  async #post(worker: Worker, batch: WriteBatch, count: number, transfer: readonly ArrayBuffer[]): Promise<BatchResult> {
    const result = await new Promise<BatchResult>((resolve) =>
      this.#send(worker, { kind: 'batch', count, summaries: batch.summaries.length, resolve }, (id) => ({ type: 'batch', id, batch }), transfer),
    );
    if (!result.failures.some((f) => f.code.startsWith('WORKER_'))) this.#failures = 0;
    return result;
  }

  async retain(recordsBefore: number, summariesBefore: number, limit: number): Promise<RetentionCounts> {
    const worker = await this.#ensure();
    return new Promise<RetentionCounts>((resolve, reject) =>
      this.#send(worker, { kind: 'retain', resolve, reject }, (id) => ({ type: 'retain', id, recordsBefore, summariesBefore, limit })),
    );
  }

  async evidence(query: EvidenceQuery): Promise<Evidence> {
    const worker = await this.#ensure();
    return new Promise<Evidence>((resolve, reject) => this.#send(worker, { kind: 'evidence', resolve, reject }, (id) => ({ type: 'evidence', id, query })));
  }

  /**
   * Serves `client` a port to the current writer thread (starting one if none runs) and to each later
   * one; `null` while there is none (dead, backing off, closing). Returns an unsubscribe.
   */
  connectRelay(client: RelayClient): () => void {
    this.#clients.add(client);
    const live = this.#closing ? null : this.#worker;
    if (live !== null) this.#deliver(live, this.#generation, client);
    else {
      client(null, this.#generation);
      if (!this.#closing) this.#ensure().catch(() => undefined);
    }
    return () => this.#clients.delete(client);
  }

  onRelay(sink: RelaySink): void {
    this.#relaySink = sink;
  }

  /**
   * Whether relayed records are waiting for a report: while they are, the thread is held and must report
   * within `timeoutMs` of the last report, or it is replaced as stalled (its records fail as `WORKER_TIMEOUT`).
   */
  watchRelay(active: boolean): void {
    if (active === this.#relayActive) return;
    this.#relayActive = active;
    const worker = this.#worker;
    if (active) {
      // The silence is counted from now (or from the last report, whichever is later).
      this.#lastReport = Math.max(this.#lastReport, this.#clock.now());
      worker?.ref();
      this.#armRelayTimer();
    } else if (this.#pending.size === 0) worker?.unref();
  }

  /**
   * One timer at a time watches the relay: when it fires it looks at how long the thread has been silent
   * with records waiting, and either replaces the thread or waits out the rest (no timer is re-armed per
   * report, so a busy relay costs no timer work per record).
   */
  #armRelayTimer(): void {
    if (this.#relayTimer !== undefined || this.#worker === null) return;
    const worker = this.#worker;
    const due = Math.max(1, this.#lastReport + this.#timeoutMs - this.#clock.now());
    this.#relayTimer = this.#clock.setTimeout(() => {
      this.#relayTimer = undefined;
      if (!this.#relayActive || this.#worker !== worker) return;
      if (this.#clock.now() - this.#lastReport >= this.#timeoutMs) this.#stalledRelay(worker);
      else this.#armRelayTimer();
    }, due, true);
  }

  #deliver(worker: Worker, generation: number, client: RelayClient): void {
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ type: 'relay', port: port1 } satisfies ToWorker, [port1]);
    port2.unref();
    try {
      client(port2, generation);
    } catch {
      port2.close(); // a client's failure must not break the store
    }
  }

  #tellClients(port: (client: RelayClient) => MessagePort | null): void {
    for (const client of this.#clients) {
      try {
        client(port(client), this.#generation);
      } catch {
        // A client's failure must not break the store.
      }
    }
  }

  async close(): Promise<void> {
    this.#closing = true;
    this.#tellClients(() => null);
    const worker = this.#worker;
    if (worker === null) return;
    worker.ref();
    worker.postMessage({ type: 'close' } satisfies ToWorker);
    let timer: TimerHandle | undefined;
    const late = new Promise<void>((resolve) => (timer = this.#clock.setTimeout(resolve, this.#timeoutMs)));
    await Promise.race([this.#exited, late]);
    if (timer !== undefined) this.#clock.clearTimeout(timer);
    worker.unref(); // if it is still busy, it exits after its current call without holding the process
  }

  #send(worker: Worker, pending: Pending, message: (id: number) => ToWorker, transfer: readonly ArrayBuffer[] = []): void {
    const id = this.#nextId++;
    this.#pending.set(id, pending);
    this.#timers.set(id, this.#clock.setTimeout(() => this.#stalled(worker, id), this.#timeoutMs));
    if (this.#pending.size === 1) worker.ref();
    worker.postMessage(message(id), [...transfer]);
  }

  #stalledRelay(worker: Worker): void {
    this.#replaceStalled(worker, 'did not report relayed records in time', `no report of relayed records within ${this.#timeoutMs} ms`);
  }

  #stalled(worker: Worker, id: number): void {
    if (this.#worker !== worker || !this.#pending.has(id)) return;
    this.#replaceStalled(worker, 'did not answer in time', `no answer within ${this.#timeoutMs} ms`);
  }

  /** A stalled thread is told to close after its current call (never terminated) and replaced; what it held fails as `WORKER_TIMEOUT`. */
  #replaceStalled(worker: Worker, what: string, message: string): void {
    this.#logger.error(`diff store writer ${what}; replacing it`, { timeoutMs: this.#timeoutMs });
    worker.postMessage({ type: 'close' } satisfies ToWorker);
    worker.unref();
    this.#retire(worker, 'WORKER_TIMEOUT', message);
  }

  async #ensure(): Promise<Worker> {
    if (this.#closing) throw new OrchestratorError('STORE_CLOSED', 'the diff store is closed');
    const wait = this.#notBefore - this.#clock.now();
    if (this.#worker === null && wait > 0) await sleep(this.#clock, wait);
    return this.#worker ?? this.#spawn();
  }

  #spawn(): Worker {
    const worker = new Worker(this.#script, { workerData: this.#data });
    if (this.#started) this.#restarts += 1;
    this.#started = true;
    this.#worker = worker;
    const generation = ++this.#generation;
    if (this.#relayActive) {
      worker.ref();
      this.#lastReport = this.#clock.now();
      this.#armRelayTimer();
    } else worker.unref();
    this.#exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (message: FromWorker) => this.#onMessage(message, generation));
    worker.on('error', (error) => this.#onDeath(worker, error));
    worker.on('exit', (code) => this.#onDeath(worker, new Error(`writer worker exited with code ${code}`)));
    this.#onWorker?.(worker);
    for (const client of this.#clients) this.#deliver(worker, generation, client);
    return worker;
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    const timer = this.#timers.get(id);
    if (timer !== undefined) this.#clock.clearTimeout(timer);
    this.#timers.delete(id);
    if (this.#pending.size === 0 && !this.#relayActive) this.#worker?.unref();
    return pending;
  }

  #onMessage(message: FromWorker, generation: number): void {
    if (message.type === 'relay-done') {
      // Reports of a retired thread are ignored like its answers (its records were counted when it was retired).
      if (generation !== this.#generation || this.#worker === null) return;
      this.#lastReport = this.#clock.now();
      this.#relaySink?.done(generation, message.result);
      return;
    }
    // Answers from a replaced thread find no pending request and are ignored.
    const pending = 'id' in message ? this.#settle(message.id) : undefined;
    if (message.type === 'init-failed') {
      this.#logger.error('diff store writer could not open the database', { code: message.code, message: message.message });
    } else if (message.type === 'batch-done' && pending?.kind === 'batch') {
      pending.resolve(message.result);
    } else if (message.type === 'retain-done' && pending?.kind === 'retain') {
      pending.resolve(message.counts);
    } else if (message.type === 'evidence-done' && pending?.kind === 'evidence') {
      pending.resolve(message.evidence);
    } else if (message.type === 'evidence-failed' && pending?.kind === 'evidence') {
      const code = message.code === 'QUERY_INVALID' ? 'QUERY_INVALID' : 'STORE_FAILED';
      pending.reject(new OrchestratorError(code, `evidence read failed: ${message.message}`, code === 'QUERY_INVALID' ? { path: message.path ?? '' } : { code: message.code }));
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
    if (this.#worker !== worker) return;
    this.#worker = null;
    if (this.#relayTimer !== undefined) this.#clock.clearTimeout(this.#relayTimer);
    this.#relayTimer = undefined;
    this.#tellClients(() => null);
    this.#relaySink?.retired(this.#generation, code, message);
    if (!this.#closing) {
      this.#failures += 1;
      this.#notBefore = this.#clock.now() + backoffMs(this.#failures);
    }
    for (const timer of this.#timers.values()) this.#clock.clearTimeout(timer);
    this.#timers.clear();
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      if (pending.kind === 'batch') pending.resolve({ written: 0, stored: 0, summaries: 0, lostSummaries: pending.summaries, failures: [{ code, message, count: pending.count }] });
      else pending.reject(new OrchestratorError('STORE_FAILED', `${pending.kind === 'retain' ? 'retention' : 'evidence read'} interrupted: ${message}`, { code }));
    }
  }
}
