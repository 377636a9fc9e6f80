import { DecodeInput, DecodeOutput } from './contract.js';

/** The streaming module's JSON operations and their contracts (the decode stream operation is in stream-contract.ts). */
export const streamingOperations: {
  readonly decode: { readonly input: typeof DecodeInput; readonly output: typeof DecodeOutput };
} = {
  decode: { input: DecodeInput, output: DecodeOutput },
};

/** The contract type both runtimes implement. */
export type StreamingContracts = typeof streamingOperations;
