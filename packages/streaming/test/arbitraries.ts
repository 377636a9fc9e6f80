// Arbitrary SSE streams for the equivalence properties: valid streams of each protocol (as llms's
// encoders and real upstreams write them, with random text full of multi-byte characters, optional
// comments, id lines, CRLF line ends, missing event lines), their chunkings, and broken variants.
import { fc } from '@fast-check/vitest';
import type { Protocol } from '../src/contract.js';

/** Text mixing ASCII, JSON escapes, 2-, 3- and 4-byte UTF-8 and whitespace llms trims. */
export const tokenText: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom('a', 'b', ' ', 'é', 'ß', '中', '文', '😀', '🧪', '\n', '"', '\\', '\u00a0', '\u2028', '\ufeff', 'x', '1', ','),
  minLength: 1,
  maxLength: 12,
});

export interface StreamShape {
  readonly protocol: Protocol;
  /** Each event as `[event name, data JSON]`. */
  readonly events: readonly (readonly [string, string])[];
  readonly crlf: boolean;
  readonly eventLines: boolean;
  readonly comments: boolean;
  readonly ids: boolean;
}

const j = JSON.stringify;

function responsesEvents(texts: string[], args: string[]): [string, string][] {
  const ev: [string, string][] = [];
  let seq = 0;
  const push = (type: string, body: Record<string, unknown>): void => {
    ev.push([type, j({ type, sequence_number: seq++, ...body })]);
  };
  push('response.created', { response: { id: 'resp_1', object: 'response', created_at: 1, status: 'in_progress', model: 'm', output: [] } });
  push('response.output_item.added', { output_index: 0, item: { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] } });
  push('response.content_part.added', { item_id: 'msg_1', output_index: 0, content_index: 0, part: { type: 'output_text', text: '' } });
  for (const t of texts) push('response.output_text.delta', { item_id: 'msg_1', output_index: 0, content_index: 0, delta: t });
  push('response.output_text.done', { item_id: 'msg_1', output_index: 0, content_index: 0, text: texts.join('') });
  push('response.output_item.added', { output_index: 1, item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'f', arguments: '' } });
  for (const a of args) push('response.function_call_arguments.delta', { item_id: 'fc_1', output_index: 1, delta: a });
  push('response.function_call_arguments.done', { item_id: 'fc_1', output_index: 1, arguments: args.join('') });
  push('response.completed', { response: { id: 'resp_1', status: 'completed', usage: { input_tokens: 1, output_tokens: 2 } } });
  return ev;
}

function chatEvents(texts: string[], args: string[]): [string, string][] {
  const chunk = (delta: unknown, finish: string | null = null): [string, string] => ['chat_chunk', j({ id: 'c1', object: 'chat.completion.chunk', created: 5, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })];
  return [
    chunk({ role: 'assistant' }),
    ...texts.map((t) => chunk({ content: t })),
    chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f' } }] }),
    ...args.map((a) => chunk({ tool_calls: [{ index: 0, function: { arguments: a } }] })),
    chunk({}, 'tool_calls'),
    ['chat.done', '[DONE]'],
  ];
}

function anthropicEvents(texts: string[], args: string[]): [string, string][] {
  const e = (type: string, body: Record<string, unknown>): [string, string] => [type, j({ type, ...body })];
  return [
    e('message_start', { message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', usage: { input_tokens: 3 } } }),
    e('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    ...texts.map((t) => e('content_block_delta', { index: 0, delta: { type: 'text_delta', text: t } })),
    e('content_block_stop', { index: 0 }),
    e('content_block_start', { index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} } }),
    ...args.map((a) => e('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: a } })),
    e('content_block_stop', { index: 1 }),
    e('message_delta', { delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 7 } }),
    e('message_stop', {}),
  ];
}

function geminiEvents(texts: string[]): [string, string][] {
  return [
    ...texts.map((t, i): [string, string] => ['gemini.data', j({ kind: 'part', candidateIndex: 0, partIndex: i, role: 'model', part: { text: t } })]),
    ['gemini.done', j({ kind: 'done', usageMetadata: { totalTokenCount: 3 }, modelVersion: 'g', candidates: [{ index: 0, finishReason: 'STOP' }] })],
  ];
}

/** What a stream is made of: its tokens and how it is rendered. */
export interface StreamParts {
  readonly protocol: Protocol;
  readonly texts: readonly string[];
  readonly args: readonly string[];
  readonly crlf: boolean;
  readonly eventLines: boolean;
  readonly comments: boolean;
  readonly ids: boolean;
}

export const streamParts: fc.Arbitrary<StreamParts> = fc.record({
  protocol: fc.constantFrom<Protocol>('responses', 'chat', 'anthropic', 'gemini'),
  texts: fc.array(tokenText, { minLength: 1, maxLength: 6 }),
  args: fc.array(fc.constantFrom('{"city":', '"Paris",', '"days":', '3}', '"é中😀"', ' '), { minLength: 1, maxLength: 4 }),
  crlf: fc.boolean(),
  eventLines: fc.boolean(),
  comments: fc.boolean(),
  ids: fc.boolean(),
});

/** A decodable stream: Chat needs event lines in 0.4.2, Gemini and Responses 0.4.2 need them too; CRLF only where the framing normalizes it (Chat). */
export function shapeOf(p: StreamParts): StreamShape {
  const texts = [...p.texts];
  const args = [...p.args];
  const events = p.protocol === 'responses' ? responsesEvents(texts, args) : p.protocol === 'chat' ? chatEvents(texts, args) : p.protocol === 'anthropic' ? anthropicEvents(texts, args) : geminiEvents(texts);
  // A `: comment` frame fails Chat (no event name) and Gemini (type `message`): only where it is skipped.
  return { protocol: p.protocol, events, crlf: p.crlf && p.protocol === 'chat', eventLines: p.eventLines || p.protocol !== 'anthropic', comments: p.comments && (p.protocol === 'responses' || p.protocol === 'anthropic'), ids: p.ids };
}

/** A valid stream. */
export const streamShape: fc.Arbitrary<StreamShape> = streamParts.map(shapeOf);

/** The SSE text of a shape. */
export function render(shape: StreamShape): string {
  const nl = shape.crlf ? '\r\n' : '\n';
  let out = shape.comments ? `: stream opened${nl}${nl}` : '';
  shape.events.forEach(([type, data], i) => {
    if (shape.eventLines) out += `event: ${type}${nl}`;
    out += `data: ${data}${nl}`;
    if (shape.ids) out += `id: ${i}${nl}`;
    out += nl;
    if (shape.comments && i % 3 === 1) out += `:ping${nl}${nl}`;
  });
  return out;
}

/** Cut points over `length` units (bytes or UTF-16 units). */
export const cuts: fc.Arbitrary<number[]> = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 24 });

/** How the chunks are pushed: as bytes cut anywhere, or as text cut anywhere (even inside a surrogate pair). */
export const chunkMode: fc.Arbitrary<'bytes' | 'text'> = fc.constantFrom('bytes', 'text');

/** Splits `sse` at fractional cut points, as byte or text chunks. */
export function chunksOf(sse: string, fractions: readonly number[], mode: 'bytes' | 'text'): (Uint8Array | string)[] {
  const whole: Uint8Array | string = mode === 'bytes' ? new TextEncoder().encode(sse) : sse;
  const n = whole.length;
  const points = [...new Set(fractions.map((f) => Math.floor(f * n)).filter((p) => p > 0 && p < n))].sort((a, b) => a - b);
  const out: (Uint8Array | string)[] = [];
  let from = 0;
  for (const p of [...points, n]) {
    out.push(typeof whole === 'string' ? whole.slice(from, p) : whole.subarray(from, p));
    from = p;
  }
  return out;
}
