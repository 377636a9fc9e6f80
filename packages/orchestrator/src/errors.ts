/**
 * Every failure the orchestrator raises. A closed set of codes, so callers can switch on them.
 *
 * - `CONFIG_INVALID`    a configuration value is missing or malformed (`detail.field` names it)
 * - `REDACTION_FAILED`  a value could not be redacted (it is then never stored)
 * - `STORE_FAILED`      the diff store could not be opened, migrated or read
 * - `STORE_CLOSED`      the diff store was used after `close()`
 * - `QUERY_INVALID`     a store query filter is malformed (`detail.path` names the field)
 * - `MODULE_UNKNOWN`    a module id that the configuration does not declare (`detail.module`)
 * - `OVERRIDE_INVALID`  a runtime mode override is malformed (`detail.path` names the field)
 * - `METRIC_INVALID`    a metric name, label, bucket or value is invalid (a programmer error)
 * - `STREAM_ENDED_EARLY` a stream call's `result` when the caller stopped reading before its end (`detail.reason`)
 */
export type OrchestratorErrorCode =
  | 'CONFIG_INVALID'
  | 'REDACTION_FAILED'
  | 'STORE_FAILED'
  | 'STORE_CLOSED'
  | 'QUERY_INVALID'
  | 'MODULE_UNKNOWN'
  | 'OVERRIDE_INVALID'
  | 'METRIC_INVALID'
  | 'STREAM_ENDED_EARLY';

/** Extra, machine-readable facts about a failure. */
export interface OrchestratorErrorDetail {
  /** The configuration field at fault (`redaction.key`, `store.path` …). */
  readonly field?: string;
  /** JSON pointer of the offending value. */
  readonly path?: string;
  /** A lower-level code (e.g. SQLite's `SQLITE_CANTOPEN`). */
  readonly code?: string;
  /** Anything else worth logging. */
  readonly [key: string]: unknown;
}

const BRAND = 'llms-wasm.orchestrator.error';

/** The one error class of the orchestrator. `cause` is always kept. */
export class OrchestratorError extends Error {
  override readonly name: 'OrchestratorError' = 'OrchestratorError';
  readonly code: OrchestratorErrorCode;
  readonly detail: OrchestratorErrorDetail;
  /** Marks instances from any copy of this package (see `isOrchestratorError`). */
  readonly brand: typeof BRAND = BRAND;

  constructor(code: OrchestratorErrorCode, message: string, detail: OrchestratorErrorDetail = {}, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = detail;
  }
}

/** True for an OrchestratorError from any copy of this package (works across duplicated installs). */
export function isOrchestratorError(value: unknown): value is OrchestratorError {
  return typeof value === 'object' && value !== null && (value as { brand?: unknown }).brand === BRAND;
}
