import type { CorpusCall, CorpusMapper } from '@llms-wasm/module-kit';
import type { Protocol } from './contract.js';

const PROTOCOLS: Readonly<Record<string, Protocol>> = {
  'openai-responses': 'responses',
  'openai-chat': 'chat',
  'anthropic-messages': 'anthropic',
  gemini: 'gemini',
};

/**
 * How a case of ../shared/corpus/streaming.jsonl is replayed: its raw `sse` text decoded whole under the
 * case's protocol. (Re-chunked replays go through decode sessions in the package's replay test.)
 */
export const streamingCorpusCalls: CorpusMapper = (c) => {
  const sse = c.input['sse'];
  const protocol = PROTOCOLS[c.protocol];
  if (typeof sse !== 'string' || protocol === undefined) return [];
  const call: CorpusCall = { operation: 'decode', input: { protocol, sse }, label: `decode/${protocol}` };
  return [call];
};
