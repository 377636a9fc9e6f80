import type Database from 'better-sqlite3';
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { OrchestratorError } from '../errors.js';
import type { Classification, ComparisonStatus, DiffRecord } from '../records/diff-record.js';
import { fromRow, hourBucket } from './record-row.js';
import type { RecordRow } from './writer-core.js';

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
  readonly total: number;
  readonly matches: number;
  readonly diffs: number;
  readonly shadowErrors: number;
  readonly skipped: number;
  readonly latencyMainSumMs: number;
  readonly latencyMainMaxMs: number;
  readonly latencyShadowSumMs: number;
  readonly latencyShadowMaxMs: number;
  /** Records with a shadow latency (the divisor for a shadow mean). */
  readonly latencyShadowCount: number;
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
  summaries: { module: 'module', operation: 'operation', tenant: 'tenant', route: 'route', ruleset: 'ruleset_version', classification: 'classification', status: 'status' },
};

/** `WHERE …` with positional parameters only (never interpolated values). Summaries use hour buckets. */
function where(filter: DiffQuery, table: Table): { sql: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  for (const [field, column] of Object.entries(COLUMN[table])) {
    const value = filter[field as keyof DiffQuery];
    if (value === undefined) continue;
    clauses.push(`${column} = ?`);
    params.push(value);
  }
  const time = table === 'records' ? 'timestamp' : 'bucket';
  if (filter.from !== undefined) {
    clauses.push(`${time} >= ?`);
    params.push(table === 'records' ? filter.from : hourBucket(filter.from));
  }
  if (filter.to !== undefined) {
    clauses.push(`${time} < ?`);
    params.push(filter.to);
  }
  return { sql: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}

/**
 * Reads through its own connection (read-only for a file store). Counts and summaries come from the
 * hourly `summaries` table — which covers every record written, matches included, and outlives full
 * records — unless the filter names a `requestId`; then they come from the stored full records.
 */
export class StoreReader {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
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
    const { sql, params } = where(filter, 'records');
    const rows = this.#all(`SELECT * FROM diff_records ${sql} ORDER BY timestamp DESC, id DESC LIMIT ? OFFSET ?`, [...params, filter.limit ?? 100, filter.offset ?? 0]);
    return (rows as RecordRow[]).map(fromRow);
  }

  /** Counts per module, classification and status. @throws OrchestratorError `QUERY_INVALID`. */
  countByClassification(filter: DiffQuery = {}): ClassificationCount[] {
    checkFilter(filter);
    const fromRecords = filter.requestId !== undefined;
    const { sql, params } = where(filter, fromRecords ? 'records' : 'summaries');
    const rows = this.#all(
      fromRecords
        ? `SELECT module, classification, status, COUNT(*) AS count FROM diff_records ${sql} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`
        : `SELECT module, NULLIF(classification, '') AS classification, status, SUM(count) AS count FROM summaries ${sql} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      params,
    );
    return rows as ClassificationCount[];
  }

  /** Totals per module (counts by status, latency sums and maxima). @throws OrchestratorError `QUERY_INVALID`. */
  summary(filter: DiffQuery = {}): ModuleSummary[] {
    checkFilter(filter);
    const fromRecords = filter.requestId !== undefined;
    const { sql, params } = where(filter, fromRecords ? 'records' : 'summaries');
    const n = fromRecords ? '1' : 'count';
    const by = (status: ComparisonStatus): string => `COALESCE(SUM(CASE WHEN status = '${status}' THEN ${n} ELSE 0 END), 0)`;
    const latency = fromRecords
      ? `SUM(latency_main_ms) AS latencyMainSumMs, MAX(latency_main_ms) AS latencyMainMaxMs,
         COALESCE(SUM(latency_shadow_ms), 0) AS latencyShadowSumMs, COALESCE(MAX(latency_shadow_ms), 0) AS latencyShadowMaxMs,
         COUNT(latency_shadow_ms) AS latencyShadowCount`
      : `SUM(latency_main_sum) AS latencyMainSumMs, MAX(latency_main_max) AS latencyMainMaxMs,
         SUM(latency_shadow_sum) AS latencyShadowSumMs, MAX(latency_shadow_max) AS latencyShadowMaxMs,
         SUM(latency_shadow_count) AS latencyShadowCount`;
    const rows = this.#all(
      `SELECT module, SUM(${n}) AS total, ${by('match')} AS matches, ${by('diff')} AS diffs, ${by('shadow_error')} AS shadowErrors,
         ${by('skipped')} AS skipped, ${latency}
       FROM ${fromRecords ? 'diff_records' : 'summaries'} ${sql} GROUP BY module ORDER BY module`,
      params,
    );
    return rows as ModuleSummary[];
  }
}
