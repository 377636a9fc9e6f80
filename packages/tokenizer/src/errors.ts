import { defineErrors, type ModuleErrors } from '@llms-wasm/module-kit';

/**
 * The tokenizer's own error codes, declared once: the TS adapter raises them, the WASM side reports
 * them (assembly/generated/errors.ts is generated from this at build), the README lists them.
 */
export const tokenizerErrors: ModuleErrors<TokenizerErrorCode> = defineErrors('tokenizer', {
  SPECIAL_TOKEN_DISALLOWED: 'the text contains a special token such as <|endoftext|>, which tiktoken\'s encode() (and so llms) refuses',
});

/** A code the tokenizer's operations can fail with (as ModuleKitError `OPERATION_FAILED`, `detail.code`). */
export type TokenizerErrorCode = 'SPECIAL_TOKEN_DISALLOWED';
