import { OrchestratorError } from '../errors.js';
import type { Classification, ComparisonStatus, DiffRecord } from '../records/diff-record.js';
import type { SummaryDelta } from '../records/summary.js';
import type { RecordRow, WireRecord } from './writer-core.js';

const STATUSES: ReadonlySet<string> = new Set<ComparisonStatus>(['match', 'both_failed', 'diff', 'shadow_error', 'skipped']);
const CLASSIFICATIONS: ReadonlySet<string> = new Set<Classification>(['compat_issue', 'logic_bug', 'nondeterministic', 'data_quality']);
const RUNTIMES: ReadonlySet<string> = new Set(['ts', 'wasm']);

/** A stable number in [0, 1) per id (FNV-1a), so the same record is always sampled the same way. */
export function sampleOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32;
}

function bad(path: string, what: string): never {
  throw new OrchestratorError('STORE_FAILED', `invalid DiffRecord at ${path}: ${what}`, { code: 'INVALID_RECORD', path });
}

const str = (r: Record<string, unknown>, k: string): void => {
  if (typeof r[k] !== 'string') bad(`/${k}`, 'must be a string');
};
const strOrNull = (r: Record<string, unknown>, k: string): void => {
  if (r[k] !== null && typeof r[k] !== 'string') bad(`/${k}`, 'must be a string or null');
};
const finite = (r: Record<string, unknown>, k: string, nullable: boolean): void => {
  const v = r[k];
  if (nullable && v === null) return;
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(`/${k}`, 'must be a finite number');
};

/**
 * Checks the shape the store relies on (a caller's record is typed, but it arrives from other code).
 * `payloadsBuilt`: the orchestrator built the record's payloads as redacted bytes; they are not read.
 * @throws OrchestratorError `STORE_FAILED` with `detail.code` `INVALID_RECORD` and the field's path.
 */
export function checkRecord(value: unknown, payloadsBuilt = false): asserts value is DiffRecord {
  if (typeof value !== 'object' || value === null) bad('/', 'must be an object');
  const r = value as Record<string, unknown>;
  for (const k of ['id', 'requestId', 'module', 'operation', 'ruleset_version', 'owner', 'fix_location', 'module_version', 'wasm_digest', 'llms_version']) str(r, k);
  for (const k of ['tenant', 'route']) strOrNull(r, k);
  if (!RUNTIMES.has(String(r['runtime_main']))) bad('/runtime_main', "must be 'ts' or 'wasm'");
  if (!RUNTIMES.has(String(r['runtime_shadow']))) bad('/runtime_shadow', "must be 'ts' or 'wasm'");
  if (!STATUSES.has(String(r['status']))) bad('/status', 'must be a ComparisonStatus');
  if (r['classification'] !== null && !CLASSIFICATIONS.has(String(r['classification']))) bad('/classification', 'must be a Classification or null');
  finite(r, 'latency_main_ms', false);
  finite(r, 'latency_shadow_ms', true);
  finite(r, 'timestamp', false);
  const summary = r['diff_summary'] as { entries?: unknown; paths?: unknown; kinds?: unknown } | null;
  if (summary !== null && (typeof summary !== 'object' || !Array.isArray(summary.entries) || !Array.isArray(summary.paths) || !Array.isArray(summary.kinds))) {
    bad('/diff_summary', 'must be null or { entries, paths, kinds, truncated }');
  }
  const error = r['shadow_error'] as { code?: unknown; message?: unknown } | null;
  if (error !== null && (typeof error !== 'object' || typeof error.code !== 'string' || typeof error.message !== 'string')) {
    bad('/shadow_error', 'must be null or { code, message, stack_hash? }');
  }
  const timing = r['stream_timing'];
  if (timing !== undefined && (typeof timing !== 'object' || timing === null || typeof (timing as { main?: unknown }).main !== 'object')) bad('/stream_timing', 'must be absent or { main, shadow }');
  // Payloads the orchestrator built stay bytes until read (reading them would parse them on this thread).
  if (!payloadsBuilt && r['payload_refs'] !== null && typeof r['payload_refs'] !== 'object') bad('/payload_refs', 'must be null or an object');
}

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Whether a record is stored in full: every finding (any status but `match`, or a match with a
 * classification — `nondeterministic`, `data_quality`), and plain matches when sampled (`keepMatches`,
 * by a stable hash of the id: the orchestrator decides the same way before a worker builds payloads).
 */
export function keepsInFull(record: Pick<DiffRecord, 'status' | 'classification' | 'id'>, keepMatches: number): boolean {
  return record.status !== 'match' || record.classification !== null || (keepMatches > 0 && sampleOf(record.id) < keepMatches);
}

/**
 * The row and routing of a (redacted) record; `keep` says whether its full row is stored, `delta` what it
 * adds to the summaries (null when the orchestrator counted it already). `payloadJson`,
 * when given, is the redacted payloads' JSON as UTF-8 bytes (written as they are: no serialization on this thread).
 */
export function toWire(record: DiffRecord, keep: boolean, delta: SummaryDelta | null, payloadJson?: Uint8Array): WireRecord {
  const row: RecordRow = {
    id: record.id,
    request_id: record.requestId,
    tenant: record.tenant,
    route: record.route,
    module: record.module,
    operation: record.operation,
    runtime_main: record.runtime_main,
    runtime_shadow: record.runtime_shadow,
    ruleset_version: record.ruleset_version,
    status: record.status,
    classification: record.classification,
    owner: record.owner,
    fix_location: record.fix_location,
    latency_main_ms: record.latency_main_ms,
    latency_shadow_ms: record.latency_shadow_ms,
    diff_summary: json(record.diff_summary),
    shadow_error: json(record.shadow_error),
    payload_refs: payloadJson ?? json(record.payload_refs),
    timestamp: Math.trunc(record.timestamp),
    module_version: record.module_version,
    wasm_digest: record.wasm_digest,
    llms_version: record.llms_version,
    stream_timing: json(record.stream_timing),
  };
  return { row, keep, delta };
}

/** A stored row back as a DiffRecord. */
export function fromRow(row: RecordRow): DiffRecord {
  const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));
  return {
    id: row.id,
    requestId: row.request_id,
    tenant: row.tenant,
    route: row.route,
    module: row.module,
    operation: row.operation,
    runtime_main: row.runtime_main as DiffRecord['runtime_main'],
    runtime_shadow: row.runtime_shadow as DiffRecord['runtime_shadow'],
    ruleset_version: row.ruleset_version,
    status: row.status as ComparisonStatus,
    diff_summary: parse(row.diff_summary) as DiffRecord['diff_summary'],
    classification: row.classification as Classification | null,
    owner: row.owner,
    fix_location: row.fix_location,
    latency_main_ms: row.latency_main_ms,
    latency_shadow_ms: row.latency_shadow_ms,
    shadow_error: parse(row.shadow_error) as DiffRecord['shadow_error'],
    payload_refs: parse(typeof row.payload_refs === 'string' || row.payload_refs === null ? row.payload_refs : new TextDecoder().decode(row.payload_refs)) as DiffRecord['payload_refs'],
    timestamp: row.timestamp,
    module_version: row.module_version,
    wasm_digest: row.wasm_digest,
    llms_version: row.llms_version,
    ...(row.stream_timing === null || row.stream_timing === undefined ? {} : { stream_timing: JSON.parse(row.stream_timing) as NonNullable<DiffRecord['stream_timing']> }),
  };
}
