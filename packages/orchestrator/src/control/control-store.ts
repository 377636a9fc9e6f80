import Database from 'better-sqlite3';
import { OrchestratorError } from '../errors.js';
import { migrate } from '../store/schema.js';
import { type ModeOverride, type OverrideTarget, makeOverride, scopeOf } from '../modes/mode-override.js';
import type { InstanceState } from './instance-state.js';

/** An override as the store keeps it: a row id, and how it ended once it was cleared or replaced. */
export interface StoredOverride extends ModeOverride {
  readonly id: number;
  readonly clearedAt?: number;
  readonly clearedBy?: string;
  readonly clearReason?: string;
}

/** Who clears an override, and why. */
export interface ClearedBy {
  readonly who: string;
  readonly reason: string;
  readonly at: number;
}

/** One orchestrator's heartbeat row. */
export interface InstanceRow {
  readonly id: string;
  readonly pid: number;
  readonly host: string;
  readonly startedAt: number;
  readonly lastSeen: number;
  readonly stoppedAt?: number;
  /** Its heartbeat interval: it is stale when not seen for three of them. */
  readonly heartbeatMs: number;
  readonly state: InstanceState;
}

/** The active rows that apply, and the ones that do not parse (written by something else than this code). */
export interface ActiveOverrides {
  readonly overrides: readonly StoredOverride[];
  readonly invalid: readonly { readonly id: number; readonly problem: string }[];
}

/** The control tables of a store file: mode overrides (with their history) and instance heartbeats. */
export interface ControlStore {
  readonly path: string;
  /** The file's schema version (below 2: it has no control tables yet; read-only stores then read as empty). */
  readonly schemaVersion: number;
  /** Writes `override` as a new row, clearing the active rows with its key ("replaced by #id"), in one transaction. */
  insertOverride(override: ModeOverride): StoredOverride;
  /** Clears the active rows with `target`'s key; returns them as they were. */
  clearOverrides(target: OverrideTarget, by: ClearedBy): StoredOverride[];
  /** Clears one active row by id; undefined when there is no such active row. */
  clearOverrideById(id: number, by: ClearedBy): StoredOverride | undefined;
  /** Every active row, oldest first. */
  activeOverrides(): ActiveOverrides;
  /** Rows newest first, cleared ones included (overrides are never deleted). */
  overrideHistory(limit?: number): StoredOverride[];
  writeHeartbeat(row: Omit<InstanceRow, 'stoppedAt'>): void;
  markStopped(id: string, at: number): void;
  /** Heartbeat rows seen since `since` (ms since the epoch), most recent first. */
  instances(since?: number): InstanceRow[];
  /** Deletes heartbeat rows not seen since `before`; returns how many. */
  pruneInstances(before: number): number;
  close(): void;
}

/** Options of `openControlStore`. */
export interface ControlStoreOptions {
  /** Open without writing: nothing is created or migrated (the `status` command). Default false. */
  readonly readonly?: boolean;
  /** How long a write waits for another connection's lock before failing as busy. Default 100 ms (a poll retries). */
  readonly busyTimeoutMs?: number;
}

interface OverrideRow {
  id: number;
  module: string | null;
  scope: string;
  scope_id: string | null;
  mode: string;
  lock: number;
  split_percent: number | null;
  reason: string;
  who: string;
  created_at: number;
  cleared_at: number | null;
  cleared_by: string | null;
  clear_reason: string | null;
}

function fromRow(row: OverrideRow): StoredOverride {
  const input = {
    ...(row.module === null ? {} : { module: row.module }),
    ...(row.scope === 'tenant' && row.scope_id !== null ? { tenant: row.scope_id } : {}),
    ...(row.scope === 'route' && row.scope_id !== null ? { route: row.scope_id } : {}),
    mode: row.mode,
    lock: row.lock === 1,
    ...(row.split_percent === null ? {} : { splitPercent: row.split_percent }),
    reason: row.reason,
    who: row.who,
  };
  const made = makeOverride(input, null, { at: row.created_at, who: row.who, origin: 'stored', id: row.id });
  if (made.scope !== row.scope) throw new OrchestratorError('OVERRIDE_INVALID', `override/scope: "${row.scope}" without its id`, { path: '/scope' });
  return Object.freeze({
    ...made,
    id: row.id,
    ...(row.cleared_at === null ? {} : { clearedAt: row.cleared_at }),
    ...(row.cleared_by === null ? {} : { clearedBy: row.cleared_by }),
    ...(row.clear_reason === null ? {} : { clearReason: row.clear_reason }),
  });
}

function storeFailed(path: string, what: string, error: unknown): OrchestratorError {
  const code = (error as { code?: unknown }).code;
  return new OrchestratorError('STORE_FAILED', `control store ${path}: ${what}: ${error instanceof Error ? error.message : String(error)}`, typeof code === 'string' ? { code } : {}, { cause: error });
}

/**
 * Opens the control tables of a store file (creating and migrating the file unless `readonly`).
 * @throws OrchestratorError `STORE_FAILED` when the file cannot be opened (or, read-only, does not exist)
 * @example
 * const control = openControlStore('llms-wasm-diffs.sqlite');
 * control.insertOverride(resolver.checkOverride({ module: 'tokenizer', mode: 'ts_primary', lock: true, reason: 'INC-1' }));
 */
export function openControlStore(path: string, options: ControlStoreOptions = {}): ControlStore {
  let db: Database.Database;
  let version: number;
  try {
    db = options.readonly === true ? new Database(path, { readonly: true, fileMustExist: true }) : new Database(path, { timeout: options.busyTimeoutMs ?? 100 });
    if (options.readonly === true) {
      const meta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get();
      version = meta === undefined ? 0 : Number((db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get() as { value?: string } | undefined)?.value ?? 0);
    } else {
      db.pragma('journal_mode = WAL');
      version = migrate(db);
    }
  } catch (error) {
    if (error instanceof OrchestratorError) throw error;
    throw storeFailed(path, 'cannot open', error);
  }
  const has = version >= 2;
  const run = <T>(what: string, body: () => T): T => {
    try {
      return body();
    } catch (error) {
      if (error instanceof OrchestratorError) throw error;
      throw storeFailed(path, what, error);
    }
  };
  /** Reads of a read-only store on an old file find nothing; everything else needs the tables. */
  const read = <T>(what: string, body: () => T, empty: T): T => (!has && options.readonly === true ? empty : write(what, body));
  const write = <T>(what: string, body: () => T): T => {
    if (!has) throw new OrchestratorError('STORE_FAILED', `control store ${path}: schema version ${version} has no control tables`);
    return run(what, body);
  };
  const keyWhere = `cleared_at IS NULL AND scope = @scope AND scope_id IS @scopeId AND module IS @module`;
  const keyOf = (target: OverrideTarget): { scope: string; scopeId: string | null; module: string | null } => ({
    scope: scopeOf(target),
    scopeId: target.tenant ?? target.route ?? null,
    module: target.module ?? null,
  });
  const clearRows = (where: string, params: Record<string, unknown>, by: ClearedBy): StoredOverride[] => {
    const rows = db.prepare(`SELECT * FROM mode_overrides WHERE ${where} ORDER BY id`).all(params) as OverrideRow[];
    const update = db.prepare(`UPDATE mode_overrides SET cleared_at = @at, cleared_by = @who, clear_reason = @reason WHERE id = @id AND cleared_at IS NULL`);
    for (const row of rows) update.run({ id: row.id, at: by.at, who: by.who, reason: by.reason });
    return rows.flatMap((row) => {
      try {
        return [fromRow(row)];
      } catch {
        return []; // cleared all the same: an unreadable row must not outlive a clear of its key
      }
    });
  };

  return {
    path,
    schemaVersion: version,
    insertOverride: (override) =>
      write(
        'cannot write an override',
        () =>
          db.transaction((): StoredOverride => {
            const key = keyOf(override);
            const { lastInsertRowid } = db
              .prepare(
                `INSERT INTO mode_overrides (module, scope, scope_id, mode, lock, split_percent, reason, who, created_at)
                 VALUES (@module, @scope, @scopeId, @mode, @lock, @splitPercent, @reason, @who, @at)`,
              )
              .run({ ...key, mode: override.mode, lock: override.lock ? 1 : 0, splitPercent: override.splitPercent ?? null, reason: override.reason, who: override.who, at: override.at });
            const id = Number(lastInsertRowid);
            clearRows(`${keyWhere} AND id <> @id`, { ...key, id }, { who: override.who, reason: `replaced by #${id}`, at: override.at });
            return Object.freeze({ ...override, id, origin: 'stored' as const });
          }).immediate(),
      ),
    clearOverrides: (target, by) => write('cannot clear an override', () => db.transaction(() => clearRows(keyWhere, keyOf(target), by)).immediate()),
    clearOverrideById: (id, by) => write('cannot clear an override', () => db.transaction(() => clearRows('cleared_at IS NULL AND id = @id', { id }, by)[0]).immediate()),
    activeOverrides: () =>
      read(
        'cannot read overrides',
        () => {
          const overrides: StoredOverride[] = [];
          const invalid: { id: number; problem: string }[] = [];
          for (const row of db.prepare(`SELECT * FROM mode_overrides WHERE cleared_at IS NULL ORDER BY id`).all() as OverrideRow[]) {
            try {
              overrides.push(fromRow(row));
            } catch (error) {
              invalid.push({ id: row.id, problem: error instanceof Error ? error.message : String(error) });
            }
          }
          return { overrides, invalid };
        },
        { overrides: [], invalid: [] },
      ),
    overrideHistory: (limit = 100) =>
      read(
        'cannot read overrides',
        () =>
          (db.prepare(`SELECT * FROM mode_overrides ORDER BY id DESC LIMIT ?`).all(limit) as OverrideRow[]).flatMap((row) => {
            try {
              return [fromRow(row)];
            } catch {
              return [];
            }
          }),
        [],
      ),
    writeHeartbeat: (row) =>
      write(
        'cannot write a heartbeat',
        () =>
          void db
            .prepare(
              `INSERT INTO instances (id, pid, host, started_at, last_seen, heartbeat_ms, state) VALUES (@id, @pid, @host, @startedAt, @lastSeen, @heartbeatMs, @state)
               ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen, heartbeat_ms = excluded.heartbeat_ms, state = excluded.state, stopped_at = NULL`,
            )
            .run({ ...row, state: JSON.stringify(row.state) }),
      ),
    markStopped: (id, at) => write('cannot write a heartbeat', () => void db.prepare(`UPDATE instances SET stopped_at = ?, last_seen = ? WHERE id = ?`).run(at, at, id)),
    instances: (since = 0) =>
      read(
        'cannot read instances',
        () =>
          (db.prepare(`SELECT * FROM instances WHERE last_seen >= ? ORDER BY last_seen DESC, id`).all(since) as {
            id: string;
            pid: number;
            host: string;
            started_at: number;
            last_seen: number;
            stopped_at: number | null;
            heartbeat_ms: number;
            state: string;
          }[]).map((r) => ({
            id: r.id,
            pid: r.pid,
            host: r.host,
            startedAt: r.started_at,
            lastSeen: r.last_seen,
            ...(r.stopped_at === null ? {} : { stoppedAt: r.stopped_at }),
            heartbeatMs: r.heartbeat_ms,
            state: JSON.parse(r.state) as InstanceState,
          })),
        [],
      ),
    pruneInstances: (before) => write('cannot prune instances', () => db.prepare(`DELETE FROM instances WHERE last_seen < ?`).run(before).changes),
    close: () => db.close(),
  };
}

