import type { CorpusCall, CorpusMapper } from '@llms-wasm/module-kit';
import type { StreamingContracts } from './operations.js';
import type { Protocol } from './contract.js';

const PROTOCOLS: Readonly<Record<string, Protocol>> = {
  'openai-responses': 'responses',
  'openai-chat': 'chat',
  'anthropic-messages': 'anthropic',
  gemini: 'gemini',
};

/**
 * How a case of ../shared/corpus/streaming.jsonl is replayed: its raw `sse` text decoded whole under the
 * case's protocol (`decodeWhole`; re-chunked replays go through `decode` sessions in the package's replay test).
 */
export const streamingCorpusCalls: CorpusMapper<StreamingContracts> = (c) => {
  const sse = c.input['sse'];
  const protocol = PROTOCOLS[c.protocol];
  if (typeof sse !== 'string' || protocol === undefined) return [];
  // The gateway's own error streams are failures on purpose: the codec refuses them on both runtimes.
  const call: CorpusCall<StreamingContracts> = { operation: 'decodeWhole', input: { protocol, sse }, label: `decodeWhole/${protocol}`, ...(c.tags.includes('error_event') ? { malformed: true } : {}) };
  return [call];
};
