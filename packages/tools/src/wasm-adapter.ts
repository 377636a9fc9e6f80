import { wasmRuntime, type RuntimeFactory } from '@llms-wasm/module-kit';
import { toolsErrors } from './errors.js';
import type { ToolsContracts } from './operations.js';

/** Where the WASM runtime finds its binary. */
export interface WasmRuntimeOptions {
  /** Directory holding tools.wasm and tools.wasm.sha256 (default: next to this file, then ../dist). */
  readonly dir?: string;
}

/**
 * The WebAssembly runtime: this package's own AssemblyScript port of every bound llms function
 * (dist/tools.wasm). Every operation is the export of the same name, JSON in and out (object and bytes paths).
 * @throws (at load) ModuleKitError `RUNTIME_INIT_FAILED` when the binary is missing, altered or does not speak the ABI
 */
export function createWasmRuntime(options: WasmRuntimeOptions = {}): ReturnType<RuntimeFactory<ToolsContracts>> {
  return wasmRuntime<ToolsContracts>({
    module: 'tools',
    errors: toolsErrors,
    artifact: 'tools.wasm',
    from: import.meta.url,
    ...(options.dir === undefined ? {} : { dir: options.dir }),
    operations: {
      canonicalizeToolCalls: 'json',
      repairArguments: 'json',
      parseLenient: 'json',
      parseToolArgs: 'json',
      normalizeCallId: 'json',
      validateToolCall: 'json',
      canonicalizeChatResponse: 'json',
      finalizeChatResponse: 'json',
      packShellArgs: 'json',
      harvestTextToolCalls: 'json',
    },
  })();
}
