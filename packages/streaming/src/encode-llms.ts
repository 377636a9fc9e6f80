import type { Readable } from 'node:stream';
import type { EncodeOutput, Protocol } from './contract.js';
import { LLMS_042, LLMS_06, importLlmsFile } from './internal/llms-binding.js';
import { streamingErrors } from './errors.js';

type Encoder = { convertResponseToJsonToSse(response: unknown, options: Record<string, unknown>): Promise<Readable> };
type EncoderCtor = new () => Encoder;

/** Which llms encoder each protocol is bound to (the newest that runs on Linux for every item type). */
export const ENCODE_BINDINGS: Readonly<Record<Protocol, string>> = {
  responses: `${LLMS_042}@0.4.2 ResponsesJsonToSseConverter (0.6's needs the native binary for message items)`,
  chat: `${LLMS_042}@0.4.2 ChatJsonToSseConverter (0.6's needs the native binary after the role frame)`,
  anthropic: `${LLMS_06}@0.6.3689 dist/sse/json-to-sse/anthropic-json-to-sse-converter.js AnthropicJsonToSseConverter`,
  gemini: `${LLMS_06}@0.6.3689 GeminiJsonToSseConverter`,
};

let encoders: Promise<Record<Protocol, EncoderCtor>> | undefined;

async function load(): Promise<Record<Protocol, EncoderCtor>> {
  const sse042 = await importLlmsFile<{ ResponsesJsonToSseConverter: EncoderCtor; ChatJsonToSseConverter: EncoderCtor }>(LLMS_042, 'dist/sse/index.js');
  const sse06 = await importLlmsFile<{ GeminiJsonToSseConverter: EncoderCtor }>(LLMS_06, 'dist/sse/index.js');
  const anth06 = await importLlmsFile<{ AnthropicJsonToSseConverter: EncoderCtor }>(LLMS_06, 'dist/sse/json-to-sse/anthropic-json-to-sse-converter.js');
  return { responses: sse042.ResponsesJsonToSseConverter, chat: sse042.ChatJsonToSseConverter, anthropic: anth06.AnthropicJsonToSseConverter, gemini: sse06.GeminiJsonToSseConverter };
}

/**
 * Encodes a response JSON into SSE frames with the llms encoder bound to `protocol` (ENCODE_BINDINGS).
 * Frames carry the encoder's generated ids and clocks (`req_<ms>`, `created`, `id: <ms>`), which
 * ruleset rules normalize. An encoder failure during generation is an `event: error` frame, as llms
 * writes it.
 * @throws ModuleKitError `OPERATION_FAILED` / `ENCODE_FAILED` when llms refuses the response before writing a frame
 */
export async function encodeWithLlms(input: { readonly protocol: Protocol; readonly response: unknown; readonly requestId?: string; readonly model?: string }): Promise<EncodeOutput> {
  encoders ??= load();
  const Ctor = (await encoders)[input.protocol];
  const options = { requestId: input.requestId ?? 'stream', model: input.model ?? 'unknown' };
  let stream: Readable;
  try {
    stream = await new Ctor().convertResponseToJsonToSse(structuredClone(input.response), options);
  } catch (error) {
    throw streamingErrors.error('ENCODE_FAILED', (error as Error).message, { runtime: 'ts', operation: 'encode' });
  }
  const frames: string[] = [];
  try {
    for await (const chunk of stream) frames.push(typeof chunk === 'string' ? chunk : String(chunk));
  } catch (error) {
    if (frames.length === 0) throw streamingErrors.error('ENCODE_FAILED', (error as Error).message, { runtime: 'ts', operation: 'encode' });
    return { frames, error: (error as Error).message };
  }
  return { frames };
}
