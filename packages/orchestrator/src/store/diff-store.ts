import Database from 'better-sqlite3';
import { OrchestratorError } from '../errors.js';
import type { GateWindow } from '../gates/window.js';
import type { Evidence, EvidenceQuery } from './window-query.js';
import type { DiffRecord } from '../records/diff-record.js';
import type { ReplayRun } from '../records/replay-run.js';
import type { SummaryDelta } from '../records/summary.js';
import type { Redactor } from '../redact/redactor.js';
import { InlineWriter, type BatchWriter, type RelayClient } from './batch-writer.js';
import { resolveStoreOptions, type DiffStoreOptions, type ResolvedStoreOptions } from './options.js';
import { StoreReader, type ClassificationCount, type DiffQuery, type ModuleSummary } from './queries.js';
import { WRITER_SQL, migrate } from './schema.js';
import { WritePipeline, type StoreStats, type WriteFailure } from './write-pipeline.js';
import { WorkerWriter } from './worker-writer.js';
import type { ReplayRunRow, RetentionCounts } from './writer-core.js';

const DAY_MS = 86_400_000;
const RETENTION_CHUNK = 5000;

/**
 * Redacted DiffRecords in embedded SQLite: full records for a short window, per-minute summaries (every
 * call, comparison, drop and skip, with latency histograms) for long.
 */
export interface DiffStore {
  /** The redactor records are stored under (null only for `'disabled-for-tests'`); the orchestrator's workers redact with it. */
  readonly redactor: Redactor | null;
  /** The fraction of plain matches stored in full. */
  readonly keepMatches: number;
  /**
   * The record relay of a file store (decision 0018), absent for `:memory:`: the orchestrator's shadow
   * workers send the records they build straight to the writer thread, so no record or payload byte
   * passes through the caller's thread. `connect` serves a producer a port to each writer thread (null
   * while there is none); `sent` announces one record sent on the port of `generation`, so `flush()`,
   * `stats()` and the failure counts cover it.
   */
  readonly relay?: StoreRelay;
  /**
   * Queues `record`. O(1); never throws; never blocks on disk. A record the orchestrator built is already
   * redacted with this store's redactor and counted in its summaries; any other record is redacted off
   * the caller's turn and counted into the summaries from its own fields.
   */
  write(record: DiffRecord): void;
  /** Queues summary deltas, merged into their minute rows. Never dropped for a full queue; a closed store counts them lost. */
  writeSummaries(deltas: readonly SummaryDelta[]): void;
  /** Queues a replay run's version snapshot and report. */
  writeRun(run: ReplayRun): void;
  /** Resolves when every record accepted so far is committed or counted as failed. Never rejects. */
  flush(): Promise<void>;
  /** Flushes, then releases the worker and connections. Idempotent; later writes are dropped and counted. */
  close(): Promise<void>;
  /** Counters: queued, written, stored, dropped, batches, failedWrites per reason, restarts, lastError. */
  stats(): StoreStats;
  /**
   * Listens to every failed write (reason, count, SQLite code, redacted message), as it is counted.
   * A throwing listener is ignored. Returns an unsubscribe.
   */
  onWriteFailure(listener: (failure: WriteFailure) => void): () => void;
  /** Deletes full records older than `retention.fullDays` and summaries older than `retention.summaryDays`. @throws OrchestratorError `STORE_FAILED`, `STORE_CLOSED`. */
  applyRetention(now?: number): Promise<RetentionCounts>;
  /** Stored full records, newest first. @throws OrchestratorError `QUERY_INVALID`, `STORE_CLOSED`. */
  query(filter?: DiffQuery): DiffRecord[];
  /** Counts per module, classification and status (from summaries unless `requestId` is given). */
  countByClassification(filter?: DiffQuery): ClassificationCount[];
  /** Totals per module from the minute summaries: calls, outcomes, drops and skips, latency P50/P95/P99. @throws OrchestratorError `QUERY_INVALID` (a `requestId` cannot narrow minutes), `STORE_CLOSED`. */
  summary(filter?: DiffQuery): ModuleSummary[];
  /** One module's outcomes over `[from, to)` (what the gates read). @throws OrchestratorError `QUERY_INVALID`, `STORE_CLOSED`. */
  window(module: string, from: number, to: number): GateWindow;
  /**
   * A gate evaluation's evidence for one module (raw id: the identifier rule is applied): its gate and
   * recent windows and the top diff paths, read by the writer thread (for a file) so the aggregation never
   * runs on the caller's thread. @throws OrchestratorError `QUERY_INVALID`, `STORE_FAILED`, `STORE_CLOSED`.
   */
  readEvidence(query: EvidenceQuery): Promise<Evidence>;
  /** Replay runs with their version snapshots, newest first. @throws OrchestratorError `STORE_CLOSED`. */
  runs(limit?: number): ReplayRun[];
}

/** See `DiffStore.relay`. */
export interface StoreRelay {
  connect(client: RelayClient): () => void;
  sent(generation: number): void;
}

function runRow(run: ReplayRun): ReplayRunRow {
  return {
    id: run.id,
    started_at: Math.trunc(run.startedAt),
    finished_at: Math.trunc(run.finishedAt),
    corpus: run.corpus,
    ...run.versions,
    modules: JSON.stringify(run.modules),
    report: JSON.stringify(run.report ?? null),
  };
}

function openAdmin(o: ResolvedStoreOptions): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(o.path);
    if (o.path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('secure_delete = ON');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof OrchestratorError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new OrchestratorError('STORE_FAILED', `cannot open the diff store at ${o.path}: ${error instanceof Error ? error.message : String(error)}`, typeof code === 'string' ? { code } : {}, {
      cause: error,
    });
  }
}

/**
 * Opens (creating and migrating if needed) a diff store. For a file, a dedicated worker thread owns the
 * writing connection and this thread keeps a read-only one; for `:memory:`, one connection serves both.
 *
 * @throws OrchestratorError `CONFIG_INVALID` (bad option, no redactor), `STORE_FAILED` (cannot open or migrate).
 * @example
 * const store = openDiffStore({ path: 'diffs.db', redactor: createRedactor({ key: process.env.REDACTION_KEY ?? '' }) });
 * store.write(record);
 * await store.flush();
 * store.query({ module: 'tools', status: 'diff', limit: 20 });
 */
export function openDiffStore(options: DiffStoreOptions): DiffStore {
  const o = resolveStoreOptions(options);
  const memory = o.path === ':memory:';
  const admin = openAdmin(o);
  const pageSize = Number(admin.pragma('page_size', { simple: true }));
  const maxPageCount = o.maxDbBytes === null ? null : Math.max(1, Math.floor(o.maxDbBytes / pageSize));
  let reader: Database.Database;
  let writer: BatchWriter;
  if (memory) {
    if (maxPageCount !== null) admin.pragma(`max_page_count = ${maxPageCount}`);
    reader = admin;
    writer = new InlineWriter(admin, WRITER_SQL);
  } else {
    try {
      reader = new Database(o.path, { readonly: true, fileMustExist: true });
    } catch (error) {
      admin.close();
      throw new OrchestratorError('STORE_FAILED', `cannot open a reader on ${o.path}`, {}, { cause: error });
    }
    admin.close();
    const data = { path: o.path, sql: WRITER_SQL, synchronous: o.synchronous, busyTimeoutMs: o.busyTimeoutMs, maxPageCount, relay: { batchSize: o.batchSize, maxPending: o.maxQueue } };
    try {
      writer = new WorkerWriter(data, { logger: o.logger, timeoutMs: o.writeTimeoutMs, clock: o.clock, onWorker: o.onWorker });
    } catch (error) {
      reader.close();
      throw error;
    }
  }
  const redactor = o.redactor;
  // Identifiers are stored under the identifier rule (decision 0008), so lookups apply it to the raw id.
  const reads = new StoreReader(reader, redactor === null ? (value) => value : (value) => redactor.identifier(value));
  const pipeline = new WritePipeline({ writer, redactor, keepMatches: o.keepMatches, maxQueue: o.maxQueue, batchSize: o.batchSize, logger: o.logger, clock: o.clock });
  let closing: Promise<void> | null = null;
  const open = (): void => {
    if (closing !== null) throw new OrchestratorError('STORE_CLOSED', 'the diff store is closed');
  };

  const applyRetention = async (now: number = Date.now()): Promise<RetentionCounts> => {
    open();
    // In chunks, so batches interleave with a long retention pass and no request runs for long.
    const counts = { records: 0, summaries: 0 };
    for (;;) {
      const chunk = await writer.retain(now - o.fullDays * DAY_MS, now - o.summaryDays * DAY_MS, RETENTION_CHUNK);
      counts.records += chunk.records;
      counts.summaries += chunk.summaries;
      if (chunk.records < RETENTION_CHUNK && chunk.summaries < RETENTION_CHUNK) break;
    }
    o.logger.info?.('diff store retention applied', { records: counts.records, summaries: counts.summaries });
    return counts;
  };
  const timer =
    o.intervalMs > 0
      ? setInterval(() => {
          applyRetention().catch((error: unknown) => o.logger.error('diff store retention failed', { message: error instanceof Error ? error.message : String(error) }));
        }, o.intervalMs).unref()
      : null;

  const connectRelay = writer.connectRelay?.bind(writer);
  return {
    redactor,
    keepMatches: o.keepMatches,
    ...(connectRelay === undefined ? {} : { relay: { connect: connectRelay, sent: (generation: number) => pipeline.relaySent(generation) } }),
    write: (record) => pipeline.write(record),
    writeSummaries: (deltas) => pipeline.writeSummaries(deltas),
    writeRun: (run) => pipeline.writeRun(runRow(run)),
    flush: () => pipeline.flush(),
    stats: () => pipeline.stats(),
    onWriteFailure: (listener) => pipeline.onFailure(listener),
    applyRetention,
    query(filter) {
      open();
      return reads.query(filter);
    },
    countByClassification(filter) {
      open();
      return reads.countByClassification(filter);
    },
    summary(filter) {
      open();
      return reads.summary(filter);
    },
    window(module, from, to) {
      open();
      return reads.window(module, from, to);
    },
    async readEvidence(query) {
      open();
      return writer.evidence({ ...query, module: redactor === null ? query.module : redactor.identifier(query.module) });
    },
    runs(limit) {
      open();
      return reads.runs(limit);
    },
    close() {
      closing ??= (async () => {
        if (timer !== null) clearInterval(timer);
        await pipeline.close();
        if (!memory) reader.close();
        await writer.close();
        if (memory) admin.close();
      })();
      return closing;
    },
  };
}
