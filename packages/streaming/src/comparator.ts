import { diffValues, type CanonicalValue, type Comparator, type CompareContext, type DiffEntry } from '@llms-wasm/module-kit';
import Type, { type Static } from 'typebox';
import type { DecodeOutput } from './contract.js';
import { summarizeStreamDiff, summaryEntries } from './compare.js';
import { SSE_V1, type SseProtocolSection } from './sse-protocol.js';

/**
 * The streaming module's section of a ruleset (`modules.streaming`): its own tolerances.
 * `failure_messages: 'code_only'` compares a failed decode by llms's error code alone (default
 * `strict`: code and message).
 */
export const StreamingRulesetSection = Type.Object({ failure_messages: Type.Optional(Type.Union([Type.Literal('strict'), Type.Literal('code_only')])) }, { additionalProperties: false });
export type StreamingRulesetSection = Static<typeof StreamingRulesetSection>;

/**
 * The streaming module's comparator: decode outputs (whole, or a finished stream) are compared as
 * sse-v1 canonical event streams — never by the generic structural diff — under the pass's diff options,
 * the ruleset's `sse_protocol` section and the module's own section.
 */
export const compareStreaming: Comparator = (operation: string, left: CanonicalValue, right: CanonicalValue, context: CompareContext): DiffEntry[] => {
  if (operation !== 'decode' && operation !== 'decodeWhole') return diffValues(left, right, context.options);
  const section = (context.section ?? {}) as StreamingRulesetSection;
  const summary = summarizeStreamDiff(left as unknown as DecodeOutput, right as unknown as DecodeOutput, {
    ...context.options,
    sseProtocol: (context.ruleset?.sseProtocol as SseProtocolSection | undefined) ?? SSE_V1,
    ...(section.failure_messages === undefined ? {} : { failureMessages: section.failure_messages }),
  });
  return summary.equal ? [] : summaryEntries(summary, context.options.maxEntries ?? 50);
};
