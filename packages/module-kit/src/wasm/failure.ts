import { ModuleKitError } from '../errors.js';
import type { ModuleErrors } from '../module-errors.js';
import type { WasmCallResult } from './host.js';

/** Where a WASM failure happened, for the error's detail. */
export interface WasmFailureContext {
  readonly module: string;
  readonly operation: string;
  /** The module's own codes (become `OPERATION_FAILED` with `detail.code`). */
  readonly errors: ModuleErrors;
  /**
   * How the input came: `object` (validated against the contract before the call, so a refusal of its
   * shape is the WASM side breaking the contract) or `bytes` (as received, so it is the input's fault).
   */
  readonly input: 'object' | 'bytes';
}

const INPUT_CODES = new Set(['BAD_INPUT', 'BAD_JSON', 'INPUT_TOO_LARGE']);

/**
 * Turns a failed WASM call into the typed error a runtime throws: the module's own codes become
 * `OPERATION_FAILED` (with `detail.code`), `WASM_TRAP` stays a trap, an oversized input is an input
 * error, a refused shape is an input error on the bytes path (`INPUT_INVALID` with the module's JSON
 * pointer) and a broken contract on the object path (`WASM_ABI`), and anything else means the WASM
 * side broke the ABI (`WASM_ABI`).
 */
export function wasmFailure(result: Extract<WasmCallResult, { ok: false }>, where: WasmFailureContext): ModuleKitError {
  const detail = { module: where.module, runtime: 'wasm', operation: where.operation, code: result.code, ...(result.path === undefined ? {} : { path: result.path }) };
  if (where.errors.has(result.code)) return where.errors.error(result.code, result.message, detail);
  if (result.code === 'WASM_TRAP') return new ModuleKitError('WASM_TRAP', result.message, detail);
  if (INPUT_CODES.has(result.code) && (where.input === 'bytes' || result.code === 'INPUT_TOO_LARGE')) {
    return new ModuleKitError('INPUT_INVALID', `${where.module}.${where.operation}: ${result.message}`, { ...detail, path: result.path ?? '/' });
  }
  return new ModuleKitError('WASM_ABI', `${where.module}.${where.operation}: the wasm side failed with ${result.code}: ${result.message}`, detail);
}
