import { defineModule, packageInfo, type LlmsModule } from '@llms-wasm/module-kit';
import { canonicalizeTokenizerOutput } from './canonicalize.js';
import { tokenizerCorpusCalls } from './corpus-calls.js';
import { tokenizerErrors, type TokenizerErrorCode } from './errors.js';
import { tokenizerOperations, type TokenizerContracts } from './operations.js';
import { createTsRuntime } from './ts-adapter.js';
import { createWasmRuntime } from './wasm-adapter.js';

/**
 * The tokenizer module: `countTokens` and `segment`, in TypeScript (bound to llms) and WebAssembly
 * (this package's own byte-pair encoder), behind one contract. Its version is this package's.
 * @example
 * import { tokenizer } from '@llms-wasm/tokenizer';
 * await tokenizer.runtimes.wasm.countTokens({ text: 'hello world', model: 'gpt-4o' }); // { tokens: 2, encoding: 'o200k_base' }
 */
export const tokenizer: LlmsModule<TokenizerContracts, TokenizerErrorCode> = defineModule({
  id: 'tokenizer',
  version: packageInfo(import.meta.url).version,
  owner: 'tokenizer-team',
  fixPath: 'wasm core',
  operations: tokenizerOperations,
  errors: tokenizerErrors,
  runtimes: { ts: createTsRuntime, wasm: () => createWasmRuntime() },
  canonicalize: canonicalizeTokenizerOutput,
  corpus: tokenizerCorpusCalls,
});

// Contract
export {
  ChatMessage,
  CountMessagesInput,
  CountTextInput,
  CountTokensInput,
  CountTokensOutput,
  EncodingName,
  ReasoningMode,
  ResponsesOutputItem,
  Segment,
  SegmentInput,
  SegmentOptions,
  SegmentOutput,
  SegmentOutputInput,
  SegmentTextInput,
} from './contract.js';
export { tokenizerOperations, type TokenizerContracts } from './operations.js';

// Adapters
export { createTsRuntime } from './ts-adapter.js';
export { createWasmRuntime, type WasmRuntimeOptions } from './wasm-adapter.js';

// Canonicalize
export { canonicalizeTokenizerOutput } from './canonicalize.js';

// Corpus
export { tokenizerCorpusCalls } from './corpus-calls.js';

// Errors
export { tokenizerErrors, type TokenizerErrorCode } from './errors.js';
