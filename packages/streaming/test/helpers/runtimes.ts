// Both runtimes for the tests, through the module (module-kit validates options, chunks, events and
// results, times every step and bounds the sessions): the TS runtime bound to llms, the WASM runtime.
import type { StreamSession } from '@llms-wasm/module-kit';
import type { CanonicalEvent, DecodeOptions, DecodeOutput, DecodeResult, Protocol } from '../../src/contract.js';
import { streaming } from '../../src/index.js';
import { runSession } from './rechunk.js';

type Open = (o: DecodeOptions) => Promise<StreamSession<CanonicalEvent, DecodeResult>>;

export interface Side {
  decode(input: { protocol: Protocol; sse: string }): Promise<DecodeOutput>;
  open: Open;
}

export interface Runtimes {
  readonly ts: Side;
  readonly wasm: Side;
  /** Runs `chunks` through a session of each runtime. */
  chunked(options: DecodeOptions, chunks: readonly (Uint8Array | string)[]): Promise<{ ts: DecodeOutput; wasm: DecodeOutput }>;
}

let loaded: Promise<Runtimes> | undefined;

async function load(): Promise<Runtimes> {
  await Promise.all([streaming.init('ts'), streaming.init('wasm')]);
  const side = (kind: 'ts' | 'wasm'): Side => ({
    decode: (input) => streaming.runtimes[kind].decodeWhole(input),
    open: (o) => streaming.runtimes[kind].decode.open(o),
  });
  const runtimes: Runtimes = {
    ts: side('ts'),
    wasm: side('wasm'),
    chunked: async (options, chunks) => ({ ts: await runSession(runtimes.ts.open, options, chunks), wasm: await runSession(runtimes.wasm.open, options, chunks) }),
  };
  return runtimes;
}

/** The runtimes, loaded once per test file. */
export function runtimes(): Promise<Runtimes> {
  loaded ??= load();
  return loaded;
}
