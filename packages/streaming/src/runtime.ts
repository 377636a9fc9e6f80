import type { RuntimeInstance } from '@llms-wasm/module-kit';
import type { DecodeInput, DecodeOutput } from './contract.js';
import type { StreamingContracts } from './operations.js';
import type { DecodeSession, DecodeStream } from './stream-contract.js';

/** A loaded streaming runtime: the JSON operations plus the decode stream operation. */
export interface StreamingRuntime extends RuntimeInstance<StreamingContracts> {
  readonly streams: { readonly decode: DecodeStream };
}

/** Whole-input decode through one session: push everything, then finish. */
export async function decodeWhole(open: (options: Omit<DecodeInput, 'sse'>) => DecodeSession | Promise<DecodeSession>, input: DecodeInput): Promise<DecodeOutput> {
  const { sse, ...options } = input;
  const session = await open(options);
  try {
    const first = await session.push(sse);
    const rest = await session.finish();
    return { protocol: input.protocol, events: [...first, ...rest.events], result: rest.result };
  } finally {
    session.close();
  }
}
