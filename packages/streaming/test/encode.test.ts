// encode (Anthropic and Gemini JSON -> SSE): the WASM encoder writes the same frames as llms's encoders,
// on the llms vectors, on every response produced from compat.jsonl, and on arbitrary responses
// (fast-check, FC_NUM_RUNS runs); and what either encoder writes decodes back the same on both runtimes.
import { fc, test } from '@fast-check/vitest';
import { assertEquivalent, equivalent } from '@llms-wasm/module-kit/testing';
import { describe, expect, it } from 'vitest';
import { streaming } from '../src/index.js';
import { LLMS_042, importLlmsFile } from '../src/internal/llms-binding.js';
import { readCorpus } from '@llms-wasm/module-kit/corpus';
import { judge } from './helpers/judge.js';
import { runtimes } from './helpers/runtimes.js';

describe('encode vectors', () => {
  it('S13: an Anthropic text message', async () => {
    const response = { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [{ type: 'text', text: 'Hello there' }], stop_reason: 'end_turn', usage: { input_tokens: 3, output_tokens: 2 } };
    const out = await streaming.runtimes.wasm.encode({ protocol: 'anthropic', response });
    expect(out.frames).toEqual([
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude"}}\n\n',
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text"}}\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello there"}}\n\n',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":2}}}\n\n',
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    ]);
    await equivalent(streaming, 'encode')({ protocol: 'anthropic', response });
  });

  it('S14: a real thinking block is dropped (llms reads `text`), tool input as one delta', async () => {
    const response = { content: [{ type: 'thinking', thinking: 'Let me check.', signature: 'sig123' }, { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }], stop_reason: 'tool_use' };
    const out = await streaming.runtimes.wasm.encode({ protocol: 'anthropic', response, requestId: 'r1' });
    expect(out.frames.map((f) => f.split('\n')[0])).toEqual(['event: message_start', 'event: content_block_start', 'event: content_block_delta', 'event: content_block_stop', 'event: message_delta', 'event: message_stop']);
    expect(out.frames[0]).toContain('"id":"msg_r1"');
    expect(out.frames[2]).toContain('"partial_json":"{\\"city\\":\\"Paris\\"}"');
    await equivalent(streaming, 'encode')({ protocol: 'anthropic', response, requestId: 'r1' });
  });

  it('S17: Gemini parts and the done frame', async () => {
    const response = { candidates: [{ content: { role: 'model', parts: [{ text: 'thinking...', thought: true }, { text: 'Hello Gemini world' }, { functionCall: { name: 'f', args: { a: 1 } } }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 6, totalTokenCount: 10 }, modelVersion: 'gemini-x' };
    const out = await streaming.runtimes.wasm.encode({ protocol: 'gemini', response });
    expect(out.frames).toHaveLength(4);
    expect(out.frames[3]).toBe('event: gemini.done\ndata: {"kind":"done","usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":6,"totalTokenCount":10},"modelVersion":"gemini-x","candidates":[{"index":0,"finishReason":"STOP"}]}\n\n');
    await equivalent(streaming, 'encode')({ protocol: 'gemini', response });
  });

  it('a response llms refuses is ENCODE_FAILED with llms\'s message on both runtimes', async () => {
    for (const [protocol, response, message] of [['anthropic', { content: 'x' }, 'Anthropic response content must be an array'], ['anthropic', 5, 'Invalid Anthropic response payload'], ['gemini', null, 'Invalid Gemini response payload']] as const) {
      for (const side of [streaming.runtimes.ts, streaming.runtimes.wasm]) {
        await expect(side.encode({ protocol, response })).rejects.toMatchObject({ code: 'OPERATION_FAILED', detail: { code: 'ENCODE_FAILED' }, message: expect.stringContaining(message) });
      }
    }
  });
});

describe('encode on the compat corpus, and round trips', () => {
  it('every Anthropic and Gemini response made from compat.jsonl encodes the same, and decodes back the same', async () => {
    const toAnthropic = (await importLlmsFile<{ buildAnthropicResponseFromChat(b: unknown): unknown }>(LLMS_042, 'dist/conversion/hub/response/response-runtime.js')).buildAnthropicResponseFromChat;
    const toGemini = (await importLlmsFile<{ buildGeminiFromOpenAIChat(b: unknown): unknown }>(LLMS_042, 'dist/conversion/codecs/gemini-openai-codec.js')).buildGeminiFromOpenAIChat;
    const rt = await runtimes();
    const same = { anthropic: equivalent(streaming, 'encode'), gemini: equivalent(streaming, 'encode') };
    let n = 0;
    for (const c of readCorpus('compat')) {
      const res = c.input['response'] as { status?: unknown; body?: { choices?: unknown; type?: unknown } } | undefined;
      if (res?.status !== 200 || typeof res.body !== 'object' || res.body === null) continue;
      const inputs: ['anthropic' | 'gemini', unknown][] = Array.isArray(res.body.choices)
        ? [['anthropic', toAnthropic(structuredClone(res.body))], ['gemini', toGemini(structuredClone(res.body))]]
        : res.body.type === 'message' ? [['anthropic', res.body]] : [];
      for (const [protocol, response] of inputs) {
        await same[protocol]({ protocol, response });
        const wasm = await streaming.runtimes.wasm.encode({ protocol, response });
        const sse = wasm.frames.join('');
        expect(judge(await rt.ts.decode({ protocol, sse }), await rt.wasm.decode({ protocol, sse })).equal).toBe(true);
        n++;
      }
    }
    expect(n).toBe(276);
  });
});

const blockArb = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 2100 }), fc.constant(''), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 })) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('thinking'), text: fc.oneof(fc.string({ unit: 'binary' }), fc.constant('   '), fc.integer()), thinking: fc.string(), signature: fc.string() }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('tool_use'), id: fc.oneof(fc.constant(''), fc.string()), name: fc.string(), input: fc.oneof(fc.jsonValue(), fc.string()) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('tool_result'), tool_use_id: fc.string(), content: fc.jsonValue(), is_error: fc.boolean() }, { requiredKeys: ['type'] }),
  fc.jsonValue({ maxDepth: 2 }),
);
const anthropicArb = fc.record({
  id: fc.oneof(fc.constant(''), fc.string()), role: fc.oneof(fc.constant(''), fc.constant('assistant'), fc.string()), model: fc.string(),
  content: fc.array(blockArb, { maxLength: 6 }), stop_reason: fc.oneof(fc.constant(null), fc.string()), usage: fc.jsonValue({ maxDepth: 2 }),
}, { requiredKeys: ['content'] });
const partArb = fc.oneof(fc.record({ text: fc.string({ unit: 'binary' }), thought: fc.boolean() }, { requiredKeys: ['text'] }), fc.record({ reasoning: fc.oneof(fc.string(), fc.constant(' x ')) }), fc.jsonValue({ maxDepth: 2 }));
const geminiArb = fc.record({
  candidates: fc.array(fc.oneof(fc.record({ content: fc.record({ role: fc.oneof(fc.constant(' '), fc.constant('model'), fc.string()), parts: fc.array(partArb, { maxLength: 5 }) }, { requiredKeys: [] }), finishReason: fc.string(), safetyRatings: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }), fc.constant(null)), { maxLength: 3 }),
  usageMetadata: fc.jsonValue({ maxDepth: 2 }), modelVersion: fc.string(), promptFeedback: fc.jsonValue({ maxDepth: 1 }),
}, { requiredKeys: [] });

describe('encode properties', () => {
  test('arbitrary Anthropic responses encode the same on both runtimes', async () => {
    await assertEquivalent(streaming, 'encode', anthropicArb.map((response) => ({ protocol: 'anthropic' as const, response })));
  });
  test('arbitrary Gemini responses encode the same on both runtimes', async () => {
    await assertEquivalent(streaming, 'encode', geminiArb.map((response) => ({ protocol: 'gemini' as const, response })));
  });
  test.prop([anthropicArb])('what the WASM encoder writes decodes to the same stream on both runtimes', async (response) => {
    const rt = await runtimes();
    const sse = (await streaming.runtimes.wasm.encode({ protocol: 'anthropic', response })).frames.join('');
    expect(judge(await rt.ts.decode({ protocol: 'anthropic', sse }), await rt.wasm.decode({ protocol: 'anthropic', sse })).equal).toBe(true);
  });
});
