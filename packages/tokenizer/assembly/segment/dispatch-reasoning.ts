// llms 0.6's dispatchReasoning (SSE shared code): what happens to reasoning text per mode.
import { jsTrim } from '@llms-wasm/module-kit/assembly';

export const MODE_CHANNEL: i32 = 0;
export const MODE_TEXT: i32 = 1;
export const MODE_DROP: i32 = 2;

/** The dispatched reasoning: kept as a channel, appended to the text, or nothing (both null). */
export class Dispatched {
  constructor(public channel: string | null, public appendToContent: string | null) {}
}

/** Trimmed reasoning per `mode`; `prefix` (text mode) is followed by a space unless it ends in one or a newline. */
export function dispatchReasoning(reasoning: string | null, mode: i32, prefix: string | null): Dispatched {
  const trimmed = reasoning === null ? '' : jsTrim(reasoning);
  if (trimmed.length == 0 || mode == MODE_DROP) return new Dispatched(null, null);
  if (mode == MODE_TEXT) {
    if (prefix === null || prefix.length == 0) return new Dispatched(null, trimmed);
    const needsSpace = !prefix.endsWith(' ') && !prefix.endsWith('\n');
    return new Dispatched(null, prefix + (needsSpace ? ' ' : '') + trimmed);
  }
  return new Dispatched(trimmed, null);
}
