import type { Classification, ComparisonStatus, DiffRecord } from './diff-record.js';
import { addSample } from './latency-histogram.js';

/**
 * What one minute summary row is about. Every call, comparison, drop and skip of a minute is counted in
 * the row of its key, so rates computed from summaries cover all traffic, not a sampled subset.
 */
export interface SummaryKey {
  /** The minute (ms since the epoch, a multiple of 60 000). */
  readonly bucket: number;
  readonly module: string;
  readonly operation: string;
  /** The runtime that served. */
  readonly runtime_main: string;
  /** The runtime that shadowed, or `''` for calls with no shadow. */
  readonly runtime_shadow: string;
  readonly module_version: string;
  /** sha256 of the module's `.wasm` (`''` when the WASM runtime did not load). */
  readonly wasm_digest: string;
  /** The upstream packages the TS runtime is bound to, `name@version` joined by `,`. */
  readonly llms_version: string;
  readonly ruleset_version: string;
  /** Redacted tenant, `''` when none. */
  readonly tenant: string;
  /** Redacted route, `''` when none. */
  readonly route: string;
}

/** Sparse counts by key; merged by adding. */
export type Counts = Record<string, number>;

/** One key's counts for (part of) a minute; rows are sums of these. */
export interface SummaryDelta extends SummaryKey {
  readonly calls: number;
  readonly primary_errors: number;
  /**
   * Outcome counts: `<status>` or `<status>:<classification>` for comparisons (`match`,
   * `match:nondeterministic`, `both_failed`, `diff:logic_bug`, `shadow_error:compat_issue` …),
   * `dropped:<reason>` for shadows that never ran, `skipped:<reason>` for calls not shadowed by policy.
   */
  readonly outcomes: Counts;
  /** Latency histogram counts (records/latency-histogram.ts) of the serving runtime. */
  readonly latency_main: Counts;
  /** Of the shadow runtime, for comparisons that ran. */
  readonly latency_shadow: Counts;
  /** Of `latency(wasm) - latency(ts)` per compared call (paired on the same input). */
  readonly latency_delta: Counts;
}

/** The SQL key columns, in primary-key order. */
export const SUMMARY_KEY_COLUMNS = [
  'bucket',
  'module',
  'operation',
  'runtime_main',
  'runtime_shadow',
  'module_version',
  'wasm_digest',
  'llms_version',
  'ruleset_version',
  'tenant',
  'route',
] as const satisfies readonly (keyof SummaryKey)[];

export const MINUTE_MS = 60_000;

/** The minute `timestamp` falls in. */
export function minuteOf(timestamp: number): number {
  return Math.floor(timestamp / MINUTE_MS) * MINUTE_MS;
}

/** One string per key (for maps). */
export function keyString(key: SummaryKey): string {
  return SUMMARY_KEY_COLUMNS.map((c) => String(key[c])).join('\u0000');
}

/** `into` plus `add`, key by key (mutates `into`). */
export function addCounts(into: Counts, add: Readonly<Counts>): void {
  for (const [k, n] of Object.entries(add)) into[k] = (into[k] ?? 0) + n;
}

/** The outcome key of a comparison. */
export function outcomeKey(status: ComparisonStatus, classification: Classification | null): string {
  return classification === null ? status : `${status}:${classification}`;
}

/** Splits an outcome key back (`dropped:` and `skipped:` keys give their reason as the second part). */
export function parseOutcome(key: string): { kind: string; detail: string | null } {
  const at = key.indexOf(':');
  return at < 0 ? { kind: key, detail: null } : { kind: key.slice(0, at), detail: key.slice(at + 1) };
}

/**
 * The summary delta a record stands for (one compared call), for records written to the store by
 * anything but the orchestrator, which counts its own calls as they happen.
 */
export function deltaOfRecord(record: DiffRecord): SummaryDelta {
  const outcomes: Counts = {};
  const latency_main: Counts = {};
  const latency_shadow: Counts = {};
  const latency_delta: Counts = {};
  if (record.status === 'skipped') outcomes['skipped:record'] = 1;
  else outcomes[outcomeKey(record.status, record.classification)] = 1;
  addSample(latency_main, record.latency_main_ms);
  if (record.latency_shadow_ms !== null && record.status !== 'skipped') {
    addSample(latency_shadow, record.latency_shadow_ms);
    addSample(latency_delta, record.runtime_main === 'ts' ? record.latency_shadow_ms - record.latency_main_ms : record.latency_main_ms - record.latency_shadow_ms);
  }
  return {
    bucket: minuteOf(record.timestamp),
    module: record.module,
    operation: record.operation,
    runtime_main: record.runtime_main,
    runtime_shadow: record.runtime_shadow,
    module_version: record.module_version,
    wasm_digest: record.wasm_digest,
    llms_version: record.llms_version,
    ruleset_version: record.ruleset_version,
    tenant: record.tenant ?? '',
    route: record.route ?? '',
    calls: 1,
    primary_errors: 0,
    outcomes,
    latency_main,
    latency_shadow,
    latency_delta,
  };
}
