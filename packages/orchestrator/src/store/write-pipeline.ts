import { performance } from 'node:perf_hooks';
import type { Clock } from '../clock.js';
import { isOrchestratorError } from '../errors.js';
import { redactDiffRecord } from '../redact/redact-record.js';
import type { Redactor } from '../redact/redactor.js';
import type { DiffRecord } from '../records/diff-record.js';
import { redactedBy, takePayloadJson } from '../records/record-payload.js';
import { deltaOfRecord, type SummaryDelta } from '../records/summary.js';
import type { BatchWriter } from './batch-writer.js';
import type { StoreLogger } from './options.js';
import { checkRecord, keepsInFull, toWire } from './record-row.js';
import { WRITE_FAILURE_REASONS, failureReason, type WriteFailureReason } from './write-failures.js';
import { WriteQueue } from './write-queue.js';
import { RELAY_QUEUE_FULL } from './relay-intake.js';
import { RelayLedger } from './relay-ledger.js';
import type { BatchResult, ReplayRunRow, WireRecord } from './writer-core.js';

/** What the store has done so far. */
export interface StoreStats {
  /** Records accepted and not yet written or failed (waiting plus in flight). */
  readonly queued: number;
  /** Records committed. */
  readonly written: number;
  /** Of those, records stored in full. */
  readonly stored: number;
  /** Records refused because the queue was full or the store closed. */
  readonly dropped: number;
  /** Batches handed to the writer. */
  readonly batches: number;
  /** Summary deltas merged into their minute rows, and lost with a batch that failed as a whole. */
  readonly summaries: { readonly written: number; readonly lost: number };
  /** Records that could not be written, in total and per reason. */
  readonly failedWrites: { readonly total: number; readonly byReason: Readonly<Record<WriteFailureReason, number>> };
  /** Time this (the caller's) thread spent preparing batches and handing them to the writer, and accounting relayed records, in ms. */
  readonly mainThreadMs: number;
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
 * never touches disk); a drain scheduled with `setImmediate` validates and serializes up to `batchSize`
 * items (records, summary deltas, replay runs) and hands them to the writer as one batch, one batch in
 * flight at a time, in order. Records the orchestrator built arrive redacted by this store's redactor
 * (their payloads as JSON bytes from the shadow worker) and already counted in its summary deltas, so
 * nothing proportional to a payload runs here for them; records from any other writer are redacted here
 * and counted into the summaries from the record.
 */
type Item = { readonly kind: 'record'; readonly record: DiffRecord } | { readonly kind: 'summaries'; readonly deltas: readonly SummaryDelta[] } | { readonly kind: 'run'; readonly run: ReplayRunRow };

export class WritePipeline {
  readonly #o: PipelineOptions;
  readonly #queue: WriteQueue<Item>;
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
  #summariesWritten = 0;
  #summariesLost = 0;
  #mainThreadMs = 0;
  #lastError: StoreStats['lastError'];
  #lastDropLog = 0;
  #scheduled = false;
  #draining = false;
  #closed = false;
  readonly #relay = new RelayLedger();

  constructor(options: PipelineOptions) {
    this.#o = options;
    this.#queue = new WriteQueue(options.maxQueue);
    options.writer.onRelay?.({ done: (generation, result) => this.#relayDone(generation, result), retired: (generation, code, message) => this.#relayRetired(generation, code, message) });
  }

  /**
   * A record the orchestrator's shadow worker sent straight to the writer thread of `generation`
   * (decision 0018): accepted like a written one, settled when the writer reports it (or is gone).
   */
  relaySent(generation: number): void {
    this.#relayChange(() => {
      this.#accepted += 1;
      const state = this.#relay.sent(generation);
      if (state === 'reported') this.#settled += 1;
      else if (state === 'lost') {
        this.#fail('worker_crash', 1, 'the writer thread a relayed record was sent to is gone', 'WORKER_CRASH');
        this.#settled += 1;
      }
    });
  }

  #relayDone(generation: number, result: BatchResult): void {
    this.#relayChange(() => {
      const full = result.failures.filter((f) => f.code === RELAY_QUEUE_FULL).reduce((n, f) => n + f.count, 0);
      const failed = result.failures.reduce((n, f) => n + f.count, 0);
      if (full > 0) this.#dropped += full;
      this.#account({ ...result, failures: result.failures.filter((f) => f.code !== RELAY_QUEUE_FULL) });
      this.#settled += this.#relay.reported(generation, result.written + failed);
    });
  }

  #relayRetired(generation: number, code: string, message: string): void {
    this.#relayChange(() => {
      const lost = this.#relay.retired(generation);
      if (lost > 0) {
        this.#fail(failureReason(code), lost, `relayed records not written: ${message}`, code);
        this.#settled += lost;
      }
    });
  }

  /** Applies one relay event, then tells the writer whether records are still waiting, counts this thread's time and wakes flushes. */
  #relayChange(apply: () => void): void {
    const started = performance.now();
    apply();
    this.#o.writer.watchRelay?.(this.#relay.waiting > 0);
    this.#mainThreadMs += performance.now() - started;
    this.#wake();
  }

  write(record: DiffRecord): void {
    this.#enqueue({ kind: 'record', record });
  }

  /**
   * Queues summary deltas. They are never dropped for a full queue (they are a few rows per minute and
   * carry the counts every rate is computed from); only a closed store refuses them, counted as lost.
   */
  writeSummaries(deltas: readonly SummaryDelta[]): void {
    if (deltas.length === 0) return;
    if (this.#closed) {
      this.#summariesLost += deltas.length;
      return;
    }
    this.#queue.pushAlways({ kind: 'summaries', deltas });
    this.#accepted += 1;
    this.#schedule();
  }

  /** Queues a replay run's version snapshot. */
  writeRun(run: ReplayRunRow): void {
    this.#enqueue({ kind: 'run', run });
  }

  #schedule(): void {
    if (!this.#scheduled && !this.#draining) {
      this.#scheduled = true;
      setImmediate(() => void this.#drain());
    }
  }

  #enqueue(item: Item): void {
    if (this.#closed || !this.#queue.push(item)) {
      this.#dropped += 1;
      const now = this.#o.clock.now();
      if (now - this.#lastDropLog >= DROP_LOG_INTERVAL_MS) {
        this.#lastDropLog = now;
        this.#o.logger.warn(this.#closed ? 'diff store is closed; record dropped' : 'diff store queue is full; records dropped', { dropped: this.#dropped });
      }
      return;
    }
    this.#accepted += 1;
    this.#schedule();
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
      queued: this.#queue.size + this.#inFlight + this.#relay.waiting,
      written: this.#written,
      stored: this.#stored,
      dropped: this.#dropped,
      batches: this.#batches,
      summaries: { written: this.#summariesWritten, lost: this.#summariesLost },
      mainThreadMs: this.#mainThreadMs,
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
      // Records the orchestrator built were redacted with this store's rules before anyone saw them
      // (payloads in the shadow worker, as bytes: never parsed here) and kept their payloads only if they
      // are kept in full. Their shape was built, not received: only their fields are checked.
      const by = redactedBy(record);
      checkRecord(record, by !== undefined);
      if (by !== undefined && (by === this.#o.redactor || this.#o.redactor === null)) {
        const bytes = takePayloadJson(record);
        return toWire(record, keepsInFull(record, 0) || bytes !== undefined, null, bytes);
      }
      // Anything else (another writer, or another orchestrator's record) is redacted now and counted from the record.
      const clean = this.#o.redactor === null ? record : redactDiffRecord(record, this.#o.redactor);
      return toWire(clean, keepsInFull(clean, this.#o.keepMatches), deltaOfRecord(clean));
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
    this.#summariesWritten += result.summaries;
    this.#summariesLost += result.lostSummaries;
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
        const started = performance.now();
        try {
          const records: WireRecord[] = [];
          const transfer = new Set<ArrayBuffer>();
          const summaries: SummaryDelta[] = [];
          const runs: ReplayRunRow[] = [];
          for (const item of batch) {
            if (item.kind === 'summaries') summaries.push(...item.deltas);
            else if (item.kind === 'run') runs.push(item.run);
            else {
              const wire = this.#prepare(item.record);
              if (wire !== null) records.push(wire);
              // Payload bytes from a worker move to the writer thread: no copy of them is made here.
              if (wire !== null && wire.row.payload_refs instanceof Uint8Array) transfer.add(wire.row.payload_refs.buffer as ArrayBuffer);
            }
          }
          if (records.length + summaries.length + runs.length > 0) {
            this.#batches += 1;
            const written = this.#o.writer.write({ records, summaries, runs }, [...transfer]);
            this.#mainThreadMs += performance.now() - started;
            this.#account(await written);
          } else this.#mainThreadMs += performance.now() - started;
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
