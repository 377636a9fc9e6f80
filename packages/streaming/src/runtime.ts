import type { StreamSessionImpl } from '@llms-wasm/module-kit';
import type { CanonicalEvent, DecodeInput, DecodeOptions, DecodeOutput, DecodeResult } from './contract.js';

/** Whole-input decode through one session: push everything, then finish. */
export async function decodeWhole(open: (options: DecodeOptions) => StreamSessionImpl<CanonicalEvent, DecodeResult>, input: DecodeInput): Promise<DecodeOutput> {
  const { sse, ...options } = input;
  const session = open(options);
  try {
    const first = await session.push(sse);
    const rest = await session.finish();
    return { events: [...first, ...rest.events], result: rest.result };
  } finally {
    session.close();
  }
}
