// Chat, Anthropic, Gemini (and more Responses) streams the corpus lacks, produced at test time from
// ../shared/corpus/compat.jsonl responses with llms code only: Chat and Responses bodies through the
// llms encoders; Anthropic and Gemini bodies made from the Chat bodies with rcc-llmswitch-core 0.4.2's
// own codecs (buildAnthropicResponseFromChat, buildGeminiFromOpenAIChat), then the 0.6 encoders.
// Nothing produced here is written to the repository.
import { readCorpus } from '@llms-wasm/module-kit/corpus';
import type { Protocol } from '../../src/contract.js';
import { encodeWithLlms } from '../../src/encode-llms.js';
import { LLMS_042, importLlmsFile } from '../../src/internal/llms-binding.js';

export interface ProducedStream {
  readonly id: string;
  readonly protocol: Protocol;
  readonly sse: string;
}

type Body = Record<string, unknown>;

let cached: Promise<ProducedStream[]> | undefined;

async function produce(): Promise<ProducedStream[]> {
  const toAnthropic = (await importLlmsFile<{ buildAnthropicResponseFromChat(b: unknown): unknown }>(LLMS_042, 'dist/conversion/hub/response/response-runtime.js')).buildAnthropicResponseFromChat;
  const toGemini = (await importLlmsFile<{ buildGeminiFromOpenAIChat(b: unknown): unknown }>(LLMS_042, 'dist/conversion/codecs/gemini-openai-codec.js')).buildGeminiFromOpenAIChat;
  const out: ProducedStream[] = [];
  const add = async (id: string, protocol: Protocol, response: unknown): Promise<void> => {
    const { frames } = await encodeWithLlms({ protocol, response, requestId: 'compat' });
    out.push({ id, protocol, sse: frames.join('') });
  };
  for (const c of readCorpus('compat')) {
    const res = c.input['response'] as { status?: unknown; body?: unknown } | undefined;
    const body = res?.body as Body | undefined;
    if (res?.status !== 200 || typeof body !== 'object' || body === null) continue;
    if (Array.isArray(body['choices'])) {
      await add(`${c.id}/chat`, 'chat', body);
      await add(`${c.id}/anthropic`, 'anthropic', toAnthropic(structuredClone(body)));
      await add(`${c.id}/gemini`, 'gemini', toGemini(structuredClone(body)));
    } else if (body['object'] === 'response' && Array.isArray(body['output'])) {
      await add(`${c.id}/responses`, 'responses', body);
    } else if (body['type'] === 'message') {
      await add(`${c.id}/anthropic`, 'anthropic', body);
    }
  }
  return out;
}

/** Every produced stream (computed once per test file). */
export function producedStreams(): Promise<ProducedStream[]> {
  cached ??= produce();
  return cached;
}

/** The captured streams of ../shared/corpus/streaming.jsonl with their protocol. */
export function capturedStreams(): ProducedStream[] {
  const protocols: Record<string, Protocol> = { 'openai-responses': 'responses', 'anthropic-messages': 'anthropic' };
  return readCorpus('streaming').map((c) => ({ id: c.id, protocol: protocols[c.protocol] ?? 'responses', sse: String(c.input['sse']) }));
}
