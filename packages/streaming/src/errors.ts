import { defineErrors, type ModuleErrors } from '@llms-wasm/module-kit';

/** A code the streaming module's operations can fail with (as ModuleKitError `OPERATION_FAILED`, `detail.code`). */
export type StreamingErrorCode = 'STREAM_BUDGET_EXCEEDED' | 'ENCODE_FAILED';

/**
 * The streaming module's own error codes, declared once: the TS adapter raises them, the WASM side
 * reports them (assembly/generated/errors.ts is generated from this at build), the README lists them.
 * A decode the codec itself fails is not an error but a `failed` result (llms's code and message).
 */
export const streamingErrors: ModuleErrors<StreamingErrorCode> = defineErrors('streaming', {
  STREAM_BUDGET_EXCEEDED: 'a decode session received more input bytes than its `maxBytes` budget (default 64 MiB); the session is released',
  ENCODE_FAILED: 'the encoder refused the response before writing a frame (llms\'s message, e.g. a Chat response without model or choices)',
});
