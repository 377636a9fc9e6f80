import { defineErrors, type ModuleErrors } from '@llms-wasm/module-kit';

/**
 * The tools module's own error codes, declared once: the TS adapter raises them, the WASM side reports
 * them (assembly/generated/errors.ts is generated from this at build), the README lists them.
 */
export const toolsErrors: ModuleErrors<ToolsErrorCode> = defineErrors('tools', {
  RESULT_NOT_JSON:
    'llms produced a value JSON cannot carry (NaN or ±Infinity, e.g. parseLenient of `a=1e999`); `detail.path` points at it inside the output',
});

/** A code the tools operations can fail with (as ModuleKitError `OPERATION_FAILED`, `detail.code`). */
export type ToolsErrorCode = 'RESULT_NOT_JSON';
