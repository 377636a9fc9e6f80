import { CanonicalEvent, DecodeInput, DecodeOptions, DecodeOutput, DecodeResult, EncodeInput, EncodeOutput } from './contract.js';

/**
 * The streaming module's operations: `decode` is a stream operation (sessions fed chunk by chunk; ABI
 * `decode_open/_push/_finish/_close`), `decodeWhole` the same decode of a complete input as one call,
 * `encode` a response JSON into SSE frames (Responses, Chat, Anthropic and Gemini on both runtimes).
 */
export const streamingOperations: {
  readonly decode: { readonly kind: 'stream'; readonly options: typeof DecodeOptions; readonly event: typeof CanonicalEvent; readonly result: typeof DecodeResult };
  readonly decodeWhole: { readonly input: typeof DecodeInput; readonly output: typeof DecodeOutput };
  readonly encode: { readonly input: typeof EncodeInput; readonly output: typeof EncodeOutput };
} = {
  decode: { kind: 'stream', options: DecodeOptions, event: CanonicalEvent, result: DecodeResult },
  decodeWhole: { input: DecodeInput, output: DecodeOutput },
  encode: { input: EncodeInput, output: EncodeOutput },
};

/** The contract type both runtimes implement. */
export type StreamingContracts = typeof streamingOperations;
