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

  it('S1, S2: Chat chunks (ids and clocks normalized by the ruleset), reasoning dropped', async () => {
    const s1 = { model: 'gpt-x', choices: [{ message: { role: 'assistant', content: 'Hello there, world!', reasoning_content: 'think a bit' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1 } };
    const out = await streaming.runtimes.wasm.encode({ protocol: 'chat', response: s1 });
    expect(out.frames.map((f) => f.replace(/req_\d+/, 'req_T').replace(/"created":\d+/, '"created":C'))).toEqual([
      'event: chat_chunk\ndata: {"id":"req_T","object":"chat.completion.chunk","created":C,"model":"gpt-x","choices":[{"index":0,"delta":{"role":"assistant"},"logprobs":null,"finish_reason":null}]}\n\n',
      'event: chat_chunk\ndata: {"id":"req_T","object":"chat.completion.chunk","created":C,"model":"gpt-x","choices":[{"index":0,"delta":{"content":"Hello there, world!"},"logprobs":null,"finish_reason":null}]}\n\n',
      'event: chat_chunk\ndata: {"id":"req_T","object":"chat.completion.chunk","created":C,"model":"gpt-x","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}\n\n',
      'event: chat.done\ndata: [DONE]\n\n',
    ]);
    await equivalent(streaming, 'encode')({ protocol: 'chat', response: s1 });
    const s2 = { model: 'gpt-x', choices: [{ message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_abc', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' } }] }, finish_reason: 'tool_calls' }] };
    await equivalent(streaming, 'encode')({ protocol: 'chat', response: s2 });
    const legacy = { model: 'm', choices: [{ message: { role: 'assistant', function_call: { name: 'f', arguments: { a: 1 } } } }] };
    await equivalent(streaming, 'encode')({ protocol: 'chat', response: legacy });
    const noRole = { model: 'm', choices: [{ message: { content: 'x' } }] };
    expect((await streaming.runtimes.wasm.encode({ protocol: 'chat', response: noRole })).frames).toEqual(['event: error\ndata: {"error":{"message":"Invalid message sequence for role: unknown","type":"internal_error","code":"generation_error"}}\n\n']);
    await equivalent(streaming, 'encode')({ protocol: 'chat', response: noRole });
  });

  it('a response llms refuses is ENCODE_FAILED with llms\'s message on both runtimes', async () => {
    for (const [protocol, response, message] of [['chat', { choices: [] }, 'Invalid ChatCompletionResponse format'], ['anthropic', { content: 'x' }, 'Anthropic response content must be an array'], ['anthropic', 5, 'Invalid Anthropic response payload'], ['gemini', null, 'Invalid Gemini response payload']] as const) {
      for (const side of [streaming.runtimes.ts, streaming.runtimes.wasm]) {
        await expect(side.encode({ protocol, response })).rejects.toMatchObject({ code: 'OPERATION_FAILED', detail: { code: 'ENCODE_FAILED' }, message: expect.stringContaining(message) });
      }
    }
  });
});

describe('encode on the compat corpus, and round trips', () => {
  it('every Chat, Anthropic and Gemini response made from compat.jsonl encodes the same, and decodes back the same', async () => {
    const toAnthropic = (await importLlmsFile<{ buildAnthropicResponseFromChat(b: unknown): unknown }>(LLMS_042, 'dist/conversion/hub/response/response-runtime.js')).buildAnthropicResponseFromChat;
    const toGemini = (await importLlmsFile<{ buildGeminiFromOpenAIChat(b: unknown): unknown }>(LLMS_042, 'dist/conversion/codecs/gemini-openai-codec.js')).buildGeminiFromOpenAIChat;
    const rt = await runtimes();
    const same = equivalent(streaming, 'encode');
    let n = 0;
    for (const c of readCorpus('compat')) {
      const res = c.input['response'] as { status?: unknown; body?: { choices?: unknown; type?: unknown } } | undefined;
      if (res?.status !== 200 || typeof res.body !== 'object' || res.body === null) continue;
      const inputs: ['chat' | 'anthropic' | 'gemini', unknown][] = Array.isArray(res.body.choices)
        ? [['chat', res.body], ['anthropic', toAnthropic(structuredClone(res.body))], ['gemini', toGemini(structuredClone(res.body))]]
        : res.body.type === 'message' ? [['anthropic', res.body]] : [];
      for (const [protocol, response] of inputs) {
        await same({ protocol, response });
        const wasm = await streaming.runtimes.wasm.encode({ protocol, response });
        const sse = wasm.frames.join('');
        expect(judge(await rt.ts.decode({ protocol, sse }), await rt.wasm.decode({ protocol, sse })).equal).toBe(true);
        n++;
      }
    }
    expect(n).toBe(413);
  });
});

const blockArb = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 2100 }), fc.constant(''), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 })) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('thinking'), text: fc.oneof(fc.string({ unit: 'binary' }), fc.constant('   '), fc.integer()), thinking: fc.string(), signature: fc.string() }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('tool_use'), id: fc.oneof(fc.constant(''), fc.string()), name: fc.string(), input: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string()) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('tool_result'), tool_use_id: fc.string(), content: fc.jsonValue({ maxDepth: 2 }), is_error: fc.boolean() }, { requiredKeys: ['type'] }),
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

const toolCallArb = fc.oneof(fc.record({ id: fc.string(), type: fc.oneof(fc.constant(''), fc.string()), function: fc.oneof(fc.record({ name: fc.string(), arguments: fc.oneof(fc.string(), fc.constant('')) }, { requiredKeys: [] }), fc.constant(null)) }, { requiredKeys: [] }), fc.constant(null), fc.string({ maxLength: 2 }));
const messageArb = fc.record({
  role: fc.oneof(fc.constant('assistant'), fc.constant('user'), fc.integer()), content: fc.oneof(fc.string({ unit: 'binary' }), fc.constant('  '), fc.constant(null), fc.jsonValue({ maxDepth: 1 })),
  reasoning: fc.oneof(fc.string(), fc.constant('')), tool_calls: fc.oneof(fc.array(toolCallArb, { maxLength: 3 }), fc.string({ maxLength: 2 })),
  function_call: fc.record({ name: fc.oneof(fc.string(), fc.integer()), arguments: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })), id: fc.string() }, { requiredKeys: [] }),
}, { requiredKeys: [] });
const chatArb = fc.record({
  model: fc.oneof(fc.string({ minLength: 1 }), fc.constant('m')),
  choices: fc.array(fc.oneof(fc.record({ message: messageArb, finish_reason: fc.oneof(fc.constant(null), fc.string()) }, { requiredKeys: [] }), fc.record({ delta: messageArb }), fc.constant(null)), { minLength: 1, maxLength: 2 }),
});

describe('encode properties', () => {
  it('arbitrary Chat responses encode the same on both runtimes (ids and clocks under the ruleset)', async () => {
    await assertEquivalent(streaming, 'encode', chatArb.map((response) => ({ protocol: 'chat' as const, response })));
  });
  it('arbitrary Anthropic responses encode the same on both runtimes', async () => {
    await assertEquivalent(streaming, 'encode', anthropicArb.map((response) => ({ protocol: 'anthropic' as const, response })));
  });
  it('arbitrary Gemini responses encode the same on both runtimes', async () => {
    await assertEquivalent(streaming, 'encode', geminiArb.map((response) => ({ protocol: 'gemini' as const, response })));
  });
  test.prop([anthropicArb])('what the WASM encoder writes decodes to the same stream on both runtimes', async (response) => {
    const rt = await runtimes();
    const sse = (await streaming.runtimes.wasm.encode({ protocol: 'anthropic', response })).frames.join('');
    expect(judge(await rt.ts.decode({ protocol: 'anthropic', sse }), await rt.wasm.decode({ protocol: 'anthropic', sse })).equal).toBe(true);
  });
});
