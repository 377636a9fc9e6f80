import type { CanonicalEvent, DecodeOptions, DecodeResult } from './contract.js';

/**
 * One open decode session (the shape of module-kit v2's stream operations): bytes or text in, chunk by
 * chunk; the events each chunk completed out; `finish` flushes the rest and returns the aggregate.
 * Sessions are independent and bounded (`maxBytes`).
 */
export interface DecodeSession {
  /** Feeds one chunk; resolves to the events this chunk completed. @throws `STREAM_BUDGET_EXCEEDED`, `SESSION_CLOSED` */
  push(chunk: Uint8Array | string): Promise<CanonicalEvent[]> | CanonicalEvent[];
  /** Ends the input; resolves to the remaining events and the aggregate. The session is released. */
  finish(): Promise<{ events: CanonicalEvent[]; result: DecodeResult }> | { events: CanonicalEvent[]; result: DecodeResult };
  /** Releases the session without finishing (idempotent). */
  close(): void;
}

/** A stream operation: opens sessions. */
export interface DecodeStream {
  open(options: DecodeOptions): Promise<DecodeSession> | DecodeSession;
}
