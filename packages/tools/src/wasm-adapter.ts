import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WasmHost, wasmFailure, type Implementation, type RuntimeInstance } from '@llms-wasm/module-kit';
import { TOOLS_OPERATION_CODES } from './errors.js';
import { toolsOperations, type ToolsContracts, type ToolsOperation } from './operations.js';

/** Operation -> export of dist/tools.wasm (every export takes the input JSON and returns a result record). */
export const WASM_EXPORTS: { readonly [K in ToolsOperation]: string } = {
  canonicalizeToolCalls: 'canonicalizeToolCalls',
  repairArguments: 'repairArguments',
  parseLenient: 'parseLenient',
  parseToolArgs: 'parseToolArgs',
  normalizeCallId: 'normalizeCallId',
  validateToolCall: 'validateToolCall',
  canonicalizeChatResponse: 'canonicalizeChatResponse',
  finalizeChatResponse: 'finalizeChatResponse',
  packShellArgs: 'packShellArgs',
  harvestTextToolCalls: 'harvestTextToolCalls',
};

/** dist/tools.wasm: next to the bundle, or in ../dist when running from the sources. */
export function toolsWasmPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, '..', 'dist')]) if (existsSync(join(dir, 'tools.wasm'))) return join(dir, 'tools.wasm');
  throw new Error(`tools.wasm not found next to ${here} or in ../dist (run the package build)`);
}

/** Where the WASM runtime finds its binary. */
export interface WasmRuntimeOptions {
  /** Path of tools.wasm (default: the package's dist). */
  readonly wasm?: string;
}

/**
 * The WebAssembly runtime: this package's own AssemblyScript port of every bound llms function
 * (dist/tools.wasm), called through module-kit's JSON ABI.
 * @throws (at load) when the binary is missing or does not speak the ABI
 */
export async function createWasmRuntime(options: WasmRuntimeOptions = {}): Promise<RuntimeInstance<ToolsContracts>> {
  const host = await WasmHost.load({ name: 'tools', wasm: options.wasm ?? toolsWasmPath() });
  const operations: Record<string, (input: unknown) => unknown> = {};
  for (const operation of Object.keys(toolsOperations) as ToolsOperation[]) {
    operations[operation] = (input) => {
      const result = host.callJson(WASM_EXPORTS[operation], input);
      if (!result.ok) throw wasmFailure(result, { module: 'tools', operation, operationCodes: TOOLS_OPERATION_CODES });
      return result.value;
    };
  }
  return { operations: operations as unknown as Implementation<ToolsContracts>, describe: () => ({ ...host.stats() }) };
}
