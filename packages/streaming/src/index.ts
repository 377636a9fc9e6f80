import { defineModule, type LlmsModule } from '@llms-wasm/module-kit';
import { canonicalizeStreamingOutput } from './canonicalize.js';
import { compareStreaming } from './comparator.js';
import { streamingCorpusCalls } from './corpus-calls.js';
import { streamingOperations, type StreamingContracts } from './operations.js';
import { createTsRuntime } from './ts-adapter.js';
import { createWasmRuntime } from './wasm-adapter.js';

/**
 * The streaming module: SSE decode (whole, or chunk by chunk through sessions) for OpenAI Responses,
 * Chat Completions, Anthropic Messages and Gemini, in TypeScript (bound to llms) and WebAssembly (our
 * own framer and decoders), compared as sse-v1 canonical events.
 * @example
 * import { streaming } from '@llms-wasm/streaming';
 * const out = await streaming.runtimes.wasm.decode({ protocol: 'anthropic', sse }); // { protocol, events, result }
 */
export const streaming: LlmsModule<StreamingContracts> = defineModule({
  id: 'streaming',
  version: '0.1.0',
  owner: 'streaming-team',
  fixPath: 'wasm core',
  operations: streamingOperations,
  runtimes: { ts: createTsRuntime, wasm: () => createWasmRuntime() },
  canonicalize: canonicalizeStreamingOutput,
  compare: compareStreaming,
  corpus: streamingCorpusCalls,
});

// Contract
export { CanonicalEvent, DecodeInput, DecodeOptions, DecodeOutput, DecodeResult, EncodeInput, EncodeOutput, Protocol } from './contract.js';
export { streamingOperations, type StreamingContracts } from './operations.js';
export type { DecodeSession, DecodeStream } from './stream-contract.js';
export { SSE_V1, checkSseProtocol, type SseProtocolSection } from './sse-protocol.js';

// Adapters
export { createTsRuntime } from './ts-adapter.js';
export { createWasmRuntime, type WasmRuntimeOptions } from './wasm-adapter.js';
export type { StreamingRuntime } from './runtime.js';
export { encodeWithLlms, ENCODE_BINDINGS } from './encode-llms.js';

// Canonicalize and compare
export { canonicalizeStreamingOutput } from './canonicalize.js';
export { compareStreaming } from './comparator.js';
export { summarizeStreamDiff, summaryEntries, type StreamDiffOptions, type StreamDiffSummary, type TokenDivergence } from './compare.js';
export { eventTokens, tokenDigest, type EventToken } from './internal/tokens.js';

// Errors
export { STREAMING_ERROR_CODES, type StreamingErrorCode } from './errors.js';

// Corpus
export { streamingCorpusCalls } from './corpus-calls.js';
