// llms 0.6 dispatchReasoning (dist/sse/shared/reasoning-dispatcher.js) in the default `channel` mode
// the decoders run it in: the trimmed text, or nothing when it is blank.
import { jsTrim } from '@llms-wasm/module-kit/assembly';

/** The reasoning channel text, or null when dispatchReasoning returns nothing. */
export function reasoningChannel(text: string): string | null {
  const t = jsTrim(text);
  return t.length == 0 ? null : t;
}
