/**
 * The streaming module's own error codes, declared once. Adapters throw them as module-kit
 * `OPERATION_FAILED` errors with the code in `detail.code`; the README's table is generated from this
 * object (`test/readme.test.ts` checks it).
 */
export const STREAMING_ERROR_CODES = {
  STREAM_BUDGET_EXCEEDED: 'a decode session received more input bytes than its `maxBytes` budget (default 64 MiB); the session is closed',
  SESSION_CLOSED: 'push or finish on a session that was finished or closed',
  ENCODE_FAILED: 'the encoder could not produce frames for the response (the llms encoder threw before writing a frame)',
  NOT_BOUND: 'the operation is not bound for this protocol on Linux (see "Not bound" in the README)',
} as const;

/** One of the streaming module's error codes. */
export type StreamingErrorCode = keyof typeof STREAMING_ERROR_CODES;

/** The codes as a set, for `wasmFailure(…, { operationCodes })`. */
export const STREAMING_CODE_SET: ReadonlySet<string> = new Set(Object.keys(STREAMING_ERROR_CODES));
