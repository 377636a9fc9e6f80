// validateToolCall as the TS runtime runs it: llms 0.6's registry, with its regression capturers kept
// from writing sample files, and the one Linux gap (exec_command's native step) reported as a verdict.
import type { ValidationVerdict } from '../contract.js';
import type { LlmsFunctions } from './llms-functions.js';

/** The environment variables llms 0.6 reads, on every failed validation, to decide where to write a sample. */
const CAPTURE_DIRS = ['ROUTECODEX_APPLY_PATCH_REGRESSION_DIR', 'ROUTECODEX_EXEC_COMMAND_REGRESSION_DIR'] as const;
/** A directory that cannot be created: llms's capturer fails and swallows the error, so nothing is written. */
const NOWHERE = '/dev/null/llms-wasm-tools-no-capture';
const NATIVE_MISSING = /native (\w+) is required but unavailable/;

/**
 * Runs `fn` with llms's regression sample capture pointed nowhere, unless the caller configured a
 * capture directory (then llms writes there, as it would in the gateway). Synchronous: no other code
 * runs while the variables are set.
 */
function withoutCapture<T>(fn: () => T): T {
  const set = CAPTURE_DIRS.filter((name) => process.env[name] === undefined);
  for (const name of set) process.env[name] = NOWHERE;
  try {
    return fn();
  } finally {
    for (const name of set) delete process.env[name];
  }
}

/** The registry's verdict, in the contract's shape (llms's own fields, `warnings` only when present). */
export function bindValidate(llms: LlmsFunctions): (name: string, args: string) => ValidationVerdict {
  return (name, args) => {
    let result: Record<string, unknown>;
    try {
      result = withoutCapture(() => llms.validateToolCall(name, args));
    } catch (error) {
      const missing = error instanceof Error ? NATIVE_MISSING.exec(error.message) : null;
      if (missing?.[1] === undefined) throw error;
      return { ok: false, reason: 'not_bound', needs: missing[1] };
    }
    if (result['ok'] === true) {
      const warnings = result['warnings'];
      return { ok: true, normalizedArgs: result['normalizedArgs'] as string, ...(Array.isArray(warnings) ? { warnings } : {}) };
    }
    const message = result['message'];
    return { ok: false, reason: result['reason'] as string, ...(typeof message === 'string' ? { message } : {}) };
  };
}
