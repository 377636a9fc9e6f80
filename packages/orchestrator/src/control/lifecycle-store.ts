// The lifecycle tables of a store file (schema 4): the one lifecycle state row and the decision records.
// Its own small synchronous connection, like the control store: a state commit is one short transaction
// that touches two tables, made at most once per evaluation interval, never on a call's path.
import Database from 'better-sqlite3';
import { OrchestratorError } from '../errors.js';
import type { DecisionRecord, RecordKind } from '../gates/decision-record.js';
import { parseState, serializeState, type LifecycleState } from '../gates/lifecycle-state.js';
import { migrate } from '../store/schema.js';

/** The state as stored: `revision` 0 and `state` null before the first commit. */
export interface StoredLifecycle {
  readonly revision: number;
  readonly state: LifecycleState | null;
  readonly updatedAt: number | null;
  readonly updatedBy: string | null;
}

/** The outcome of a compare-and-set commit. */
export type CommitResult = { readonly ok: true; readonly revision: number } | { readonly ok: false; readonly current: StoredLifecycle };

/** Which decision records to read (newest first). */
export interface DecisionFilter {
  readonly module?: string;
  readonly kind?: RecordKind;
  /** Inclusive lower bound on `at` (ms since the epoch). */
  readonly from?: number;
  /** Exclusive upper bound on `at`. */
  readonly to?: number;
  /** Default 100, at most 10 000. */
  readonly limit?: number;
}

/** Lifecycle state and decision records of one store file. */
export interface LifecycleStore {
  readonly path: string;
  readonly schemaVersion: number;
  /** The stored state (a read-only store on a file without the tables reads as revision 0). @throws OrchestratorError `STORE_FAILED`. */
  load(): StoredLifecycle;
  /**
   * Writes `state` and appends `records` in one transaction, only if the stored revision is still
   * `expectedRevision`; otherwise nothing is written and the current row comes back (another instance
   * moved first: re-read, re-evaluate). @throws OrchestratorError `STORE_FAILED` (read-only, I/O, a record key already taken).
   */
  commit(expectedRevision: number, state: LifecycleState, records: readonly DecisionRecord[], by: string, at: number): CommitResult;
  /** Decision records, newest first. @throws OrchestratorError `QUERY_INVALID`, `STORE_FAILED`. */
  decisions(filter?: DecisionFilter): DecisionRecord[];
  close(): void;
}

/** Options of {@link openLifecycleStore}. */
export interface LifecycleStoreOptions {
  /** Open without writing: nothing is created or migrated (`llms-wasm gates`, `decisions`). Default false. */
  readonly readonly?: boolean;
  /** How long a write waits for another connection's lock. Default 1000 ms. */
  readonly busyTimeoutMs?: number;
}

const LIFECYCLE_SCHEMA = 4;

function failed(path: string, what: string, error: unknown): OrchestratorError {
  const code = (error as { code?: unknown }).code;
  return new OrchestratorError('STORE_FAILED', `lifecycle store ${path}: ${what}: ${error instanceof Error ? error.message : String(error)}`, typeof code === 'string' ? { code } : {}, { cause: error });
}

function storedVersion(db: Database.Database): number {
  const meta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get();
  if (meta === undefined) return 0;
  return Number((db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get() as { value?: string } | undefined)?.value ?? 0);
}

/**
 * Opens the lifecycle tables of a store file (creating and migrating it unless `readonly`).
 * @throws OrchestratorError `STORE_FAILED` when the file cannot be opened (or, read-only, does not exist)
 * @example
 * const lifecycle = openLifecycleStore('llms-wasm-diffs.sqlite', { readonly: true });
 * lifecycle.decisions({ module: 'tokenizer', limit: 10 });
 */
export function openLifecycleStore(path: string, options: LifecycleStoreOptions = {}): LifecycleStore {
  const readonly = options.readonly === true;
  let db: Database.Database;
  let version: number;
  try {
    db = readonly ? new Database(path, { readonly: true, fileMustExist: true }) : new Database(path, { timeout: options.busyTimeoutMs ?? 1000 });
    if (readonly) version = storedVersion(db);
    else {
      if (path !== ':memory:') db.pragma('journal_mode = WAL');
      version = migrate(db);
    }
  } catch (error) {
    if (error instanceof OrchestratorError) throw error;
    throw failed(path, 'cannot open', error);
  }
  const has = version >= LIFECYCLE_SCHEMA;
  const run = <T>(what: string, body: () => T): T => {
    try {
      return body();
    } catch (error) {
      if (error instanceof OrchestratorError) throw error;
      throw failed(path, what, error);
    }
  };
  const EMPTY: StoredLifecycle = { revision: 0, state: null, updatedAt: null, updatedBy: null };
  const load = (): StoredLifecycle =>
    !has
      ? EMPTY
      : run('cannot read the lifecycle state', () => {
          const row = db.prepare(`SELECT revision, state, updated_at, updated_by FROM lifecycle_state WHERE id = 1`).get() as
            | { revision: number; state: string; updated_at: number; updated_by: string }
            | undefined;
          return row === undefined ? EMPTY : { revision: row.revision, state: parseState(row.state), updatedAt: row.updated_at, updatedBy: row.updated_by };
        });

  return {
    path,
    schemaVersion: version,
    load,
    commit(expectedRevision, state, records, by, at) {
      if (readonly) throw new OrchestratorError('STORE_FAILED', `lifecycle store ${path}: opened read-only`);
      if (!has) throw new OrchestratorError('STORE_FAILED', `lifecycle store ${path}: schema version ${version} has no lifecycle tables`);
      const text = serializeState(state);
      return run('cannot commit the lifecycle state', () =>
        db
          .transaction((): CommitResult => {
            const current = load();
            if (current.revision !== expectedRevision) return { ok: false, current };
            const revision = expectedRevision + 1;
            if (expectedRevision === 0) {
              db.prepare(`INSERT INTO lifecycle_state (id, revision, state, updated_at, updated_by) VALUES (1, @revision, @text, @at, @by)`).run({ revision, text, at, by });
            } else {
              db.prepare(`UPDATE lifecycle_state SET revision = @revision, state = @text, updated_at = @at, updated_by = @by WHERE id = 1`).run({ revision, text, at, by });
            }
            const insert = db.prepare(
              `INSERT INTO decision_records (module, sequence, at, kind, outcome, stage_before, stage_after, record)
               VALUES (@module, @sequence, @at, @kind, @outcome, @stageBefore, @stageAfter, @record)`,
            );
            for (const r of records) insert.run({ module: r.module, sequence: r.sequence, at: r.at, kind: r.kind, outcome: r.outcome, stageBefore: r.stageBefore, stageAfter: r.stageAfter, record: JSON.stringify(r) });
            return { ok: true, revision };
          })
          .immediate(),
      );
    },
    decisions(filter = {}) {
      const limit = filter.limit ?? 100;
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new OrchestratorError('QUERY_INVALID', `decisions: limit must be an integer in 1..10000, got ${String(limit)}`, { path: '/limit' });
      for (const key of ['from', 'to'] as const) {
        const v = filter[key];
        if (v !== undefined && !Number.isFinite(v)) throw new OrchestratorError('QUERY_INVALID', `decisions: ${key} must be a finite time in ms`, { path: `/${key}` });
      }
      if (!has) return [];
      const where: string[] = [];
      if (filter.module !== undefined) where.push('module = @module');
      if (filter.kind !== undefined) where.push('kind = @kind');
      if (filter.from !== undefined) where.push('at >= @from');
      if (filter.to !== undefined) where.push('at < @to');
      const sql = `SELECT record FROM decision_records ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, module, sequence DESC LIMIT @limit`;
      return run('cannot read decision records', () =>
        (db.prepare(sql).pluck().all({ ...filter, limit }) as string[]).map((text) => JSON.parse(text) as DecisionRecord),
      );
    },
    close: () => db.close(),
  };
}
