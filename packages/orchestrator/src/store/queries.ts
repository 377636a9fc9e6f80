import type Database from 'better-sqlite3';
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { OrchestratorError } from '../errors.js';
import type { Classification, ComparisonStatus, DiffRecord } from '../records/diff-record.js';
import { mergeHistograms, quantileOf, type LatencyHistogram } from '../records/latency-histogram.js';
import { minuteOf, parseOutcome, type Counts } from '../records/summary.js';
import type { GateWindow } from '../gates/window.js';
import { fromRow } from './record-row.js';
import type { ReplayRun } from '../records/replay-run.js';
import type { RecordRow, ReplayRunRow } from './writer-core.js';
import { outcomeCounts, type MinuteRow } from './outcome-counts.js';
import { evidenceOf, windowOf, type Evidence, type EvidenceQuery } from './window-query.js';

/** Which records a query selects. Every field narrows; `from` is inclusive, `to` exclusive (ms since epoch). */
export interface DiffQuery {
  readonly requestId?: string;
  readonly module?: string;
  readonly operation?: string;
  readonly tenant?: string;
  readonly route?: string;
  /** The `ruleset_version`. */
  readonly ruleset?: string;
  readonly classification?: Classification;
  readonly status?: ComparisonStatus;
  readonly from?: number;
  readonly to?: number;
  /** Rows returned by `query` (1..10 000). Default 100. */
  readonly limit?: number;
  /** Rows skipped by `query`. Default 0. */
  readonly offset?: number;
}

/** One row of `countByClassification`. */
export interface ClassificationCount {
  readonly module: string;
  readonly classification: Classification | null;
  readonly status: ComparisonStatus;
  readonly count: number;
}

/** One module's totals from `summary`. */
export interface ModuleSummary {
  readonly module: string;
  /** Calls the primary served. */
  readonly calls: number;
  /** Comparisons that reached a verdict. */
  readonly compared: number;
  readonly matches: number;
  readonly bothFailed: number;
  readonly diffs: number;
  readonly shadowErrors: number;
  /** Shadows that never ran, and calls not shadowed by policy. */
  readonly dropped: number;
  readonly skipped: number;
  /** P50/P95/P99 of the serving and the shadow runtime, and of `wasm - ts` per compared call (ms, bucket upper edges; null without samples). */
  readonly latencyMainMs: { readonly p50: number | null; readonly p95: number | null; readonly p99: number | null };
  readonly latencyShadowMs: { readonly p50: number | null; readonly p95: number | null; readonly p99: number | null };
  readonly latencyDeltaMs: { readonly p50: number | null; readonly p95: number | null; readonly p99: number | null };
}

const Optional = Type.Optional;
const DiffQuerySchema = Type.Object(
  {
    requestId: Optional(Type.String()),
    module: Optional(Type.String()),
    operation: Optional(Type.String()),
    tenant: Optional(Type.String()),
    route: Optional(Type.String()),
    ruleset: Optional(Type.String()),
    classification: Optional(Type.Union(['compat_issue', 'logic_bug', 'nondeterministic', 'data_quality'].map((c) => Type.Literal(c)))),
    status: Optional(Type.Union(['match', 'both_failed', 'diff', 'shadow_error', 'skipped'].map((s) => Type.Literal(s)))),
    from: Optional(Type.Number()),
    to: Optional(Type.Number()),
    limit: Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    offset: Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
const validator = Compile(DiffQuerySchema);

function checkFilter(filter: DiffQuery): void {
  if (validator.Check(filter)) return;
  const first = [...validator.Errors(filter)][0];
  const path = first?.instancePath || '/';
  throw new OrchestratorError('QUERY_INVALID', `invalid diff query at ${path}: ${first?.message ?? 'does not match'}`, { path });
}

type Table = 'records' | 'summaries';
const COLUMN: Readonly<Record<Table, { readonly [K in 'requestId' | 'module' | 'operation' | 'tenant' | 'route' | 'ruleset' | 'classification' | 'status']?: string }>> = {
  records: { requestId: 'request_id', module: 'module', operation: 'operation', tenant: 'tenant', route: 'route', ruleset: 'ruleset_version', classification: 'classification', status: 'status' },
  // status and classification live in the summaries' outcome counts: filtered after reading.
  summaries: { module: 'module', operation: 'operation', tenant: 'tenant', route: 'route', ruleset: 'ruleset_version' },
};

/** Filter fields that name identifiers: stored under the identifier rule, so looked up under it too. */
const IDENTIFIER_FIELDS: ReadonlySet<string> = new Set(['requestId', 'module', 'operation', 'tenant', 'route', 'ruleset']);

/** Maps a raw identifier in a filter to its stored form (`field` names the filter field). */
export type IdentifierLookup = (value: string, field: string) => string;

/** `WHERE …` with positional parameters only (never interpolated values). Summaries use minute buckets. */
function where(filter: DiffQuery, table: Table, lookup: IdentifierLookup): { sql: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  for (const [field, column] of Object.entries(COLUMN[table])) {
    const value = filter[field as keyof DiffQuery];
    if (value === undefined) continue;
    clauses.push(`${column} = ?`);
    params.push(typeof value === 'string' && IDENTIFIER_FIELDS.has(field) ? lookup(value, field) : value);
  }
  const time = table === 'records' ? 'timestamp' : 'bucket';
  if (filter.from !== undefined) {
    clauses.push(`${time} >= ?`);
    params.push(table === 'records' ? filter.from : minuteOf(filter.from));
  }
  if (filter.to !== undefined) {
    clauses.push(`${time} < ?`);
    params.push(filter.to);
  }
  return { sql: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}

/**
 * Reads through its own connection (read-only for a file store). Counts, summaries and gate windows
 * come from the per-minute `minute_summaries` — which count every call, comparison, drop and skip and
 * outlive full records — unless the filter names a `requestId`; then counts come from stored full
 * records. Identifier filters (`requestId`, `module`, `operation`, `tenant`, `route`, `ruleset`) go through
 * `lookup` — the identifier rule the records were stored under — so a raw id finds its record.
 */
export class StoreReader {
  readonly #db: Database.Database;
  readonly #lookup: IdentifierLookup;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database, lookup: IdentifierLookup = (value) => value) {
    this.#db = db;
    this.#lookup = lookup;
  }

  #all(sql: string, params: readonly (string | number)[]): unknown[] {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement.all(...params);
  }

  /** Stored full records, newest first. @throws OrchestratorError `QUERY_INVALID`. */
  query(filter: DiffQuery = {}): DiffRecord[] {
    checkFilter(filter);
    const { sql, params } = where(filter, 'records', this.#lookup);
    const rows = this.#all(`SELECT * FROM diff_records ${sql} ORDER BY timestamp DESC, id DESC LIMIT ? OFFSET ?`, [...params, filter.limit ?? 100, filter.offset ?? 0]);
    return (rows as RecordRow[]).map(fromRow);
  }

  /** Minute summary rows matching `filter` (JSON columns parsed). */
  #minutes(filter: DiffQuery): MinuteRow[] {
    const { sql, params } = where(filter, 'summaries', this.#lookup);
    const rows = this.#all(`SELECT * FROM minute_summaries ${sql}`, params) as (Omit<MinuteRow, 'outcomes' | 'latency_main' | 'latency_shadow' | 'latency_delta'> & Record<'outcomes' | 'latency_main' | 'latency_shadow' | 'latency_delta', string>)[];
    return rows.map((r) => ({ ...r, outcomes: JSON.parse(r.outcomes) as Counts, latency_main: JSON.parse(r.latency_main) as Counts, latency_shadow: JSON.parse(r.latency_shadow) as Counts, latency_delta: JSON.parse(r.latency_delta) as Counts }));
  }

  /**
   * Counts per module, classification and status: from the minute summaries (every comparison and skip,
   * outliving full records), or from stored full records when the filter names a `requestId`.
   * @throws OrchestratorError `QUERY_INVALID`.
   */
  countByClassification(filter: DiffQuery = {}): ClassificationCount[] {
    checkFilter(filter);
    if (filter.requestId !== undefined) {
      const { sql, params } = where(filter, 'records', this.#lookup);
      return this.#all(`SELECT module, classification, status, COUNT(*) AS count FROM diff_records ${sql} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, params) as ClassificationCount[];
    }
    const counts = new Map<string, ClassificationCount>();
    for (const row of this.#minutes(filter)) {
      for (const [key, n] of Object.entries(row.outcomes)) {
        const { kind, detail } = parseOutcome(key);
        if (kind === 'dropped') continue; // a shadow that never ran has no comparison status
        const status = kind as ComparisonStatus;
        const classification = kind === 'skipped' ? null : (detail as Classification | null);
        if (filter.status !== undefined && filter.status !== status) continue;
        if (filter.classification !== undefined && filter.classification !== classification) continue;
        const id = `${row.module}\u0000${String(classification)}\u0000${status}`;
        const seen = counts.get(id);
        counts.set(id, { module: row.module, classification, status, count: (seen?.count ?? 0) + n });
      }
    }
    return [...counts.values()].sort((a, b) => a.module.localeCompare(b.module) || String(a.classification).localeCompare(String(b.classification)) || a.status.localeCompare(b.status));
  }

  /** Totals per module from the minute summaries (calls, outcomes, latency percentiles). @throws OrchestratorError `QUERY_INVALID` (a `requestId` included). */
  summary(filter: DiffQuery = {}): ModuleSummary[] {
    checkFilter(filter);
    if (filter.requestId !== undefined) throw new OrchestratorError('QUERY_INVALID', 'summary() counts minutes, not requests: a requestId cannot narrow it (use query or countByClassification)', { path: '/requestId' });
    const byModule = new Map<string, MinuteRow[]>();
    for (const row of this.#minutes(filter)) {
      const rows = byModule.get(row.module);
      if (rows) rows.push(row);
      else byModule.set(row.module, [row]);
    }
    return [...byModule.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([module, rows]) => {
        const c = outcomeCounts(rows);
        const pct = (h: LatencyHistogram): ModuleSummary['latencyMainMs'] => ({ p50: quantileOf(h, 0.5), p95: quantileOf(h, 0.95), p99: quantileOf(h, 0.99) });
        return {
          module,
          calls: c.calls,
          compared: c.compared,
          matches: c.matches,
          bothFailed: c.bothFailed,
          diffs: c.diffs,
          shadowErrors: c.shadowErrors,
          dropped: Object.values(c.dropped).reduce((a, b) => a + b, 0),
          skipped: Object.values(c.skipped).reduce((a, b) => a + b, 0),
          latencyMainMs: pct(mergeHistograms(Object.values(c.latencyMain))),
          latencyShadowMs: pct(mergeHistograms(Object.values(c.latencyShadow))),
          latencyDeltaMs: pct(c.latencyDelta),
        };
      });
  }

  /** Replay runs, newest first. */
  runs(limit = 20): ReplayRun[] {
    const rows = this.#all('SELECT * FROM replay_runs ORDER BY started_at DESC, id DESC LIMIT ?', [limit]) as ReplayRunRow[];
    return rows.map((r) => ({
      id: r.id,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      corpus: r.corpus,
      versions: { ts_version: r.ts_version, wasm_version: r.wasm_version, ruleset_version: r.ruleset_version, compat_profile_version: r.compat_profile_version, sse_protocol_version: r.sse_protocol_version },
      modules: JSON.parse(r.modules) as string[],
      report: JSON.parse(r.report) as unknown,
    }));
  }

  /** One module's outcomes over `[from, to)`, overall and per tenant and route (window-query.ts). @throws OrchestratorError `QUERY_INVALID`. */
  window(module: string, from: number, to: number): GateWindow {
    return windowOf(this.#db, this.#lookup(module, 'module'), from, to);
  }

  /** Both windows and the top diff paths of a gate evaluation (`module` raw: the identifier rule is applied). */
  evidence(q: EvidenceQuery): Evidence {
    return evidenceOf(this.#db, { ...q, module: this.#lookup(q.module, 'module') });
  }
}
