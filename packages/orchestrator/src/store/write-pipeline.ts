import type { Clock } from '../clock.js';
import { isOrchestratorError } from '../errors.js';
import { redactDiffRecord } from '../redact/redact-record.js';
import type { Redactor } from '../redact/redactor.js';
import type { DiffRecord } from '../records/diff-record.js';
import type { BatchWriter } from './batch-writer.js';
import type { StoreLogger } from './options.js';
import { checkRecord, toWire } from './record-row.js';
import { WRITE_FAILURE_REASONS, failureReason, type WriteFailureReason } from './write-failures.js';
import { WriteQueue } from './write-queue.js';
import type { BatchResult, WireRecord } from './writer-core.js';

/** What the store has done so far. */
export interface StoreStats {
  /** Records accepted and not yet written or failed (waiting plus in flight). */
  readonly queued: number;
  /** Records committed (each counted in the hourly summaries). */
  readonly written: number;
  /** Of those, records stored in full. */
  readonly stored: number;
  /** Records refused because the queue was full or the store closed. */
  readonly dropped: number;
  /** Batches handed to the writer. */
  readonly batches: number;
  /** Records that could not be written, in total and per reason. */
  readonly failedWrites: { readonly total: number; readonly byReason: Readonly<Record<WriteFailureReason, number>> };
  /** Writer workers started to replace a dead one. */
  readonly workerRestarts: number;
  /** The most recent failure. */
  readonly lastError?: { readonly reason: WriteFailureReason; readonly message: string; readonly at: number };
}

/** One counted write failure, as told to `onWriteFailure` listeners. */
export interface WriteFailure {
  readonly reason: WriteFailureReason;
  /** Records lost. */
  readonly count: number;
  /** The SQLite or writer code (`SQLITE_FULL`, `WORKER_TIMEOUT` …), when there is one. */
  readonly code: string | null;
  /** What went wrong, redacted with the store's redactor (text rules). */
  readonly message: string;
}

/** Settings of the pipeline (already checked). */
export interface PipelineOptions {
  readonly writer: BatchWriter;
  readonly redactor: Redactor | null;
  readonly keepMatches: number;
  readonly maxQueue: number;
  readonly batchSize: number;
  readonly logger: StoreLogger;
  readonly clock: Clock;
}

const DROP_LOG_INTERVAL_MS = 10_000;

/**
 * The caller-facing half of the store. `write` only appends to a bounded queue (O(1), never throws,
 * never touches disk); a drain scheduled with `setImmediate` validates, redacts and serializes up to
 * `batchSize` records and hands them to the writer, one batch in flight at a time, in order.
 */
export class WritePipeline {
  readonly #o: PipelineOptions;
  readonly #queue: WriteQueue<DiffRecord>;
  readonly #failed: Record<WriteFailureReason, number> = Object.fromEntries(WRITE_FAILURE_REASONS.map((r) => [r, 0])) as Record<WriteFailureReason, number>;
  readonly #waiters: { target: number; resolve: () => void }[] = [];
  readonly #listeners = new Set<(failure: WriteFailure) => void>();
  #accepted = 0;
  #settled = 0;
  #inFlight = 0;
  #written = 0;
  #stored = 0;
  #dropped = 0;
  #batches = 0;
  #lastError: StoreStats['lastError'];
  #lastDropLog = 0;
  #scheduled = false;
  #draining = false;
  #closed = false;

  constructor(options: PipelineOptions) {
    this.#o = options;
    this.#queue = new WriteQueue(options.maxQueue);
  }

  write(record: DiffRecord): void {
    if (this.#closed || !this.#queue.push(record)) {
      this.#dropped += 1;
      const now = this.#o.clock.now();
      if (now - this.#lastDropLog >= DROP_LOG_INTERVAL_MS) {
        this.#lastDropLog = now;
        this.#o.logger.warn(this.#closed ? 'diff store is closed; record dropped' : 'diff store queue is full; records dropped', { dropped: this.#dropped });
      }
      return;
    }
    this.#accepted += 1;
    if (!this.#scheduled && !this.#draining) {
      this.#scheduled = true;
      setImmediate(() => void this.#drain());
    }
  }

  flush(): Promise<void> {
    const target = this.#accepted;
    if (this.#settled >= target) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ target, resolve }));
  }

  /** Refuses new records, then waits for the accepted ones. */
  close(): Promise<void> {
    this.#closed = true;
    return this.flush();
  }

  stats(): StoreStats {
    const total = Object.values(this.#failed).reduce((a, b) => a + b, 0);
    return {
      queued: this.#queue.size + this.#inFlight,
      written: this.#written,
      stored: this.#stored,
      dropped: this.#dropped,
      batches: this.#batches,
      failedWrites: { total, byReason: { ...this.#failed } },
      workerRestarts: this.#o.writer.restarts,
      ...(this.#lastError === undefined ? {} : { lastError: this.#lastError }),
    };
  }

  /** Listens to each counted failure; returns an unsubscribe. */
  onFailure(listener: (failure: WriteFailure) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #fail(reason: WriteFailureReason, count: number, rawMessage: string, code: string | null = null): void {
    // SQLite and trigger messages can quote data: they are redacted like any free text before they go anywhere.
    const redacted = this.#o.redactor === null ? rawMessage : this.#o.redactor.redact(rawMessage);
    const message = typeof redacted === 'string' ? redacted : JSON.stringify(redacted);
    this.#failed[reason] += count;
    this.#lastError = { reason, message, at: this.#o.clock.now() };
    this.#o.logger.error('diff store write failed', { reason, count, message, ...(code === null ? {} : { code }) });
    for (const listener of this.#listeners) {
      try {
        listener({ reason, count, code, message });
      } catch {
        // A listener's failure must not break the store.
      }
    }
  }

  #prepare(record: DiffRecord): WireRecord | null {
    try {
      checkRecord(record);
      const clean = this.#o.redactor === null ? record : redactDiffRecord(record, this.#o.redactor);
      return toWire(clean, this.#o.keepMatches);
    } catch (error) {
      const code = isOrchestratorError(error) && typeof error.detail.code === 'string' ? error.detail.code : 'REDACTION_FAILED';
      // The message may quote the record; only the failure's kind and path are logged.
      const path = isOrchestratorError(error) ? error.detail.path : undefined;
      this.#fail(failureReason(code), 1, code === 'INVALID_RECORD' ? `invalid record at ${String(path)}` : 'record could not be redacted or serialized', code);
      return null;
    }
  }

  #account(result: BatchResult): void {
    this.#written += result.written;
    this.#stored += result.stored;
    for (const failure of result.failures) this.#fail(failureReason(failure.code), failure.count, failure.message, failure.code);
  }

  async #drain(): Promise<void> {
    this.#scheduled = false;
    if (this.#draining) return;
    this.#draining = true;
    try {
      while (this.#queue.size > 0) {
        const batch = this.#queue.take(this.#o.batchSize);
        this.#inFlight = batch.length;
        try {
          const wire = batch.map((record) => this.#prepare(record)).filter((w): w is WireRecord => w !== null);
          if (wire.length > 0) {
            this.#batches += 1;
            this.#account(await this.#o.writer.write(wire));
          }
        } catch (error) {
          this.#fail('unknown', batch.length, error instanceof Error ? error.message : String(error));
        }
        this.#settled += batch.length;
        this.#inFlight = 0;
        this.#wake();
      }
    } finally {
      this.#draining = false;
    }
  }

  #wake(): void {
    for (let i = this.#waiters.length - 1; i >= 0; i -= 1) {
      const waiter = this.#waiters[i];
      if (waiter !== undefined && waiter.target <= this.#settled) {
        this.#waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }
}
