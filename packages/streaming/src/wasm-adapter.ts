import { wasmRuntime, type RuntimeInstance } from '@llms-wasm/module-kit';
import { streamingErrors } from './errors.js';
import type { StreamingContracts } from './operations.js';

/** Where the WASM runtime finds its binary. */
export interface WasmRuntimeOptions {
  /** Directory with streaming.wasm (default: the package's dist). */
  readonly dir?: string;
}

/**
 * The WebAssembly runtime: this package's own SSE framer and decoders (dist/streaming.wasm). `decode`
 * is the stream binding (`decode_open/_push/_finish/_close`, sessions held in linear memory behind a
 * handle, bounded by their byte budget); `decodeWhole` the JSON export of the same name.
 * @throws (at load) ModuleKitError `RUNTIME_INIT_FAILED` when the binary is missing, altered or not built for the ABI
 */
export function createWasmRuntime(options: WasmRuntimeOptions = {}): Promise<RuntimeInstance<StreamingContracts>> {
  return wasmRuntime<StreamingContracts>({
    module: 'streaming',
    errors: streamingErrors,
    artifact: 'streaming.wasm',
    from: import.meta.url,
    ...(options.dir === undefined ? {} : { dir: options.dir }),
    operations: { decode: 'stream', decodeWhole: 'json', encode: 'json' },
  })();
}
