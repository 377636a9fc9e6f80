import { defineModule, packageInfo, type LlmsModule } from '@llms-wasm/module-kit';
import { canonicalizeToolsOutput } from './canonicalize.js';
import { toolsCorpusCalls } from './corpus-calls.js';
import { toolsOperations, type ToolsContracts } from './operations.js';
import { createTsRuntime } from './ts-adapter.js';
import { toolsErrors, type ToolsErrorCode } from './errors.js';
import { createWasmRuntime } from './wasm-adapter.js';

/**
 * The tools module: tool-call canonicalization (argument repair, lenient parsing, call ids, names,
 * registry validation, chat-response invariants, shell packing, text markup), in TypeScript (bound to
 * llms) and WebAssembly (this package's own port), behind one contract.
 * @example
 * import { tools } from '@llms-wasm/tools';
 * await tools.runtimes.wasm.repairArguments({ arguments: "{a:1, b:'two',}" }); // { arguments: '{"a":1,"b":"two"}', repaired: true }
 */
export const tools: LlmsModule<ToolsContracts, ToolsErrorCode> = defineModule({
  id: 'tools',
  version: packageInfo(import.meta.url).version,
  owner: 'tools-team',
  fixPath: 'wasm core',
  operations: toolsOperations,
  errors: toolsErrors,
  runtimes: { ts: createTsRuntime, wasm: () => createWasmRuntime() },
  canonicalize: canonicalizeToolsOutput,
  corpus: toolsCorpusCalls,
});

// Contract
export {
  AssistantMessage,
  ChatPayloadInput,
  ChatPayloadOutput,
  HarvestTextInput,
  HarvestTextOutput,
  InvalidCall,
  JsonValue,
  MAX_TEXT,
  NormalizeCallIdInput,
  NormalizeCallIdOutput,
  PackShellArgsInput,
  PackShellArgsOutput,
  ParseLenientInput,
  ParseToolArgsInput,
  ParsedValueOutput,
  RepairArgumentsInput,
  RepairArgumentsOutput,
  ShellArgs,
  ValidCall,
  ValidateToolCallInput,
  ValidationVerdict,
  ValidationWarning,
} from './contract.js';
export {
  CanonicalToolCall,
  CanonicalizeToolCallsInput,
  CanonicalizeToolCallsOutput,
  NotBoundStep,
  RawAnthropicCall,
  RawChatCall,
  RawResponsesCall,
  RawStreamedCall,
  RawTextCalls,
  RawToolCall,
  StreamedItem,
} from './contract-calls.js';
export { toolsOperations, type ToolsContracts, type ToolsOperation } from './operations.js';

// Adapters
export { createTsRuntime } from './ts-adapter.js';
export { createWasmRuntime, type WasmRuntimeOptions } from './wasm-adapter.js';

// Canonicalize
export { canonicalizeToolsOutput } from './canonicalize.js';

// Corpus
export { toolsCorpusCalls } from './corpus-calls.js';

// Errors
export { toolsErrors, type ToolsErrorCode } from './errors.js';
