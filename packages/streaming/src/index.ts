import { defineModule, packageInfo, type LlmsModule } from '@llms-wasm/module-kit';
import { canonicalizeStreamingOutput } from './canonicalize.js';
import { StreamingRulesetSection, compareStreaming } from './comparator.js';
import { streamingCorpusCalls } from './corpus-calls.js';
import { streamingErrors, type StreamingErrorCode } from './errors.js';
import { streamingOperations, type StreamingContracts } from './operations.js';
import { createTsRuntime } from './ts-adapter.js';
import { createWasmRuntime } from './wasm-adapter.js';

/**
 * The streaming module: SSE decode — chunk by chunk through `decode` sessions, or whole through
 * `decodeWhole` — for OpenAI Responses, Chat Completions, Anthropic Messages and Gemini, in TypeScript
 * (bound to llms) and WebAssembly (our own framer and decoders), compared as sse-v1 canonical events.
 * Its version is this package's.
 * @example
 * import { streaming } from '@llms-wasm/streaming';
 * const session = await streaming.runtimes.wasm.decode.open({ protocol: 'anthropic' });
 * const events = await session.push(chunk); // the events this chunk completed
 * const { result } = await session.finish(); // { protocol, status: 'ok', response } | { protocol, status: 'failed', code, message }
 */
export const streaming: LlmsModule<StreamingContracts, StreamingErrorCode> = defineModule({
  id: 'streaming',
  version: packageInfo(import.meta.url).version,
  owner: 'streaming-team',
  fixPath: 'wasm core',
  operations: streamingOperations,
  errors: streamingErrors,
  runtimes: { ts: createTsRuntime, wasm: () => createWasmRuntime() },
  canonicalize: canonicalizeStreamingOutput,
  compare: compareStreaming,
  rulesetSection: StreamingRulesetSection,
  corpus: streamingCorpusCalls,
});

// Contract
export { CanonicalEvent, DecodeInput, DecodeOptions, DecodeOutput, DecodeResult, EncodeInput, EncodeOutput, EncodeProtocol, Protocol } from './contract.js';
export { streamingOperations, type StreamingContracts } from './operations.js';
export { SSE_V1, checkSseProtocol, type SseProtocolSection } from './sse-protocol.js';

// Adapters
export { createTsRuntime } from './ts-adapter.js';
export { createWasmRuntime, type WasmRuntimeOptions } from './wasm-adapter.js';
export { encodeWithLlms, ENCODE_BINDINGS } from './encode-llms.js';

// Canonicalize and compare
export { canonicalizeStreamingOutput } from './canonicalize.js';
export { compareStreaming, StreamingRulesetSection } from './comparator.js';
export { summarizeStreamDiff, summaryEntries, type StreamDiffOptions, type StreamDiffSummary, type TokenDivergence } from './compare.js';
export { eventTokens, tokenDigest, type EventToken } from './internal/tokens.js';

// Errors
export { streamingErrors, type StreamingErrorCode } from './errors.js';

// Corpus
export { streamingCorpusCalls } from './corpus-calls.js';
