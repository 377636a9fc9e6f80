import {
  ChatPayloadInput,
  ChatPayloadOutput,
  HarvestTextInput,
  HarvestTextOutput,
  NormalizeCallIdInput,
  NormalizeCallIdOutput,
  PackShellArgsInput,
  PackShellArgsOutput,
  ParseLenientInput,
  ParseToolArgsInput,
  ParsedValueOutput,
  RepairArgumentsInput,
  RepairArgumentsOutput,
  ValidateToolCallInput,
  ValidationVerdict,
} from './contract.js';
import { CanonicalizeToolCallsInput, CanonicalizeToolCallsOutput } from './contract-calls.js';

interface Op<I, O> {
  readonly input: I;
  readonly output: O;
}

/** The tools module's operations and their contracts. */
export const toolsOperations: {
  readonly canonicalizeToolCalls: Op<typeof CanonicalizeToolCallsInput, typeof CanonicalizeToolCallsOutput>;
  readonly repairArguments: Op<typeof RepairArgumentsInput, typeof RepairArgumentsOutput>;
  readonly parseLenient: Op<typeof ParseLenientInput, typeof ParsedValueOutput>;
  readonly parseToolArgs: Op<typeof ParseToolArgsInput, typeof ParsedValueOutput>;
  readonly normalizeCallId: Op<typeof NormalizeCallIdInput, typeof NormalizeCallIdOutput>;
  readonly validateToolCall: Op<typeof ValidateToolCallInput, typeof ValidationVerdict>;
  readonly canonicalizeChatResponse: Op<typeof ChatPayloadInput, typeof ChatPayloadOutput>;
  readonly finalizeChatResponse: Op<typeof ChatPayloadInput, typeof ChatPayloadOutput>;
  readonly packShellArgs: Op<typeof PackShellArgsInput, typeof PackShellArgsOutput>;
  readonly harvestTextToolCalls: Op<typeof HarvestTextInput, typeof HarvestTextOutput>;
} = {
  canonicalizeToolCalls: { input: CanonicalizeToolCallsInput, output: CanonicalizeToolCallsOutput },
  repairArguments: { input: RepairArgumentsInput, output: RepairArgumentsOutput },
  parseLenient: { input: ParseLenientInput, output: ParsedValueOutput },
  parseToolArgs: { input: ParseToolArgsInput, output: ParsedValueOutput },
  normalizeCallId: { input: NormalizeCallIdInput, output: NormalizeCallIdOutput },
  validateToolCall: { input: ValidateToolCallInput, output: ValidationVerdict },
  canonicalizeChatResponse: { input: ChatPayloadInput, output: ChatPayloadOutput },
  finalizeChatResponse: { input: ChatPayloadInput, output: ChatPayloadOutput },
  packShellArgs: { input: PackShellArgsInput, output: PackShellArgsOutput },
  harvestTextToolCalls: { input: HarvestTextInput, output: HarvestTextOutput },
};

/** The contract type both runtimes implement. */
export type ToolsContracts = typeof toolsOperations;

/** An operation name. */
export type ToolsOperation = keyof ToolsContracts & string;
