import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WasmHost, wasmFailure, type RuntimeInstance } from '@llms-wasm/module-kit';
import type { DecodeInput, DecodeOutput } from './contract.js';
import { STREAMING_CODE_SET } from './errors.js';
import type { StreamingContracts } from './operations.js';

/** The exports of dist/streaming.wasm, per operation (JSON operation and stream operation). */
export const WASM_EXPORTS: {
  readonly decode: { readonly json: 'decode'; readonly open: 'decode_open'; readonly push: 'decode_push'; readonly finish: 'decode_finish'; readonly close: 'decode_close' };
} = {
  decode: { json: 'decode', open: 'decode_open', push: 'decode_push', finish: 'decode_finish', close: 'decode_close' },
};

/** The directory holding streaming.wasm: next to the bundle, or ../dist from the sources. */
function artifactsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, '..', 'dist')]) if (existsSync(join(dir, 'streaming.wasm'))) return dir;
  throw new Error(`streaming.wasm not found next to ${here} or in ../dist (run the package build)`);
}

/** Where the WASM runtime finds its binary. */
export interface WasmRuntimeOptions {
  /** Directory with streaming.wasm (default: the package's dist). */
  readonly dir?: string;
}

/** Loads dist/streaming.wasm under the shared ABI. */
export async function loadStreamingWasm(options: WasmRuntimeOptions = {}): Promise<WasmHost> {
  return WasmHost.load({ name: 'streaming', wasm: join(options.dir ?? artifactsDir(), 'streaming.wasm') });
}

/**
 * The WebAssembly runtime: this package's own SSE framer and decoders (dist/streaming.wasm). The JSON
 * operation goes through the ABI as it is; the decode stream operation's exports are listed in
 * WASM_EXPORTS (module-kit v2 wires sessions over them). The host's clock is passed as `now`, for the
 * values llms takes from Date.now().
 * @throws (at load) when the binary is missing or not built for the ABI
 */
export async function createWasmRuntime(options: WasmRuntimeOptions = {}): Promise<RuntimeInstance<StreamingContracts>> {
  const host = await loadStreamingWasm(options);
  const decode = (input: DecodeInput): DecodeOutput => {
    const result = host.callJson(WASM_EXPORTS.decode.json, { ...input, now: Date.now() });
    if (!result.ok) throw wasmFailure(result, { module: 'streaming', operation: 'decode', operationCodes: STREAMING_CODE_SET });
    return result.value as DecodeOutput;
  };
  return { operations: { decode }, describe: () => ({ ...host.stats(), openSessions: (host.exports['decode_sessions'] as () => number)() }) };
}
