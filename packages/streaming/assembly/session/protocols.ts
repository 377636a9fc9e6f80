// Per protocol: the llms parser configuration its decoder is bound to, and the decoder.
import { ParserConfig } from '../frame/sse-frame';
import { Decoder } from '../decode/decoder';
import { AnthropicDecoder } from '../decode/anthropic';
import { ChatDecoder } from '../decode/chat';
import { GeminiDecoder } from '../decode/gemini';
import { ResponsesDecoder } from '../decode/responses';
import { P_ANTHROPIC, P_CHAT, P_GEMINI, P_RESPONSES } from './tokens';

function setOf(names: Array<string>): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i < names.length; i++) s.add(names[i]);
  return s;
}

const RESPONSES_TYPES: Array<string> = [
  'response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added',
  'response.output_text.delta', 'response.output_text.done', 'response.reasoning_text.delta', 'response.reasoning_text.done',
  'response.reasoning_signature.delta', 'response.reasoning_image.delta', 'response.reasoning_summary_part.added',
  'response.reasoning_summary_part.done', 'response.reasoning_summary_text.delta', 'response.reasoning_summary_text.done',
  'response.content_part.done', 'response.output_item.done', 'response.function_call_arguments.delta',
  'response.function_call_arguments.done', 'response.required_action', 'response.completed', 'response.done',
  'response.error', 'response.cancelled', 'response.start', 'output_item.start', 'content_part.start', 'content_part.delta',
  'function_call.start', 'function_call.delta', 'function_call.done', 'reasoning.start', 'reasoning.delta', 'reasoning.done',
  'required_action',
];

/** rcc-llmswitch-core 0.4.2's parser defaults: chat names, the Responses names, no type inference. */
export function responsesParser(): ParserConfig {
  const names = ['chunk', 'done', 'error', 'heartbeat'].concat(RESPONSES_TYPES);
  return new ParserConfig(setOf(names), false);
}

/** llms 0.6's parser as the Anthropic converter configures it. */
export function anthropicParser(): ParserConfig {
  return new ParserConfig(setOf(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop', 'error']), true);
}

/** llms 0.6's parser as the Gemini converter configures it. */
export function geminiParser(): ParserConfig {
  return new ParserConfig(setOf(['gemini.data', 'gemini.done']), true);
}

/** Protocol id of a protocol name, or -1. */
export function protocolId(name: string): i32 {
  if (name == 'responses') return P_RESPONSES;
  if (name == 'chat') return P_CHAT;
  if (name == 'anthropic') return P_ANTHROPIC;
  if (name == 'gemini') return P_GEMINI;
  return -1;
}

export function protocolName(id: i32): string {
  return id == P_RESPONSES ? 'responses' : id == P_CHAT ? 'chat' : id == P_ANTHROPIC ? 'anthropic' : 'gemini';
}

/** The decoder and parser of a protocol (chat frames itself: parser null). */
export class Binding {
  constructor(public readonly decoder: Decoder, public readonly parser: ParserConfig | null) {}
}

export function bindingFor(id: i32, requestId: string, model: string | null, now: f64): Binding {
  if (id == P_RESPONSES) return new Binding(new ResponsesDecoder(), responsesParser());
  if (id == P_CHAT) return new Binding(new ChatDecoder(requestId, model, now), null);
  if (id == P_ANTHROPIC) return new Binding(new AnthropicDecoder(now), anthropicParser());
  return new Binding(new GeminiDecoder(), geminiParser());
}
