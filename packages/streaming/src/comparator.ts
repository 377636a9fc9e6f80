import { diffValues, type CanonicalValue, type Comparator, type DiffEntry } from '@llms-wasm/module-kit';
import type { DecodeOutput } from './contract.js';
import { summarizeStreamDiff, summaryEntries, type StreamDiffOptions } from './compare.js';

/**
 * The streaming module's comparator (module-kit `Comparator`): decode outputs are compared as sse-v1
 * canonical event streams — never by the generic structural diff — under the ruleset's diff options and
 * its `sse_protocol` section (`options.sseProtocol`, default sse-v1 as released).
 */
export const compareStreaming: Comparator = (operation: string, left: CanonicalValue, right: CanonicalValue, options: StreamDiffOptions): DiffEntry[] => {
  if (operation !== 'decode') return diffValues(left, right, options);
  const summary = summarizeStreamDiff(left as unknown as DecodeOutput, right as unknown as DecodeOutput, options);
  return summary.equal ? [] : summaryEntries(summary, options.maxEntries ?? 50);
};
