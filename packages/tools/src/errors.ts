// The tools module's own error codes, declared once. The TS adapter throws them, the WASM adapter's
// `operationCodes` set is built from this object, and the README's table lists exactly these keys.
import { ModuleKitError } from '@llms-wasm/module-kit';

/** Every code a tools operation can fail with (as `ModuleKitError` `OPERATION_FAILED`, `detail.code`), with what it means. */
export const TOOLS_ERRORS: {
  readonly RESULT_NOT_JSON: string;
} = {
  RESULT_NOT_JSON:
    'llms produced a value JSON cannot carry (NaN or ±Infinity, e.g. parseLenient of `a=1e999`); `detail.path` points at it inside the output',
};

/** A tools operation code (see `TOOLS_ERRORS`). */
export type ToolsErrorCode = keyof typeof TOOLS_ERRORS;

/** The codes the WASM side reports as operation outcomes (everything else is an ABI failure). */
export const TOOLS_OPERATION_CODES: ReadonlySet<string> = new Set(Object.keys(TOOLS_ERRORS));

/** The typed error for one of the module's own codes. */
export function toolsError(code: ToolsErrorCode, operation: string, runtime: 'ts' | 'wasm', message: string, path?: string): ModuleKitError {
  return new ModuleKitError('OPERATION_FAILED', `tools.${operation}: ${message}`, {
    module: 'tools',
    runtime,
    operation,
    code,
    ...(path === undefined ? {} : { path }),
  });
}
