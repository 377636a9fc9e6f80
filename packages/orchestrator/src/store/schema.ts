import type Database from 'better-sqlite3';
import { OrchestratorError } from '../errors.js';
import { CONTROL_MIGRATION } from './control-migration.js';
import { LIFECYCLE_MIGRATION } from './lifecycle-migration.js';
import { STREAM_TIMING_MIGRATION } from './stream-timing-migration.js';
import { SUMMARY_MIGRATION } from './summary-migration.js';
import type { WriterSql } from './writer-core.js';

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = 5;

/** One forward step of the schema. Released migrations are never edited; a change is a new version. */
export interface Migration {
  readonly version: number;
  readonly sql: string;
}

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE diff_records (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL,
        tenant TEXT,
        route TEXT,
        module TEXT NOT NULL,
        operation TEXT NOT NULL,
        runtime_main TEXT NOT NULL,
        runtime_shadow TEXT NOT NULL,
        ruleset_version TEXT NOT NULL,
        status TEXT NOT NULL,
        classification TEXT,
        owner TEXT NOT NULL,
        fix_location TEXT NOT NULL,
        latency_main_ms REAL NOT NULL,
        latency_shadow_ms REAL,
        diff_summary TEXT,
        shadow_error TEXT,
        payload_refs TEXT,
        timestamp INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX diff_records_request ON diff_records (request_id);
      CREATE INDEX diff_records_tenant ON diff_records (tenant, timestamp);
      CREATE INDEX diff_records_route ON diff_records (route, timestamp);
      CREATE INDEX diff_records_module ON diff_records (module, operation, timestamp);
      CREATE INDEX diff_records_ruleset ON diff_records (ruleset_version, timestamp);
      CREATE INDEX diff_records_class ON diff_records (classification, status, timestamp);
      CREATE INDEX diff_records_time ON diff_records (timestamp);

      CREATE TABLE summaries (
        bucket INTEGER NOT NULL,
        module TEXT NOT NULL,
        operation TEXT NOT NULL,
        tenant TEXT NOT NULL,
        route TEXT NOT NULL,
        ruleset_version TEXT NOT NULL,
        status TEXT NOT NULL,
        classification TEXT NOT NULL,
        count INTEGER NOT NULL,
        latency_main_sum REAL NOT NULL,
        latency_main_max REAL NOT NULL,
        latency_shadow_sum REAL NOT NULL,
        latency_shadow_max REAL NOT NULL,
        latency_shadow_count INTEGER NOT NULL,
        PRIMARY KEY (bucket, module, operation, tenant, route, ruleset_version, status, classification)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX summaries_module ON summaries (module, bucket);
    `,
  },
  SUMMARY_MIGRATION,
  CONTROL_MIGRATION,
  LIFECYCLE_MIGRATION,
  STREAM_TIMING_MIGRATION,
];

/** The statements the writer runs. Summary keys store `''` for an absent tenant, route or shadow runtime. */
export const WRITER_SQL: WriterSql = {
  insertRecord: `INSERT INTO diff_records (id, request_id, tenant, route, module, operation, runtime_main, runtime_shadow,
      ruleset_version, status, classification, owner, fix_location, latency_main_ms, latency_shadow_ms, diff_summary,
      shadow_error, payload_refs, timestamp, module_version, wasm_digest, llms_version, stream_timing)
    VALUES (@id, @request_id, @tenant, @route, @module, @operation, @runtime_main, @runtime_shadow, @ruleset_version,
      @status, @classification, @owner, @fix_location, @latency_main_ms, @latency_shadow_ms, @diff_summary,
      @shadow_error, CAST(@payload_refs AS TEXT), @timestamp, @module_version, @wasm_digest, @llms_version, @stream_timing)`,
  selectSummary: `SELECT calls, primary_errors, outcomes, latency_main, latency_shadow, latency_delta FROM minute_summaries
    WHERE bucket = @bucket AND module = @module AND operation = @operation AND runtime_main = @runtime_main
      AND runtime_shadow = @runtime_shadow AND module_version = @module_version AND wasm_digest = @wasm_digest
      AND llms_version = @llms_version AND ruleset_version = @ruleset_version AND tenant = @tenant AND route = @route`,
  putSummary: `INSERT OR REPLACE INTO minute_summaries (bucket, module, operation, runtime_main, runtime_shadow, module_version,
      wasm_digest, llms_version, ruleset_version, tenant, route, calls, primary_errors, outcomes, latency_main, latency_shadow,
      latency_delta)
    VALUES (@bucket, @module, @operation, @runtime_main, @runtime_shadow, @module_version, @wasm_digest, @llms_version,
      @ruleset_version, @tenant, @route, @calls, @primary_errors, @outcomes, @latency_main, @latency_shadow, @latency_delta)`,
  insertRun: `INSERT OR REPLACE INTO replay_runs (id, started_at, finished_at, corpus, ts_version, wasm_version, ruleset_version,
      compat_profile_version, sse_protocol_version, modules, report)
    VALUES (@id, @started_at, @finished_at, @corpus, @ts_version, @wasm_version, @ruleset_version, @compat_profile_version,
      @sse_protocol_version, @modules, @report)`,
  deleteRecordsBefore: `DELETE FROM diff_records WHERE rowid IN (SELECT rowid FROM diff_records WHERE timestamp < ? LIMIT ?)`,
  deleteSummariesBefore: `DELETE FROM minute_summaries WHERE (bucket, module, operation, runtime_main, runtime_shadow, module_version,
      wasm_digest, llms_version, ruleset_version, tenant, route) IN
    (SELECT bucket, module, operation, runtime_main, runtime_shadow, module_version, wasm_digest, llms_version, ruleset_version,
      tenant, route FROM minute_summaries WHERE bucket < ? LIMIT ?)`,
};

/** The schema version recorded in `meta` (0 for a new database). */
export function schemaVersion(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT');
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get() as { value: string } | undefined;
  return row === undefined ? 0 : Number(row.value);
}

/**
 * Brings `db` to {@link SCHEMA_VERSION}, each step in its own transaction; returns the version.
 * @throws OrchestratorError `STORE_FAILED` when the database was written by a newer schema.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  let version = schemaVersion(db);
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (version > latest) {
    throw new OrchestratorError('STORE_FAILED', `diff store schema version ${version} is newer than this code (${latest})`, { code: 'SCHEMA_TOO_NEW' });
  }
  for (const step of [...migrations].sort((a, b) => a.version - b.version)) {
    if (step.version <= version) continue;
    // IMMEDIATE, and the version read again inside: another process (a CLI, a second gateway) may have
    // migrated the file since it was read above; it then holds the write lock or has already done the step.
    db.transaction(() => {
      if (schemaVersion(db) >= step.version) return;
      db.exec(step.sql);
      db.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(step.version));
    }).immediate();
    version = step.version;
  }
  return version;
}
