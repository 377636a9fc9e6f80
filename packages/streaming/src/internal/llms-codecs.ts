import type { Protocol } from '../contract.js';
import { LLMS_042, LLMS_06, importLlmsFile } from './llms-binding.js';

/** One frame as the bound llms framing/parser saw it (before it becomes a canonical event). */
export interface ParsedFrame {
  readonly type: string;
  readonly payload: unknown;
}

/** What a decode session needs from llms for one protocol. */
export interface DecodeCodec {
  /** Which llms code this is, for the README, docs and `describe()`. */
  readonly binding: string;
  /** The llms framing/parser over the fed text: one item per frame. */
  frames(input: AsyncIterable<string>): AsyncGenerator<ParsedFrame>;
  /** The llms converter over the same text: the aggregated response. */
  convert(input: AsyncIterable<string>, options: { requestId: string; model?: string }): Promise<unknown>;
}

interface ParseResult {
  success: boolean;
  event?: { type: string; data: unknown };
  error?: string;
}
interface SseParser {
  parseStreamAsync(input: AsyncIterable<string>): AsyncGenerator<ParseResult>;
}
type ParserModule = { createSseParser(config: Record<string, unknown>): SseParser };
type Converter = { convertSseToJson(input: AsyncIterable<string>, options: Record<string, unknown>): Promise<unknown> };
type ConverterCtor = new () => Converter;
type ChatConverter = Converter & { ensureEventStream(input: AsyncIterable<string>): AsyncGenerator<{ event: string; data: string }> };

const PARSER = 'dist/sse/sse-to-json/parsers/sse-parser.js';

/** Parser results as frames: an accepted event with its parsed data, or the parser's refusal. */
async function* parserFrames(parser: SseParser, input: AsyncIterable<string>): AsyncGenerator<ParsedFrame> {
  for await (const r of parser.parseStreamAsync(input)) {
    if (r.success && r.event) yield { type: r.event.type, payload: r.event.data };
    else yield { type: 'rejected', payload: { error: r.error ?? '' } };
  }
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/** Chat framing (0.4.2's own, inside its converter): frames with their data JSON-parsed where it parses. */
async function* chatFrames(framer: ChatConverter, input: AsyncIterable<string>): AsyncGenerator<ParsedFrame> {
  try {
    for await (const e of framer.ensureEventStream(input)) yield { type: e.event, payload: parseData(e.data) };
  } catch (error) {
    yield { type: 'framing_error', payload: { error: (error as Error).message } };
  }
}

const ANTHROPIC_TYPES = ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop', 'error'];
const GEMINI_TYPES = ['gemini.data', 'gemini.done'];

/** Loads the llms decoder bound to each protocol (docs/module-boundaries.md). */
export async function loadDecodeCodecs(): Promise<Record<Protocol, DecodeCodec>> {
  const p042 = await importLlmsFile<ParserModule>(LLMS_042, PARSER);
  const p06 = await importLlmsFile<ParserModule>(LLMS_06, PARSER);
  const sse042 = await importLlmsFile<{ ResponsesSseToJsonConverter: ConverterCtor; ChatSseToJsonConverter: ConverterCtor }>(LLMS_042, 'dist/sse/index.js');
  const sse06 = await importLlmsFile<{ GeminiSseToJsonConverter: ConverterCtor }>(LLMS_06, 'dist/sse/index.js');
  const anth06 = await importLlmsFile<{ AnthropicSseToJsonConverter: ConverterCtor }>(LLMS_06, 'dist/sse/sse-to-json/anthropic-sse-to-json-converter.js');
  const convert = (Ctor: ConverterCtor) => (input: AsyncIterable<string>, options: { requestId: string; model?: string }): Promise<unknown> =>
    new Ctor().convertSseToJson(input, options);
  return {
    responses: {
      binding: `${LLMS_042}@0.4.2 ResponsesSseToJsonConverter (frames: its ${PARSER})`,
      // The parser configuration the converter itself uses (event validation on, recovery on).
      frames: (input) => parserFrames(p042.createSseParser({ enableStrictValidation: true, enableEventRecovery: true }), input),
      convert: convert(sse042.ResponsesSseToJsonConverter),
    },
    chat: {
      binding: `${LLMS_042}@0.4.2 ChatSseToJsonConverter (frames: its ensureEventStream)`,
      frames: (input) => chatFrames(new sse042.ChatSseToJsonConverter() as ChatConverter, input),
      convert: convert(sse042.ChatSseToJsonConverter),
    },
    anthropic: {
      binding: `${LLMS_06}@0.6.3689 AnthropicSseToJsonConverter (frames: its ${PARSER})`,
      frames: (input) => parserFrames(p06.createSseParser({ enableStrictValidation: true, enableEventRecovery: true, allowedEventTypes: new Set(ANTHROPIC_TYPES) }), input),
      convert: convert(anth06.AnthropicSseToJsonConverter),
    },
    gemini: {
      binding: `${LLMS_06}@0.6.3689 GeminiSseToJsonConverter (frames: its ${PARSER})`,
      frames: (input) => parserFrames(p06.createSseParser({ enableStrictValidation: true, enableEventRecovery: true, allowedEventTypes: new Set(GEMINI_TYPES) }), input),
      convert: convert(sse06.GeminiSseToJsonConverter),
    },
  };
}
