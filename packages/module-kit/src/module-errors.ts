import { ModuleKitError, type ModuleKitErrorDetail } from './errors.js';

/**
 * A module's own error codes, declared once: the contract docs, the TS adapter, the WASM adapter and
 * the equivalence helper all read them from here. Each code is a refusal the operation itself makes
 * (e.g. `SPECIAL_TOKEN_DISALLOWED`), raised as `ModuleKitError` `OPERATION_FAILED` with `detail.code`.
 */
export interface ModuleErrors<E extends string = string> {
  readonly module: string;
  /** Every code, in declaration order. */
  readonly codes: readonly E[];
  /** One line per code saying when it is raised (the README's error table). */
  readonly descriptions: Readonly<Record<E, string>>;
  /** True for one of this module's codes. */
  has(code: string): code is E;
  /** The typed failure for `code` (`OPERATION_FAILED`, `detail.code` = `code`, `detail.module` = the module). */
  error(code: E, message: string, detail?: ModuleKitErrorDetail, cause?: unknown): ModuleKitError;
}

const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const RESERVED = new Set(['INPUT_INVALID', 'OUTPUT_INVALID', 'UNKNOWN_OPERATION', 'RUNTIME_INIT_FAILED', 'WASM_ABI', 'WASM_TRAP', 'OPERATION_FAILED', 'DATA_QUALITY', 'CORPUS_INVALID', 'RULESET_INVALID', 'PATTERN_INVALID', 'SESSION_CLOSED', 'MODULE_INVALID', 'UNEXPECTED', 'INPUT_TOO_LARGE', 'BAD_INPUT', 'BAD_JSON']);

/**
 * Declares a module's error codes.
 * @throws ModuleKitError `MODULE_INVALID` for a code that is not UPPER_SNAKE_CASE or that module-kit itself uses
 * @example
 * export const tokenizerErrors = defineErrors('tokenizer', {
 *   SPECIAL_TOKEN_DISALLOWED: 'the text contains a special token such as <|endoftext|>, which tiktoken refuses',
 * });
 * throw tokenizerErrors.error('SPECIAL_TOKEN_DISALLOWED', 'the text contains <|endoftext|>', { runtime: 'ts' });
 */
export function defineErrors<E extends string>(module: string, descriptions: Readonly<Record<E, string>>): ModuleErrors<E> {
  const codes = Object.keys(descriptions) as E[];
  for (const code of codes) {
    if (!CODE.test(code)) throw new ModuleKitError('MODULE_INVALID', `${module}: error code ${JSON.stringify(code)} must be UPPER_SNAKE_CASE`, { module });
    if (RESERVED.has(code)) throw new ModuleKitError('MODULE_INVALID', `${module}: error code ${code} is one module-kit uses itself`, { module });
  }
  const known: ReadonlySet<string> = new Set(codes);
  return {
    module,
    codes,
    descriptions,
    has: (code: string): code is E => known.has(code),
    error: (code, message, detail = {}, cause) =>
      new ModuleKitError('OPERATION_FAILED', message.startsWith(`${module}: `) ? message : `${module}: ${message}`, { ...detail, module, code }, cause === undefined ? undefined : { cause }),
  };
}
