import { openDiffReader, type Classification, type ComparisonStatus, type DiffQuery, type Redactor } from '@llms-wasm/orchestrator';
import { table } from '../format.js';
import { UsageError, type CliIo } from '../io.js';

/** Options of `llms-wasm diffs`: a query, and how to show it. */
export interface DiffsOptions {
  readonly db: string;
  readonly filter: DiffQuery;
  /** Counts by classification instead of records. */
  readonly counts?: boolean;
  readonly json?: boolean;
  readonly out: CliIo['out'];
  /** The store's redactor (its key), so identifiers stored hashed can be looked up by their raw value. */
  readonly redactor?: Redactor;
}

/** Parses `--from`/`--to` (ISO date-time or milliseconds since the epoch). */
export function parseTime(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(t)) throw new UsageError(`${flag}: not a date-time or epoch milliseconds: ${value}`);
  return t;
}

/** Builds a query from CLI flags (values are checked by the store). */
export function queryOf(flags: Readonly<Record<string, string | undefined>>): DiffQuery {
  const q: Record<string, unknown> = {};
  for (const key of ['requestId', 'module', 'operation', 'tenant', 'route', 'ruleset'] as const) if (flags[key] !== undefined) q[key] = flags[key];
  if (flags['classification'] !== undefined) q['classification'] = flags['classification'] as Classification;
  if (flags['status'] !== undefined) q['status'] = flags['status'] as ComparisonStatus;
  const from = parseTime(flags['from'], '--from');
  const to = parseTime(flags['to'], '--to');
  if (from !== undefined) q['from'] = from;
  if (to !== undefined) q['to'] = to;
  if (flags['limit'] !== undefined) q['limit'] = Number(flags['limit']);
  return q as DiffQuery;
}

/** Prints stored records (newest first) or counts by classification. */
export function diffs(options: DiffsOptions): void {
  const out = options.out;
  const reader = openDiffReader(options.db, options.redactor ? { redactor: options.redactor } : {});
  try {
    if (options.counts) {
      const counts = reader.countByClassification(options.filter);
      out.write(options.json ? `${JSON.stringify(counts, null, 2)}\n` : `${table(['module', 'status', 'classification', 'count'], counts.map((c) => [c.module, c.status, c.classification ?? '-', String(c.count)]))}\n`);
      return;
    }
    const records = reader.query(options.filter);
    if (options.json) {
      out.write(`${JSON.stringify(records, null, 2)}\n`);
      return;
    }
    const rows = records.map((r) => [
      new Date(r.timestamp).toISOString(),
      r.module,
      r.operation,
      r.requestId,
      r.tenant ?? '-',
      r.route ?? '-',
      r.status,
      r.classification ?? '-',
      r.ruleset_version,
      r.shadow_error?.code ?? (r.diff_summary ? r.diff_summary.paths.slice(0, 3).join(' ') : '-'),
    ]);
    out.write(`${table(['time', 'module', 'operation', 'requestId', 'tenant', 'route', 'status', 'class', 'ruleset', 'paths / error'], rows)}\n${records.length} record(s)\n`);
  } finally {
    reader.close();
  }
}
