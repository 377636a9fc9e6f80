// The shadow side of a stream call, run in a shadow worker: the shadow runtime's session is fed the teed
// chunks and its timing is measured here. The worker feeds the chunks back to back, so its time to first
// event is placed on the arrival times the caller saw (decision 0016): a push starts when its chunk
// arrived or when the previous step ended, whichever is later, and the events it completes are ready
// when it returns. That is the timing this runtime would have had serving the same stream.
import { performance } from 'node:perf_hooks';
import { errorCodeOf, type Contracts, type LlmsModule, type Outcome, type RuntimeKind } from '@llms-wasm/module-kit';
import { chunksOf, streamText } from '../orchestrator/stream-tee.js';
import type { StreamTiming } from '../records/diff-record.js';
import { streamTiming } from '../records/stream-timing.js';
import type { StreamInput } from './job.js';

/** What the shadow made of a stream: its outcome (value `{ events, result }`), and its timing. */
export interface StreamShadow {
  readonly outcome: Outcome;
  readonly timing: StreamTiming;
  readonly gapsMs: number[];
}

/**
 * Opens the shadow runtime's session with `options`, pushes every teed chunk, and finishes when the
 * primary reached its finish (a primary that failed on a push is followed only as far as that chunk:
 * the shadow's outcome is then its events so far, or its own error). The session is always released.
 */
export async function runStreamShadow<C extends Contracts>(mod: LlmsModule<C>, kind: RuntimeKind, operation: string, options: unknown, input: StreamInput): Promise<StreamShadow> {
  const chunks = chunksOf(input);
  const eventAt: number[] = [];
  const events: unknown[] = [];
  let ready = 0;
  let spent = 0;
  const step = async <T>(arrivedAt: number, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      const ms = performance.now() - started;
      spent += ms;
      ready = Math.max(arrivedAt, ready) + ms;
    }
  };
  const took = (out: readonly unknown[]): void => {
    for (const event of out) {
      events.push(event);
      eventAt.push(ready);
    }
  };
  let outcome: Outcome;
  try {
    const session = await step(0, () => mod.open(kind, operation, options));
    try {
      for (const [i, chunk] of chunks.entries()) took(await step(input.arrivals[i] ?? 0, () => session.push(chunk)));
      let result: unknown = null;
      if (input.finish) {
        const end = await step(input.endedAt, () => session.finish());
        took(end.events);
        result = end.result;
      }
      outcome = { ok: true, value: { events, result }, ms: spent };
    } finally {
      session.close();
    }
  } catch (error) {
    outcome = { ok: false, code: errorCodeOf(error), message: error instanceof Error ? error.message : String(error), error, ms: spent };
  }
  const { timing, gapsMs } = streamTiming(eventAt, chunks.length, byteCount(input));
  return { outcome, timing, gapsMs };
}

/** Input bytes of the teed chunks (text as UTF-8). */
function byteCount(input: StreamInput): number {
  return input.bytes.byteLength + input.texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
}

/** What a stream record keeps of its input: the options and the whole stream as text, with each chunk's size. */
export function streamInputPayload(options: unknown, input: StreamInput): unknown {
  const { text, chunk_bytes } = streamText(input);
  return { options, stream: text, chunk_bytes };
}
