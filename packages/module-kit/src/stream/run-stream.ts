import type { Contracts, RuntimeKind, StreamChunk } from '../contract.js';
import type { LlmsModule } from '../define-module.js';
import { captureOutcome, type Outcome } from '../outcome.js';

/** A whole stream as one value, the form stream outcomes are canonicalized and compared in. */
export interface StreamValue {
  /** Every event, in order: those each push completed, then those `finish` returned. */
  readonly events: readonly unknown[];
  readonly result: unknown;
}

/**
 * Runs a whole stream on one runtime — open with `options`, push every chunk, finish — and captures it
 * as an outcome whose value is a {@link StreamValue}. The session is always released.
 */
export function runStreamOutcome<C extends Contracts>(mod: LlmsModule<C>, kind: RuntimeKind, operation: string, options: unknown, chunks: readonly StreamChunk[]): Promise<Outcome> {
  return captureOutcome(async (): Promise<StreamValue> => {
    const session = await mod.open(kind, operation, options);
    try {
      const events: unknown[] = [];
      for (const chunk of chunks) events.push(...(await session.push(chunk)));
      const end = await session.finish();
      events.push(...end.events);
      return { events, result: end.result };
    } finally {
      session.close();
    }
  });
}
