import type Database from 'better-sqlite3';
import { OrchestratorError } from '../errors.js';
import type { GateWindow, OutcomeCounts } from '../gates/window.js';
import { minuteOf, type Counts } from '../records/summary.js';
import { outcomeCounts, type MinuteRow } from './outcome-counts.js';

/** The most frequent diff paths of a window (from full records). */
export interface DiffPathCount {
  readonly path: string;
  readonly count: number;
}

/** What a gate evaluation reads from the store for one module: its two windows and the top diff paths. */
export interface Evidence {
  readonly gate: GateWindow;
  readonly recent: GateWindow;
  readonly topDiffPaths: readonly DiffPathCount[];
  /** The versions of the newest summary row before the gate window's end (null: no traffic yet). */
  readonly versions: StoredVersions | null;
  /** The first minute with any summary of the module (null: none). */
  readonly firstMinute: number | null;
}

/** The versions a summary row was counted under. */
export interface StoredVersions {
  readonly moduleVersion: string;
  readonly wasmDigest: string | null;
  readonly rulesetVersion: string;
}

/** A request for {@link Evidence}: `module` as stored (after the identifier rule). */
export interface EvidenceQuery {
  readonly module: string;
  readonly gate: { readonly from: number; readonly to: number };
  readonly recent: { readonly from: number; readonly to: number };
  readonly topPaths?: number;
}

type Group = { tenant: string; route: string; runtime_main: string; runtime_shadow: string };
const JSON_COLUMNS = ['outcomes', 'latency_main', 'latency_shadow', 'latency_delta'] as const;

function checkRange(from: number, to: number): void {
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) {
    throw new OrchestratorError('QUERY_INVALID', `invalid window [${from}, ${to}): from and to must be finite with from <= to`, { path: '/from' });
  }
}

/**
 * One module's outcomes over the minutes of `[from, to)` (a minute counts when it starts at or after the
 * minute of `from` and before `to`), overall and per tenant and route (calls without one count overall only). The sums are done by SQLite
 * (`json_each` over the count columns, grouped by tenant, route and runtimes), so the cost in JS grows
 * with the number of distinct strata and latency buckets, not with the number of minutes.
 */
export function windowOf(db: Database.Database, module: string, from: number, to: number): GateWindow {
  checkRange(from, to);
  const where = 'module = @module AND bucket >= @from AND bucket < @to';
  const params = { module, from: minuteOf(from), to };
  const groups = new Map<string, Group & { calls: number; primary_errors: number; first: number } & Record<(typeof JSON_COLUMNS)[number], Counts>>();
  const keyOf = (g: Group): string => `${g.tenant}\u0000${g.route}\u0000${g.runtime_main}\u0000${g.runtime_shadow}`;
  const base = db
    .prepare(`SELECT tenant, route, runtime_main, runtime_shadow, SUM(calls) AS calls, SUM(primary_errors) AS primary_errors, MIN(bucket) AS first FROM minute_summaries WHERE ${where} GROUP BY 1, 2, 3, 4`)
    .all(params) as (Group & { calls: number; primary_errors: number; first: number })[];
  for (const g of base) groups.set(keyOf(g), { ...g, outcomes: {}, latency_main: {}, latency_shadow: {}, latency_delta: {} });
  for (const column of JSON_COLUMNS) {
    const rows = db
      .prepare(`SELECT tenant, route, runtime_main, runtime_shadow, j.key AS key, SUM(j.value) AS n FROM minute_summaries, json_each(minute_summaries.${column}) AS j WHERE ${where} GROUP BY 1, 2, 3, 4, 5`)
      .all(params) as (Group & { key: string; n: number })[];
    for (const r of rows) {
      const g = groups.get(keyOf(r));
      if (g !== undefined) g[column][r.key] = r.n;
    }
  }
  const all: MinuteRow[] = [...groups.values()].map((g) => ({ ...g, module, operation: '', bucket: g.first }));
  const strata = (field: 'tenant' | 'route'): Record<string, OutcomeCounts> => {
    const by = new Map<string, MinuteRow[]>();
    for (const r of all) {
      if (r[field] === '') continue; // calls without a tenant (route) count overall, in no stratum
      const list = by.get(r[field]);
      if (list) list.push(r);
      else by.set(r[field], [r]);
    }
    return Object.fromEntries([...by].map(([id, rows]) => [id, outcomeCounts(rows)]));
  };
  const firstSeen = all.reduce<number | null>((min, r) => (min === null || r.bucket < min ? r.bucket : min), null);
  return { module, from, to, overall: outcomeCounts(all), byTenant: strata('tenant'), byRoute: strata('route'), firstSeen };
}

/** The `limit` most frequent diff paths of `module`'s stored `diff` records in `[from, to)`. */
export function topDiffPaths(db: Database.Database, module: string, from: number, to: number, limit = 5): DiffPathCount[] {
  checkRange(from, to);
  return db
    .prepare(
      `SELECT j.value AS path, COUNT(*) AS count FROM diff_records, json_each(diff_records.diff_summary, '$.paths') AS j
       WHERE module = @module AND status = 'diff' AND timestamp >= @from AND timestamp < @to AND diff_summary IS NOT NULL
       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT @limit`,
    )
    .all({ module, from, to, limit }) as DiffPathCount[];
}

/** The versions of `module`'s newest summary row before `before`. */
export function latestVersions(db: Database.Database, module: string, before: number): StoredVersions | null {
  const row = db
    .prepare(`SELECT module_version, wasm_digest, ruleset_version FROM minute_summaries WHERE module = ? AND bucket < ? ORDER BY bucket DESC LIMIT 1`)
    .get(module, before) as { module_version: string; wasm_digest: string; ruleset_version: string } | undefined;
  return row === undefined ? null : { moduleVersion: row.module_version, wasmDigest: row.wasm_digest === '' ? null : row.wasm_digest, rulesetVersion: row.ruleset_version };
}

/** The first minute with a summary of `module`, or null. */
export function firstMinuteOf(db: Database.Database, module: string): number | null {
  const row = db.prepare(`SELECT MIN(bucket) AS first FROM minute_summaries WHERE module = ?`).get(module) as { first: number | null };
  return row.first;
}

/** Both windows, the top diff paths and the versions of one evaluation. */
export function evidenceOf(db: Database.Database, q: EvidenceQuery): Evidence {
  return {
    gate: windowOf(db, q.module, q.gate.from, q.gate.to),
    recent: windowOf(db, q.module, q.recent.from, q.recent.to),
    topDiffPaths: topDiffPaths(db, q.module, q.gate.from, q.gate.to, q.topPaths ?? 5),
    versions: latestVersions(db, q.module, q.gate.to),
    firstMinute: firstMinuteOf(db, q.module),
  };
}
