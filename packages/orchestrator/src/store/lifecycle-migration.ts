import type { Migration } from './schema.js';

/**
 * Schema version 4: the lifecycle tables (decision 0017). `lifecycle_state` holds one row: every module's
 * stage, streaks, cool-downs and pending approvals as JSON, with a `revision` that every write must name
 * (compare-and-set), so two gateways on one file never both apply an evaluation. `decision_records` keeps
 * every promotion, hold, rollback and approval: rows are inserted, never updated or deleted (triggers
 * refuse both), keyed by module and sequence.
 */
export const LIFECYCLE_MIGRATION: Migration = {
  version: 4,
  sql: `
    CREATE TABLE lifecycle_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      revision INTEGER NOT NULL,
      state TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      updated_by TEXT NOT NULL
    ) STRICT;

    CREATE TABLE decision_records (
      module TEXT NOT NULL,
      sequence INTEGER NOT NULL,
      at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      outcome TEXT NOT NULL,
      stage_before TEXT NOT NULL,
      stage_after TEXT NOT NULL,
      record TEXT NOT NULL,
      PRIMARY KEY (module, sequence)
    ) STRICT;
    CREATE INDEX decision_records_at ON decision_records (at);

    CREATE TRIGGER decision_records_immutable BEFORE UPDATE ON decision_records
      BEGIN SELECT RAISE(ABORT, 'decision records are immutable'); END;
    CREATE TRIGGER decision_records_kept BEFORE DELETE ON decision_records
      BEGIN SELECT RAISE(ABORT, 'decision records are never deleted'); END;
  `,
};
