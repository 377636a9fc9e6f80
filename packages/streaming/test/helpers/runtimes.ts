// Both runtimes for the tests: the TS runtime (bound to llms) and the WASM runtime with its sessions
// (through the local harness until module-kit v2 wires stream operations).
import type { DecodeOptions, DecodeOutput } from '../../src/contract.js';
import type { DecodeSession } from '../../src/stream-contract.js';
import { createTsRuntime } from '../../src/ts-adapter.js';
import { createWasmRuntime, loadStreamingWasm } from '../../src/wasm-adapter.js';
import { wasmSessions } from '../harness/wasm-sessions.js';
import { runSession } from './rechunk.js';

export interface Runtimes {
  readonly ts: { decode(input: { protocol: DecodeOptions['protocol']; sse: string }): Promise<DecodeOutput>; open(o: DecodeOptions): DecodeSession };
  readonly wasm: { decode(input: { protocol: DecodeOptions['protocol']; sse: string }): Promise<DecodeOutput>; open(o: DecodeOptions): DecodeSession; openCount(): number; memoryPages(): number };
  /** Runs `chunks` through a session of each runtime. */
  chunked(options: DecodeOptions, chunks: readonly (Uint8Array | string)[]): Promise<{ ts: DecodeOutput; wasm: DecodeOutput }>;
}

let loaded: Promise<Runtimes> | undefined;

async function load(): Promise<Runtimes> {
  const ts = await createTsRuntime();
  const wasmRt = await createWasmRuntime();
  const host = await loadStreamingWasm();
  const sessions = wasmSessions(host);
  const runtimes: Runtimes = {
    ts: { decode: async (input) => ts.operations.decode(input), open: (o) => ts.streams.decode.open(o) as DecodeSession },
    wasm: { decode: async (input) => wasmRt.operations.decode(input), open: (o) => sessions.open(o), openCount: () => sessions.openCount(), memoryPages: () => host.stats().memoryPages },
    chunked: async (options, chunks) => ({ ts: await runSession(runtimes.ts.open, options, chunks), wasm: await runSession(runtimes.wasm.open, options, chunks) }),
  };
  return runtimes;
}

/** The runtimes, loaded once per test file. */
export function runtimes(): Promise<Runtimes> {
  loaded ??= load();
  return loaded;
}
