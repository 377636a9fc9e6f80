import { CountTokensInput, CountTokensOutput, SegmentInput, SegmentOutput } from './contract.js';

/** The tokenizer's operations and their contracts. */
export const tokenizerOperations: {
  readonly countTokens: { readonly input: typeof CountTokensInput; readonly output: typeof CountTokensOutput };
  readonly segment: { readonly input: typeof SegmentInput; readonly output: typeof SegmentOutput };
} = {
  countTokens: { input: CountTokensInput, output: CountTokensOutput },
  segment: { input: SegmentInput, output: SegmentOutput },
};

/** The contract type both runtimes implement. */
export type TokenizerContracts = typeof tokenizerOperations;
