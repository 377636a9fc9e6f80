import type Database from 'better-sqlite3';

import type { SummaryDelta } from '../records/summary.js';

/** One `diff_records` row, as bound to the insert statement (JSON columns already serialized). */
export interface RecordRow {
  readonly id: string;
  readonly request_id: string;
  readonly tenant: string | null;
  readonly route: string | null;
  readonly module: string;
  readonly operation: string;
  readonly runtime_main: string;
  readonly runtime_shadow: string;
  readonly ruleset_version: string;
  readonly status: string;
  readonly classification: string | null;
  readonly owner: string;
  readonly fix_location: string;
  readonly latency_main_ms: number;
  readonly latency_shadow_ms: number | null;
  readonly diff_summary: string | null;
  readonly shadow_error: string | null;
  /** Redacted payloads as JSON text, or as its UTF-8 bytes (the shadow worker's, decoded here, off the caller's thread). */
  readonly payload_refs: string | Uint8Array | null;
  readonly timestamp: number;
  readonly module_version: string;
  readonly wasm_digest: string;
  readonly llms_version: string;
  /** A stream call's timing per runtime as JSON (null for request/response calls). */
  readonly stream_timing: string | null;
}

/**
 * A redacted record on its way to the writer: its row, whether the full row is kept, and — for a record
 * not counted by the orchestrator — the summary delta it stands for (merged only if the record is written).
 */
export interface WireRecord {
  readonly row: RecordRow;
  readonly keep: boolean;
  readonly delta: SummaryDelta | null;
}

/** One replay run's version snapshot (`replay_runs`). */
export interface ReplayRunRow {
  readonly id: string;
  readonly started_at: number;
  readonly finished_at: number;
  readonly corpus: string;
  readonly ts_version: string;
  readonly wasm_version: string;
  readonly ruleset_version: string;
  readonly compat_profile_version: string;
  readonly sse_protocol_version: string;
  /** JSON: the modules replayed. */
  readonly modules: string;
  /** JSON: the run's report. */
  readonly report: string;
}

/** What one write carries: records, summary deltas, replay runs. */
export interface WriteBatch {
  readonly records: readonly WireRecord[];
  readonly summaries: readonly SummaryDelta[];
  readonly runs: readonly ReplayRunRow[];
}

/** Records that could not be written, grouped by SQLite error code. */
export interface WireFailure {
  readonly code: string;
  readonly message: string;
  readonly count: number;
}

/** What one batch did: records committed, full rows stored, summary deltas merged or lost, failures (of records and runs). */
export interface BatchResult {
  readonly written: number;
  readonly stored: number;
  readonly summaries: number;
  /** Summary deltas of a batch that failed as a whole (their counts are lost, and counted here). */
  readonly lostSummaries: number;
  readonly failures: readonly WireFailure[];
}

/** The statements the writer prepares (see `WRITER_SQL`). */
export interface WriterSql {
  readonly insertRecord: string;
  readonly selectSummary: string;
  readonly putSummary: string;
  readonly insertRun: string;
  readonly deleteRecordsBefore: string;
  readonly deleteSummariesBefore: string;
}

/** Rows deleted by a retention pass. */
export interface RetentionCounts {
  readonly records: number;
  readonly summaries: number;
}

/** The writing side of the store, bound to one connection. */
export interface WriterCore {
  /** Writes a batch in one transaction. Never throws: failures come back counted. */
  write(batch: WriteBatch): BatchResult;
  /** Deletes at most `limit` full records before `recordsBefore` and `limit` summaries before `summariesBefore`. */
  retain(recordsBefore: number, summariesBefore: number, limit: number): RetentionCounts;
}

/** `a + b` for sparse JSON counts (the columns are JSON objects of numbers). */
function mergeJson(stored: string, add: Readonly<Record<string, number>>): string {
  const counts = JSON.parse(stored) as Record<string, number>;
  for (const [k, n] of Object.entries(add)) counts[k] = (counts[k] ?? 0) + n;
  return JSON.stringify(counts);
}

/**
 * The writer, bound to an open connection. It runs in the writer worker (`writer-worker.ts`, built as
 * dist/store-writer.js) and, for `:memory:` stores, on the main thread.
 *
 * A batch is one transaction: kept records' rows inserted, summary deltas merged into their minute rows
 * (counts added, histograms merged), replay runs recorded. A constraint failure loses only that record
 * (SQLite rolls back the one statement); any other failure (disk full, read-only, I/O) rolls the whole
 * batch back and fails every record in it (and its summaries, counted as records' failures).
 */
export function writerCore(db: Database.Database, sql: WriterSql): WriterCore {
  const insert = db.prepare(sql.insertRecord);
  const select = db.prepare(sql.selectSummary);
  const put = db.prepare(sql.putSummary);
  const insertRun = db.prepare(sql.insertRun);
  const deleteRecords = db.prepare(sql.deleteRecordsBefore);
  const deleteSummaries = db.prepare(sql.deleteSummariesBefore);
  const codeOf = (error: unknown): string => {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    return typeof code === 'string' ? code : 'UNKNOWN';
  };
  const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

  const mergeSummary = (d: SummaryDelta): void => {
    const key = { bucket: d.bucket, module: d.module, operation: d.operation, runtime_main: d.runtime_main, runtime_shadow: d.runtime_shadow, module_version: d.module_version, wasm_digest: d.wasm_digest, llms_version: d.llms_version, ruleset_version: d.ruleset_version, tenant: d.tenant, route: d.route };
    const row = select.get(key) as { calls: number; primary_errors: number; outcomes: string; latency_main: string; latency_shadow: string; latency_delta: string } | undefined;
    put.run({
      ...key,
      calls: (row?.calls ?? 0) + d.calls,
      primary_errors: (row?.primary_errors ?? 0) + d.primary_errors,
      outcomes: mergeJson(row?.outcomes ?? '{}', d.outcomes),
      latency_main: mergeJson(row?.latency_main ?? '{}', d.latency_main),
      latency_shadow: mergeJson(row?.latency_shadow ?? '{}', d.latency_shadow),
      latency_delta: mergeJson(row?.latency_delta ?? '{}', d.latency_delta),
    });
  };

  const writeAll = db.transaction((batch: WriteBatch): BatchResult => {
    const failures = new Map<string, { code: string; message: string; count: number }>();
    let written = 0;
    let stored = 0;
    for (const { row, keep, delta } of batch.records) {
      if (keep) {
        // Payload bytes (UTF-8 JSON) are bound as a blob and cast to TEXT by SQLite (the insert's CAST): no
        // string of them is made on this thread. A string or null binds as it is; the cast leaves it alone.
        const payload = row.payload_refs instanceof Uint8Array ? Buffer.from(row.payload_refs.buffer, row.payload_refs.byteOffset, row.payload_refs.byteLength) : row.payload_refs;
        try {
          insert.run({ ...row, payload_refs: payload });
          stored += 1;
        } catch (error) {
          const code = codeOf(error);
          if (!code.startsWith('SQLITE_CONSTRAINT')) throw error;
          const seen = failures.get(code);
          failures.set(code, { code, message: messageOf(error), count: (seen?.count ?? 0) + 1 });
          continue;
        }
      }
      if (delta !== null) mergeSummary(delta);
      written += 1;
    }
    for (const delta of batch.summaries) mergeSummary(delta);
    for (const run of batch.runs) insertRun.run(run);
    return { written, stored, summaries: batch.summaries.length, lostSummaries: 0, failures: [...failures.values()] };
  });

  return {
    write(batch) {
      try {
        return writeAll(batch);
      } catch (error) {
        return { written: 0, stored: 0, summaries: 0, lostSummaries: batch.summaries.length, failures: [{ code: codeOf(error), message: messageOf(error), count: batch.records.length + batch.runs.length }] };
      }
    },
    retain(recordsBefore, summariesBefore, limit) {
      return { records: deleteRecords.run(recordsBefore, limit).changes, summaries: deleteSummaries.run(summariesBefore, limit).changes };
    },
  };
}
