import type { Migration } from './schema.js';

/**
 * Schema version 2: per-minute summaries of every call, comparison, drop and skip, keyed by runtimes and versions, with
 * mergeable latency histograms; records name their versions; replay runs keep their version snapshot.
 * The hourly rows of version 1 are kept as coarse rows (their bucket is the hour's first minute).
 */
export const SUMMARY_MIGRATION: Migration = {
  version: 2,
  sql: `
    CREATE TABLE minute_summaries (
      bucket INTEGER NOT NULL,
      module TEXT NOT NULL,
      operation TEXT NOT NULL,
      runtime_main TEXT NOT NULL,
      runtime_shadow TEXT NOT NULL,
      module_version TEXT NOT NULL,
      wasm_digest TEXT NOT NULL,
      llms_version TEXT NOT NULL,
      ruleset_version TEXT NOT NULL,
      tenant TEXT NOT NULL,
      route TEXT NOT NULL,
      calls INTEGER NOT NULL,
      primary_errors INTEGER NOT NULL,
      outcomes TEXT NOT NULL,
      latency_main TEXT NOT NULL,
      latency_shadow TEXT NOT NULL,
      latency_delta TEXT NOT NULL,
      PRIMARY KEY (bucket, module, operation, runtime_main, runtime_shadow, module_version, wasm_digest, llms_version, ruleset_version, tenant, route)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX minute_summaries_module ON minute_summaries (module, bucket);
    CREATE INDEX minute_summaries_time ON minute_summaries (bucket);
    INSERT INTO minute_summaries
      SELECT bucket, module, operation, '', '', '', '', '', ruleset_version, tenant, route, 0, 0,
        json_group_object(CASE WHEN classification = '' THEN status ELSE status || ':' || classification END, count), '{}', '{}', '{}'
      FROM summaries GROUP BY bucket, module, operation, ruleset_version, tenant, route;
    DROP TABLE summaries;
    ALTER TABLE diff_records ADD COLUMN module_version TEXT NOT NULL DEFAULT '';
    ALTER TABLE diff_records ADD COLUMN wasm_digest TEXT NOT NULL DEFAULT '';
    ALTER TABLE diff_records ADD COLUMN llms_version TEXT NOT NULL DEFAULT '';
    CREATE TABLE replay_runs (
      id TEXT PRIMARY KEY,
      started_at INTEGER NOT NULL,
      finished_at INTEGER NOT NULL,
      corpus TEXT NOT NULL,
      ts_version TEXT NOT NULL,
      wasm_version TEXT NOT NULL,
      ruleset_version TEXT NOT NULL,
      compat_profile_version TEXT NOT NULL,
      sse_protocol_version TEXT NOT NULL,
      modules TEXT NOT NULL,
      report TEXT NOT NULL
    ) STRICT;
  `,
};
