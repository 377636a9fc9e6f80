import type { CorpusCall, CorpusMapper } from '@llms-wasm/module-kit';
import type { CountMessagesInput, SegmentOutputInput } from './contract.js';
import type { TokenizerContracts } from './operations.js';

type Call = CorpusCall<TokenizerContracts>;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A chat request body as llms's counter sees it: messages (or Responses `input` items), tools, parameters. */
function requestCall(input: Json): Call[] {
  const raw = isObject(input['request']) ? input['request'] : {};
  const body = isObject(raw['body']) ? raw['body'] : raw; // some captures wrap the body
  const model = str(input['model']) ?? str(body['model']);
  let messages: unknown[];
  if (Array.isArray(body['messages'])) messages = body['messages'];
  else if (Array.isArray(body['input'])) messages = body['input'];
  else if (typeof body['input'] === 'string') messages = [{ role: 'user', content: body['input'] }];
  else messages = [];
  const request: CountMessagesInput = {
    messages: messages as CountMessagesInput['messages'],
    ...(Array.isArray(body['tools']) ? { tools: body['tools'] } : {}),
    ...(body['parameters'] === undefined ? {} : { parameters: body['parameters'] }),
    ...(model === undefined ? {} : { model }),
  };
  return [{ operation: 'countTokens', input: request, label: 'request' }];
}

/** An assistant completion: its text (counted and segmented) and the message it came in. */
function completionCalls(input: Json): Call[] {
  const content = str(input['content']) ?? '';
  const reasoning = str(input['reasoning_content']);
  const model = str(input['model']);
  const message = {
    role: 'assistant',
    content,
    ...(reasoning === undefined ? {} : { reasoning_content: reasoning }),
    ...(Array.isArray(input['tool_calls']) ? { tool_calls: input['tool_calls'] } : {}),
  };
  const calls: Call[] = [
    { operation: 'countTokens', input: { text: content, ...(model === undefined ? {} : { model }) }, label: 'completion/text' },
    { operation: 'countTokens', input: { messages: [message as CountMessagesInput['messages'][number]], ...(model === undefined ? {} : { model }) }, label: 'completion/message' },
    { operation: 'segment', input: { text: content }, label: 'completion/segment-text' },
  ];
  if (reasoning !== undefined) {
    const output: SegmentOutputInput['output'] = [
      { type: 'reasoning', content: [{ type: 'reasoning_text', text: reasoning }] },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: content }] },
    ];
    calls.push({ operation: 'segment', input: { output }, label: 'completion/segment-output' });
  }
  return calls;
}

/** A single text segment, counted under both current encodings and segmented. */
function textCalls(input: Json): Call[] {
  const text = str(input['text']) ?? '';
  return [
    { operation: 'countTokens', input: { text, encoding: 'cl100k_base' }, label: 'text/cl100k_base' },
    { operation: 'countTokens', input: { text, encoding: 'o200k_base' }, label: 'text/o200k_base' },
    { operation: 'segment', input: { text }, label: 'text/segment' },
  ];
}

/**
 * How a case of ../shared/corpus/tokenizer.jsonl is replayed: `chat_request` bodies through the request
 * counter, `completion_text` as text, message and segmentation, `text` segments under cl100k_base and
 * o200k_base and segmented. Unknown kinds give no calls, which the replay tests and the orchestrator's
 * replay report as a failure (every case must map to at least one call).
 */
export const tokenizerCorpusCalls: CorpusMapper<TokenizerContracts> = (c) => {
  const input = c.input;
  switch (input['kind']) {
    case 'chat_request':
      return requestCall(input);
    case 'completion_text':
      return completionCalls(input);
    case 'text':
      return textCalls(input);
    default:
      return [];
  }
};
