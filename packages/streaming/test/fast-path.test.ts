// The WASM decoder's fast path for Responses deltas (session/fast-deltas.ts, decode/responses-fast.ts,
// decode/responses-pending.ts: digests from the bytes, pending text and arguments written back before
// any other step) against llms on streams built to exercise it: deltas interleaved across parts and
// items, escaped and multi-byte deltas, empty deltas, deltas to unknown items and non-text parts,
// numeric and repeated ids — whole and cut every 7 bytes, through both runtimes.
import { describe, expect, it } from 'vitest';
import { judge } from './helpers/judge.js';
import { everyN } from './helpers/rechunk.js';
import { runtimes } from './helpers/runtimes.js';

const frame = (type: string, body: Record<string, unknown>): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
const text = (item: unknown, index: unknown, delta: string): string => frame('response.output_text.delta', { item_id: item, output_index: 0, ...(index === undefined ? {} : { content_index: index }), delta });
const args = (item: unknown, delta: string): string => frame('response.function_call_arguments.delta', { item_id: item, output_index: 1, delta });

const start = frame('response.created', { response: { id: 'resp_1', object: 'response', status: 'in_progress', model: 'm', output: [] } });
const message = (id: unknown): string => frame('response.output_item.added', { output_index: 0, item: { id, type: 'message', role: 'assistant', content: [] } });
const part = (id: unknown, index: number, type = 'output_text'): string => frame('response.content_part.added', { item_id: id, output_index: 0, content_index: index, part: { type, text: '' } });
const call = (id: string): string => frame('response.output_item.added', { output_index: 1, item: { id, type: 'function_call', call_id: `c_${id}`, name: 'f', arguments: '' } });
const end = frame('response.completed', { response: { id: 'resp_1', status: 'completed', usage: { input_tokens: 1, output_tokens: 2 } } });

const streams: Record<string, string> = {
  'text deltas interleaved across two parts and two items, with done events between': [
    start, message('m1'), part('m1', 0), part('m1', 1), message('m2'), part('m2', 0),
    text('m1', 0, 'Hel'), text('m1', 0, 'lo '), text('m1', 1, 'one'), text('m1', 0, 'world'), text('m2', 0, 'x'), text('m2', 0, 'y'),
    frame('response.output_text.done', { item_id: 'm1', content_index: 0, text: 'Hello world' }), text('m1', 1, ' two'), frame('response.content_part.done', { item_id: 'm1', content_index: 1 }), end,
  ].join(''),
  'argument deltas interleaved across two calls, escaped and multi-byte': [
    start, call('fa'), call('fb'), args('fa', '{"a":'), args('fb', '{"b":"é'), args('fa', '"line\\nbreak 😀"'), args('fb', '中"}'), args('fa', '}'),
    frame('response.function_call_arguments.done', { item_id: 'fb', arguments: '{"b":"é中"}' }), args('fb', ' tail'), end,
  ].join(''),
  'escaped text, surrogate pairs written as escapes, empty deltas, absent content_index': [
    start, message('m1'), part('m1', 0),
    'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","item_id":"m1","content_index":0,"delta":"\\u00e9\\ud83d\\ude00 \\"q\\" \\\\ \\/"}\n\n',
    text('m1', 0, ''), text('m1', undefined, 'next'), text('m1', 0, 'é😀'), end,
  ].join(''),
  'deltas to an unknown item, a missing part and a non-text part; numeric and null item ids': [
    start, message(7), part(7, 0), part(7, 1, 'refusal'), text('nope', 0, 'lost'), text(7, 5, 'lost'), text(7, 1, 'not text'), text(7, 0, 'kept'), text(7, 0, ' too'),
    message(null), part(null, 0), text(null, 0, 'null id'), args('nope', 'x'), end,
  ].join(''),
  'a stream that ends on a failing delta (the last event decides)': [start, message('m1'), part('m1', 0), text('m1', 0, 'ok'), text('zz', 0, 'fails')].join(''),
};

// What llms builds from them (checked on the WASM result too, so the comparison is not between two failures).
const expected: Record<string, string[]> = {
  'text deltas interleaved across two parts and two items, with done events between': ['"status":"ok"', '"text":"Hello world"', '"text":"one two"'],
  'argument deltas interleaved across two calls, escaped and multi-byte': ['"arguments":"{\\"a\\":\\"line\\\\nbreak 😀\\"}"', '"arguments":"{\\"b\\":\\"é中\\"} tail"'],
  'escaped text, surrogate pairs written as escapes, empty deltas, absent content_index': ['"text":"é😀 \\"q\\" \\\\ /nexté😀"'],
  'deltas to an unknown item, a missing part and a non-text part; numeric and null item ids': ['"status":"ok"', '"text":"kept too"'],
  'a stream that ends on a failing delta (the last event decides)': ['"message":"SSE_TO_JSON_ERROR: Output item not found: zz"'],
};

describe('WASM fast path for Responses deltas', () => {
  for (const [name, sse] of Object.entries(streams)) {
    it(name, async () => {
      const rt = await runtimes();
      const ts = await rt.ts.decode({ protocol: 'responses', sse });
      const wasm = await rt.wasm.decode({ protocol: 'responses', sse });
      expect(judge(ts, wasm).equal).toBe(true);
      expect(wasm.result).toEqual(ts.result);
      const seen = JSON.stringify(wasm.result);
      for (const fragment of expected[name] ?? []) expect(seen).toContain(fragment);
      const both = await rt.chunked({ protocol: 'responses' }, everyN(new TextEncoder().encode(sse), 7));
      expect(judge(ts, both.ts).equal).toBe(true);
      expect(judge(ts, both.wasm).equal).toBe(true);
      expect(both.wasm.result).toEqual(ts.result);
    });
  }
});
