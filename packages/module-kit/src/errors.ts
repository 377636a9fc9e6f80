/**
 * Every failure module-kit raises. A closed set of codes, so callers can switch on them.
 *
 * - `INPUT_INVALID`       an operation input does not match its contract (path names the field)
 * - `OUTPUT_INVALID`      a runtime returned a value that breaks its output contract (a broken adapter)
 * - `UNKNOWN_OPERATION`   the operation is not part of the module's contract
 * - `RUNTIME_INIT_FAILED` a runtime could not load or initialize (never silently replaced)
 * - `WASM_ABI`            the WASM module broke the ABI (bad record, bad JSON, wrong version)
 * - `WASM_TRAP`           the WASM module trapped or aborted; the instance was replaced
 * - `OPERATION_FAILED`    the operation itself reported a failure (see `detail.code`)
 * - `DATA_QUALITY`        a value cannot be canonicalized (NaN, Infinity, lone surrogate, cycle …)
 * - `CORPUS_INVALID`      a corpus file or line is unreadable
 * - `RULESET_INVALID`     a ruleset file (or a module's section of it) is unreadable or malformed
 * - `PATTERN_INVALID`     a JSON-pointer pattern is malformed (`detail.field` names it)
 * - `SESSION_CLOSED`      a stream session was used after `finish`, `close` or eviction
 * - `MODULE_INVALID`      a module definition is malformed (a programmer error, raised at definition)
 */
export type ModuleKitErrorCode =
  | 'INPUT_INVALID'
  | 'OUTPUT_INVALID'
  | 'UNKNOWN_OPERATION'
  | 'RUNTIME_INIT_FAILED'
  | 'WASM_ABI'
  | 'WASM_TRAP'
  | 'OPERATION_FAILED'
  | 'DATA_QUALITY'
  | 'CORPUS_INVALID'
  | 'RULESET_INVALID'
  | 'PATTERN_INVALID'
  | 'SESSION_CLOSED'
  | 'MODULE_INVALID';


/** Extra, machine-readable facts about a failure. */
export interface ModuleKitErrorDetail {
  /** The module the failure belongs to. */
  readonly module?: string;
  /** `ts` or `wasm`. */
  readonly runtime?: string;
  /** The operation being run. */
  readonly operation?: string;
  /** JSON pointer of the offending value (`/messages/0/role`). */
  readonly path?: string;
  /** For `OPERATION_FAILED`: the module's own error code (e.g. `SPECIAL_TOKEN_DISALLOWED`). */
  readonly code?: string;
  /** Anything else worth logging. */
  readonly [key: string]: unknown;
}

const BRAND = 'llms-wasm.module-kit.error';

/** The one error class of module-kit. `cause` is always kept. */
export class ModuleKitError extends Error {
  override readonly name: 'ModuleKitError' = 'ModuleKitError';
  readonly code: ModuleKitErrorCode;
  readonly detail: ModuleKitErrorDetail;
  /** Marks instances from any copy of this package (see `isModuleKitError`). */
  readonly brand: typeof BRAND = BRAND;

  constructor(code: ModuleKitErrorCode, message: string, detail: ModuleKitErrorDetail = {}, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = detail;
  }
}

/** True for a ModuleKitError from any copy of this package (works across duplicated installs). */
export function isModuleKitError(value: unknown): value is ModuleKitError {
  return typeof value === 'object' && value !== null && (value as { brand?: unknown }).brand === BRAND;
}

/**
 * The stable code of any failure an operation can produce: the module's own code for
 * `OPERATION_FAILED`, the module-kit code otherwise, `UNEXPECTED` for foreign errors.
 */
export function errorCodeOf(error: unknown): string {
  if (isModuleKitError(error)) {
    return error.code === 'OPERATION_FAILED' && typeof error.detail.code === 'string' ? error.detail.code : error.code;
  }
  return 'UNEXPECTED';
}
