import type { Migration } from './schema.js';

/**
 * Schema version 3: the control tables (decision 0013). `mode_overrides` keeps every mode override ever
 * set — a row is cleared (`cleared_at`), never deleted, so the history survives; `instances` holds one
 * heartbeat row per running orchestrator (its runtimes' health, its modes, its shadow pool).
 */
export const CONTROL_MIGRATION: Migration = {
  version: 3,
  sql: `
    CREATE TABLE mode_overrides (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      module TEXT,
      scope TEXT NOT NULL CHECK (scope IN ('global', 'tenant', 'route')),
      scope_id TEXT,
      mode TEXT NOT NULL,
      lock INTEGER NOT NULL CHECK (lock IN (0, 1)),
      split_percent REAL,
      reason TEXT NOT NULL,
      who TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      cleared_at INTEGER,
      cleared_by TEXT,
      clear_reason TEXT,
      CHECK ((scope = 'global') = (scope_id IS NULL))
    ) STRICT;
    CREATE INDEX mode_overrides_active ON mode_overrides (cleared_at, id);

    CREATE TABLE instances (
      id TEXT PRIMARY KEY,
      pid INTEGER NOT NULL,
      host TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      last_seen INTEGER NOT NULL,
      stopped_at INTEGER,
      heartbeat_ms INTEGER NOT NULL,
      state TEXT NOT NULL
    ) STRICT;
    CREATE INDEX instances_seen ON instances (last_seen);
  `,
};
