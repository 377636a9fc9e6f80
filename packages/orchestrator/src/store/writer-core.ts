import type Database from 'better-sqlite3';

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
  readonly payload_refs: string | null;
  readonly timestamp: number;
}

/** A redacted record on its way to the writer: its row, whether the full row is kept, its hour bucket. */
export interface WireRecord {
  readonly row: RecordRow;
  readonly keep: boolean;
  readonly bucket: number;
}

/** Records that could not be written, grouped by SQLite error code. */
export interface WireFailure {
  readonly code: string;
  readonly message: string;
  readonly count: number;
}

/** What one batch did: records committed (summaries), full rows stored, failures. */
export interface BatchResult {
  readonly written: number;
  readonly stored: number;
  readonly failures: readonly WireFailure[];
}

/** The statements the writer prepares (see `WRITER_SQL`). */
export interface WriterSql {
  readonly insertRecord: string;
  readonly upsertSummary: string;
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
  write(records: readonly WireRecord[]): BatchResult;
  /** Deletes at most `limit` full records before `recordsBefore` and `limit` summaries before `summariesBefore`. */
  retain(recordsBefore: number, summariesBefore: number, limit: number): RetentionCounts;
}

/**
 * The writer, bound to an open connection. It runs in the writer worker (`writer-worker.ts`, built as
 * dist/store-writer.js) and, for `:memory:` stores, on the main thread.
 *
 * A record's full row is inserted (when kept) and its summary counted in the same transaction. A
 * constraint failure loses only that record (SQLite rolls back the one statement); any other failure
 * (disk full, read-only, I/O) rolls the whole batch back and fails every record in it.
 */
export function writerCore(db: Database.Database, sql: WriterSql): WriterCore {
  const insert = db.prepare(sql.insertRecord);
  const upsert = db.prepare(sql.upsertSummary);
  const deleteRecords = db.prepare(sql.deleteRecordsBefore);
  const deleteSummaries = db.prepare(sql.deleteSummariesBefore);
  const codeOf = (error: unknown): string => {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    return typeof code === 'string' ? code : 'UNKNOWN';
  };
  const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

  interface Sum {
    bucket: number;
    module: string;
    operation: string;
    tenant: string;
    route: string;
    ruleset_version: string;
    status: string;
    classification: string;
    count: number;
    latency_main_sum: number;
    latency_main_max: number;
    latency_shadow_sum: number;
    latency_shadow_max: number;
    latency_shadow_count: number;
  }

  const writeAll = db.transaction((records: readonly WireRecord[]): BatchResult => {
    const failures = new Map<string, { code: string; message: string; count: number }>();
    const sums = new Map<string, Sum>();
    let written = 0;
    let stored = 0;
    for (const { row, keep, bucket } of records) {
      if (keep) {
        try {
          insert.run(row);
          stored += 1;
        } catch (error) {
          const code = codeOf(error);
          if (!code.startsWith('SQLITE_CONSTRAINT')) throw error;
          const seen = failures.get(code);
          failures.set(code, { code, message: messageOf(error), count: (seen?.count ?? 0) + 1 });
          continue;
        }
      }
      written += 1;
      const key = [bucket, row.module, row.operation, row.tenant ?? '', row.route ?? '', row.ruleset_version, row.status, row.classification ?? ''].join('\u0000');
      let sum = sums.get(key);
      if (sum === undefined) {
        sum = {
          bucket,
          module: row.module,
          operation: row.operation,
          tenant: row.tenant ?? '',
          route: row.route ?? '',
          ruleset_version: row.ruleset_version,
          status: row.status,
          classification: row.classification ?? '',
          count: 0,
          latency_main_sum: 0,
          latency_main_max: 0,
          latency_shadow_sum: 0,
          latency_shadow_max: 0,
          latency_shadow_count: 0,
        };
        sums.set(key, sum);
      }
      sum.count += 1;
      sum.latency_main_sum += row.latency_main_ms;
      sum.latency_main_max = Math.max(sum.latency_main_max, row.latency_main_ms);
      if (row.latency_shadow_ms !== null) {
        sum.latency_shadow_sum += row.latency_shadow_ms;
        sum.latency_shadow_max = Math.max(sum.latency_shadow_max, row.latency_shadow_ms);
        sum.latency_shadow_count += 1;
      }
    }
    for (const sum of sums.values()) upsert.run(sum);
    return { written, stored, failures: [...failures.values()] };
  });

  return {
    write(records) {
      try {
        return writeAll(records);
      } catch (error) {
        return { written: 0, stored: 0, failures: [{ code: codeOf(error), message: messageOf(error), count: records.length }] };
      }
    },
    retain(recordsBefore, summariesBefore, limit) {
      return { records: deleteRecords.run(recordsBefore, limit).changes, summaries: deleteSummaries.run(summariesBefore, limit).changes };
    },
  };
}
