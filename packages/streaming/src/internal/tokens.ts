import type { Protocol } from '../contract.js';

/** One run of tokens an event carries: which stream it extends (per choice / output item / block) and the text. */
export interface EventToken {
  readonly stream: string;
  readonly text: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A key part: strings as they are, numbers as JavaScript prints them, anything else empty. */
function keyOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return '';
}

function responsesTokens(type: string, p: Obj): EventToken[] {
  const delta = p['delta'];
  if (typeof delta !== 'string') return [];
  const item = keyOf(p['item_id']);
  switch (type) {
    case 'response.output_text.delta':
      return [{ stream: `text/${item}/${keyOf(p['content_index'])}`, text: delta }];
    case 'response.function_call_arguments.delta':
      return [{ stream: `arguments/${item}`, text: delta }];
    case 'response.reasoning_text.delta':
      return [{ stream: `reasoning/${item}/${keyOf(p['content_index'])}`, text: delta }];
    case 'response.reasoning_summary_text.delta':
      return [{ stream: `summary/${item}/${keyOf(p['summary_index'])}`, text: delta }];
    default:
      return [];
  }
}

function chatTokens(p: Obj): EventToken[] {
  const choices = p['choices'];
  if (!Array.isArray(choices)) return [];
  const out: EventToken[] = [];
  for (const choice of choices) {
    if (!isObj(choice) || !isObj(choice['delta'])) continue;
    const i = keyOf(choice['index']);
    const d = choice['delta'];
    if (typeof d['content'] === 'string') out.push({ stream: `content/${i}`, text: d['content'] });
    if (typeof d['reasoning'] === 'string') out.push({ stream: `reasoning/${i}`, text: d['reasoning'] });
    if (typeof d['reasoning_content'] === 'string') out.push({ stream: `reasoning_content/${i}`, text: d['reasoning_content'] });
    const calls = d['tool_calls'];
    if (!Array.isArray(calls)) continue;
    for (const call of calls) {
      if (!isObj(call) || !isObj(call['function'])) continue;
      const args = call['function']['arguments'];
      if (typeof args === 'string') out.push({ stream: `arguments/${i}/${keyOf(call['index'])}`, text: args });
    }
  }
  return out;
}

function anthropicTokens(type: string, p: Obj): EventToken[] {
  if (type !== 'content_block_delta' || !isObj(p['delta'])) return [];
  const i = keyOf(p['index']);
  const d = p['delta'];
  const out: EventToken[] = [];
  if (typeof d['text'] === 'string') out.push({ stream: `text/${i}`, text: d['text'] });
  if (typeof d['thinking'] === 'string') out.push({ stream: `thinking/${i}`, text: d['thinking'] });
  if (typeof d['partial_json'] === 'string') out.push({ stream: `input/${i}`, text: d['partial_json'] });
  return out;
}

function geminiTokens(type: string, p: Obj): EventToken[] {
  if (type !== 'gemini.data' || !isObj(p['part'])) return [];
  const text = p['part']['text'];
  return typeof text === 'string' ? [{ stream: `text/${keyOf(p['candidateIndex'])}`, text }] : [];
}

/**
 * The tokens one canonical event carries (docs/sse-protocol.md, "Tokens"): text, reasoning, summary and
 * tool-call argument deltas, each keyed by the stream it extends. Both runtimes digest these; the
 * comparator concatenates them into the final token sequence per stream.
 */
export function eventTokens(protocol: Protocol, eventType: string, payload: unknown): EventToken[] {
  if (!isObj(payload)) return [];
  switch (protocol) {
    case 'responses':
      return responsesTokens(eventType, payload);
    case 'chat':
      return eventType === 'chat_chunk' ? chatTokens(payload) : [];
    case 'anthropic':
      return anthropicTokens(eventType, payload);
    case 'gemini':
      return geminiTokens(eventType, payload);
  }
}

const encoder = new TextEncoder();

/** FNV-1a (32 bit) over the UTF-8 of `text`, as 8 lowercase hex digits. */
export function fnv1a32Hex(text: string): string {
  let h = 0x811c9dc5;
  for (const b of encoder.encode(text)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** `stream=<fnv1a32 of text>` per token run, comma-joined; `null` when the event carries no tokens. */
export function tokenDigest(tokens: readonly EventToken[]): string | null {
  if (tokens.length === 0) return null;
  return tokens.map((t) => `${t.stream}=${fnv1a32Hex(t.text)}`).join(',');
}
