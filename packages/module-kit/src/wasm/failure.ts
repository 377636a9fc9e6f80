import { ModuleKitError } from '../errors.js';
import type { WasmCallResult } from './host.js';

/** Where a WASM failure happened, for the error's detail. */
export interface WasmFailureContext {
  readonly module: string;
  readonly operation: string;
  /** Codes the module reports as its own operation outcomes (become `OPERATION_FAILED` with `detail.code`). */
  readonly operationCodes: ReadonlySet<string>;
}

/**
 * Turns a failed WASM call into the typed error a runtime throws: the module's own codes become
 * `OPERATION_FAILED` (with `detail.code`), `WASM_TRAP` stays a trap, `INPUT_TOO_LARGE` is an input
 * error, and anything else means the WASM side broke the ABI or its contract (`WASM_ABI`).
 */
export function wasmFailure(result: Extract<WasmCallResult, { ok: false }>, where: WasmFailureContext): ModuleKitError {
  const detail = { module: where.module, runtime: 'wasm', operation: where.operation, code: result.code, ...(result.path === undefined ? {} : { path: result.path }) };
  if (where.operationCodes.has(result.code)) return new ModuleKitError('OPERATION_FAILED', `${where.module}: ${result.message}`, detail);
  if (result.code === 'WASM_TRAP') return new ModuleKitError('WASM_TRAP', result.message, detail);
  if (result.code === 'INPUT_TOO_LARGE') return new ModuleKitError('INPUT_INVALID', result.message, { ...detail, path: '/' });
  return new ModuleKitError('WASM_ABI', `${where.module}.${where.operation}: the wasm side failed with ${result.code}: ${result.message}`, detail);
}
