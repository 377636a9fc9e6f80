// Known answers from ../shared/design/llms-behavior.md (§7.1, run on llms 0.6.3689) and from the segment
// binding research (run on rcc-llmswitch-core 0.4.2): both runtimes must give them, so a shared mistake
// cannot hide behind agreement.
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenizer, type CountMessagesInput, type CountTokensInput, type EncodingName, type SegmentInput, type SegmentOptions, type SegmentOutput } from '../src/index.js';

beforeAll(async () => {
  await Promise.all([tokenizer.init('ts'), tokenizer.init('wasm')]);
});

const user = (content: unknown, model?: string): CountMessagesInput => ({ messages: [{ role: 'user', content }], ...(model ? { model } : {}) });
const JA = '日本語のテキストです。こんにちは世界';
const PROBE = '日本語のテキストです。こんにちは世界 hello    world\n\n\tfoo_bar();';

const counts: [string, CountTokensInput, number, EncodingName][] = [
  ['T1 gpt-4o hello world', user('hello world', 'gpt-4o'), 3, 'o200k_base'],
  ['T2 claude falls back to cl100k', user('hello world', 'claude-3-5-sonnet'), 3, 'cl100k_base'],
  ['T2 no model', user('hello world'), 3, 'cl100k_base'],
  ['T3 Japanese o200k', user(JA, 'gpt-4o'), 11, 'o200k_base'],
  ['T4 Japanese cl100k', user(JA, 'gpt-4'), 15, 'cl100k_base'],
  ['T4 glm falls back', user(JA, 'glm-4.6'), 15, 'cl100k_base'],
  ['T5 padded model is trimmed', user(JA, ' gpt-4o '), 11, 'o200k_base'],
  ['T6 probe cl100k', { text: PROBE, encoding: 'cl100k_base' }, 22, 'cl100k_base'],
  ['T6 probe o200k', { text: PROBE, encoding: 'o200k_base' }, 18, 'o200k_base'],
  ['T6 probe p50k', { text: PROBE, encoding: 'p50k_base' }, 32, 'p50k_base'],
  ['T6 probe r50k', { text: PROBE, encoding: 'r50k_base' }, 34, 'r50k_base'],
  ['T7 blank content counts the role only', user('   ', 'gpt-4'), 1, 'cl100k_base'],
  ['T8 media parts skipped', user([{ type: 'text', text: 'hello world' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }, 'raw string', { type: 'input_audio', data: 'x' }]), 15, 'cl100k_base'],
  ['T9 JSON-looking content', user('{"a":"hello world"}'), 7, 'cl100k_base'],
  ['T9 JSON array content', user('[{"type":"text","text":"hello world"}]'), 3, 'cl100k_base'],
  ['T9 not JSON', user('{not json}'), 5, 'cl100k_base'],
  ['T10 media object', user({ type: 'image', source: 'x' }), 1, 'cl100k_base'],
  ['T10 number content', user(12345), 3, 'cl100k_base'],
  ['T11 tool call', { messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] }] }, 28, 'cl100k_base'],
  ['T12 tool message', { messages: [{ role: 'tool', tool_call_id: 'call_1', name: 'get_weather', content: 'sunny' }] }, 8, 'cl100k_base'],
  ['T13 tools only', { messages: [], tools: [{ type: 'function', function: { name: 'get_weather', description: 'Get weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }] }, 32, 'cl100k_base'],
  ['T14 parameters only', { messages: [], parameters: { temperature: 0.5, max_tokens: 100 } }, 12, 'cl100k_base'],
  ['T15 name counted', { messages: [{ role: 'user', content: 'hi', name: 'alice' }] }, 3, 'cl100k_base'],
  ['T15 reasoning_content ignored', { messages: [{ role: 'assistant', content: 'hi', reasoning_content: 'lots of thinking here' }] }, 2, 'cl100k_base'],
];

describe('countTokens known answers', () => {
  for (const [name, input, tokens, encoding] of counts) {
    it(name, async () => {
      await expect(tokenizer.runtimes.ts.countTokens(input)).resolves.toEqual({ tokens, encoding });
      await expect(tokenizer.runtimes.wasm.countTokens(input)).resolves.toEqual({ tokens, encoding });
    });
  }

  it('T16 a special token is refused with a typed error on both runtimes', async () => {
    for (const kind of ['ts', 'wasm'] as const) {
      await expect(tokenizer.runtimes[kind].countTokens(user('a <|endoftext|> b'))).rejects.toMatchObject({
        code: 'OPERATION_FAILED',
        detail: { code: 'SPECIAL_TOKEN_DISALLOWED' },
        message: expect.stringContaining('<|endoftext|>') as string,
      });
      await expect(tokenizer.runtimes[kind].countTokens({ text: 'x<|fim_prefix|>', encoding: 'p50k_edit' })).rejects.toMatchObject({ detail: { code: 'SPECIAL_TOKEN_DISALLOWED' } });
      await expect(tokenizer.runtimes[kind].countTokens({ text: 'x<|fim_prefix|>', encoding: 'p50k_base' })).resolves.toMatchObject({ encoding: 'p50k_base' });
    }
  });
});

const segments: [string, SegmentInput, Partial<SegmentOutput>][] = [
  ['T01', { text: '<think>secret</think>Visible' }, { content: 'Visible' }],
  ['T02', { text: '<think>a</think>X<think>b</think>Y' }, { content: 'XY' }],
  ['T04 case-insensitive', { text: '<THINK>S</tHiNk>Up' }, { content: 'Up' }],
  ['T05 nested', { text: '<think>a<think>b</think>c</think>D' }, { content: 'c</think>D' }],
  ['T06 unclosed', { text: '<think>never closed\nAnswer' }, { content: '<think>never closed\nAnswer' }],
  ['T07 close only', { text: 'plan step</think>\nanswer' }, { content: 'plan step</think>\nanswer' }],
  ['T08 attributes', { text: '<think type="x">S</think>Attr' }, { content: '<think type="x">S</think>Attr' }],
  ['T10 fence', { text: 'A\n```think\nhidden\n```\nB' }, { content: 'A\n\nB' }],
  ['T11 fence prefix', { text: 'A ```  THINKING x``` B' }, { content: 'A  B' }],
  ['T12 think() code fence', { text: '```\nthink()\n```\nok' }, { content: 'ok' }],
  ['T13 lazy fence close', { text: '```think a\n```js\ncode\n```' }, { content: 'js\ncode\n```' }],
  ['T15 newline collapse', { text: '  A\n\n\n\n\nB  ' }, { content: 'A\n\nB' }],
  ['T16 CRLF not collapsed', { text: 'A\r\n\r\n\r\nB' }, { content: 'A\r\n\r\n\r\nB' }],
  ['T18 ASCII-only case folding', { text: '<TH\u0130NK>a</TH\u0130NK>c' }, { content: '<TH\u0130NK>a</TH\u0130NK>c' }],
  ['T19 JS trim set', { text: '\u00a0\ufeffA\u0085' }, { content: 'A\u0085' }],
  ['T20 tags before fences', { text: '```think <think>a``` </think>B' }, { content: '```think B' }],
  ['O01', { output: [{ type: 'reasoning', summary: [{ type: 'summary_text', text: 'SUM' }], content: [{ type: 'reasoning_text', text: '<think>a</think>step1' }, { type: 'reasoning_signature', signature: 'SIG' }, { type: 'reasoning_text', text: 'step2' }], encrypted_content: 'ENC' }, { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Ans' }, { type: 'refusal', refusal: 'no' }] }] }, { content: 'Ans', reasoning_content: 'step1\nstep2' }],
  ['O03 emptied part still joined', { output: [{ type: 'message', content: [{ type: 'output_text', text: 'A' }, { type: 'output_text', text: '<think>z</think>' }, { type: 'output_text', text: 'B' }] }] }, { content: 'A\n\nB' }],
  ['O04 nested parts and output_text items', { output: [{ type: 'message', content: [{ type: 'text', text: ' x ' }, { type: 'input_text', content: 'y' }, { type: 'other', content: [{ type: 'output_text', text: 'z' }] }] }, { type: 'output_text', text: '<THINK>q</THINK>w' }] }, { content: 'x\ny\nz\nw' }],
];

describe('segment known answers', () => {
  for (const [name, input, expected] of segments) {
    it(name, async () => {
      for (const kind of ['ts', 'wasm'] as const) {
        await expect(tokenizer.runtimes[kind].segment(input)).resolves.toMatchObject(expected);
      }
    });
  }

  it('dispatches reasoning per mode (llms 0.6 dispatchReasoning)', async () => {
    const output = [{ type: 'reasoning', content: [{ type: 'reasoning_text', text: '  plan  ' }] }, { type: 'output_text', text: 'Hi' }];
    for (const kind of ['ts', 'wasm'] as const) {
      const run = (options: SegmentOptions) => tokenizer.runtimes[kind].segment({ output, options });
      await expect(run({})).resolves.toMatchObject({ tokens: [{ type: 'reasoning', content: 'plan' }, { type: 'text', content: 'Hi' }] });
      await expect(run({ reasoningMode: 'text', reasoningPrefix: '[R]' })).resolves.toMatchObject({ tokens: [{ type: 'text', content: '[R] plan' }, { type: 'text', content: 'Hi' }] });
      await expect(run({ reasoningMode: 'text', reasoningPrefix: 'R:\n' })).resolves.toMatchObject({ tokens: [{ type: 'text', content: 'R:\nplan' }, { type: 'text', content: 'Hi' }] });
      await expect(run({ reasoningMode: 'drop' })).resolves.toMatchObject({ tokens: [{ type: 'text', content: 'Hi' }] });
    }
  });
});
