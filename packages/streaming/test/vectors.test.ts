// Known answers (llms-behavior.md §7.4 and docs/llms-facts.md, each re-run against llms): the TS
// runtime gives llms's answer, and the WASM runtime, fed the same stream in 7-byte chunks, the same.
import { describe, expect, it } from 'vitest';
import { judge } from './helpers/judge.js';
import type { DecodeOutput, Protocol } from '../src/contract.js';
import { everyN, runSession } from './helpers/rechunk.js';
import { runtimes } from './helpers/runtimes.js';

/** Decodes on both runtimes, checks they agree, and gives the TS outcome (its result without `protocol`). */
async function decodeBoth(protocol: Protocol, sse: string): Promise<{ events: DecodeOutput['events']; result: Record<string, unknown> }> {
  const rt = await runtimes();
  const ts = await rt.ts.decode({ protocol, sse });
  expect(ts.result.protocol).toBe(protocol);
  const wasm = await runSession(rt.wasm.open, { protocol }, everyN(new TextEncoder().encode(sse), 7));
  const diff = judge(ts, wasm);
  expect(diff.equal, JSON.stringify(diff)).toBe(true);
  const { protocol: _protocol, ...result } = ts.result;
  return { events: ts.events, result };
}

const frame = (event: string | null, data: string): string => `${event === null ? '' : `event: ${event}\n`}data: ${data}\n\n`;

describe('Chat (rcc-llmswitch-core 0.4.2)', () => {
  const chunks = [
    frame('chat_chunk', '{"id":"c1","object":"chat.completion.chunk","created":5,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}'),
    frame('chat_chunk', '{"id":"c1","choices":[{"index":0,"delta":{"content":"lo","reasoning":"r1"}}]}'),
    frame('chat_chunk', '{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{\\"a\\""}}]}}]}'),
    frame('chat_chunk', '{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":":1}"}}]}}]}'),
    frame('chat_chunk', '{"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":1}}'),
    frame('chat.done', '[DONE]'),
  ];
  const s4 = chunks.join('');

  it('S4: reasoning appended into content, arguments concatenated, usage dropped', async () => {
    const out = await decodeBoth('chat', s4);
    expect(out.result).toEqual({
      status: 'ok',
      response: { id: 'c1', object: 'chat.completion', created: 5, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'Helr1lo', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] }, finish_reason: 'tool_calls' }] },
    });
    expect(out.events.map((e) => e.event_type)).toEqual(['chat_chunk', 'chat_chunk', 'chat_chunk', 'chat_chunk', 'chat_chunk', 'chat.done']);
    expect(out.events[1]?.token_digest).toMatch(/^content\/0=[0-9a-f]{8},reasoning\/0=[0-9a-f]{8}$/);
  });

  it('S5: a standard stream without event lines fails (0.4.2 needs event:)', async () => {
    const out = await decodeBoth('chat', s4.replace(/event: [^\n]*\n/g, ''));
    expect(out.result).toEqual({ status: 'failed', code: 'CHAT_VALIDATION_ERROR', message: 'SSE to JSON conversion failed: SSE event type is required' });
    expect(out.events).toEqual([{ event_type: 'framing_error', ordinal_index: 0, normalized_payload: { error: 'SSE event type is required' }, token_digest: null }]);
  });

  it('S6: an error event throws with its data', async () => {
    const out = await decodeBoth('chat', frame('error', '{"error":{"message":"boom"}}'));
    expect(out.result).toEqual({ status: 'failed', code: 'CHAT_STREAM_ERROR', message: 'SSE to JSON conversion failed: Failed to process SSE event: error: SSE error event: {"error":{"message":"boom"}}' });
  });

  it('a chunk that is not JSON fails with V8\'s JSON.parse message', async () => {
    const out = await decodeBoth('chat', frame('chat_chunk', '{"id":"c1","choices":[1,]}'));
    expect(out.result).toMatchObject({ status: 'failed', code: 'UNKNOWN', message: 'SSE to JSON conversion failed: Failed to process SSE event: chat_chunk: Failed to parse chat_chunk: Unexpected token \']\', ..."oices":[1,]}" is not valid JSON' });
  });

  it('empty stream: an empty completion named after the request id', async () => {
    const out = await decodeBoth('chat', '');
    expect(out.result).toMatchObject({ status: 'ok', response: { id: 'chat_stream', object: 'chat.completion', choices: [] } });
  });

  it('CRLF and a missing terminator: the aggregate is still returned', async () => {
    const out = await decodeBoth('chat', chunks.slice(0, 5).join('').replace(/\n/g, '\r\n'));
    expect(out.result).toMatchObject({ status: 'ok', response: { choices: [{ message: { content: 'Helr1lo' }, finish_reason: 'tool_calls' }] } });
  });
});

describe('Responses (rcc-llmswitch-core 0.4.2)', () => {
  const s11 = [
    '{"type":"response.created","response":{"id":"resp_9","model":"m"}}',
    '{"type":"response.output_item.added","output_index":0,"item":{"id":"fc_9","type":"function_call","call_id":"call_9","name":"f","arguments":""}}',
    '{"type":"response.function_call_arguments.delta","item_id":"fc_9","delta":"{\\"a\\""}',
    '{"type":"response.function_call_arguments.delta","item_id":"fc_9","delta":":1}"}',
    '{"type":"response.function_call_arguments.done","item_id":"fc_9","arguments":"{\\"a\\":1}"}',
    '{"type":"response.output_item.done","item":{"id":"fc_9","type":"function_call"}}',
    '{"type":"response.completed","response":{"id":"resp_9","status":"completed","usage":{"input_tokens":1,"output_tokens":2,"total_tokens":3}}}',
  ];
  const withEvents = s11.map((d) => frame(JSON.parse(d).type as string, d)).join('');
  const expected = { id: 'resp_9', object: 'response', status: 'completed', model: 'm', output: [{ id: 'fc_9', type: 'function_call', status: 'completed', call_id: 'call_9', name: 'f', arguments: '{"a":1}' }] };

  it('S11 with event lines: the function call, usage dropped (0.4.2 reads it from the top level)', async () => {
    expect((await decodeBoth('responses', withEvents)).result).toEqual({ status: 'ok', response: expected });
  });

  it('S11 without event lines (LM Studio style): 0.4.2 does not infer the type, Building not completed', async () => {
    const out = await decodeBoth('responses', s11.map((d) => frame(null, d)).join(''));
    expect(out.result).toEqual({ status: 'failed', code: 'SSE_TO_JSON_ERROR', message: 'SSE_TO_JSON_ERROR: Building not completed' });
    expect(out.events.every((e) => e.event_type === 'rejected')).toBe(true);
  });

  it('comments are skipped; a missing terminator still completes once an item completed', async () => {
    expect((await decodeBoth('responses', `: keep-alive\n\n${withEvents}`)).result).toEqual({ status: 'ok', response: expected });
    const cut = withEvents.slice(0, withEvents.indexOf('event: response.output_item.done'));
    expect((await decodeBoth('responses', cut)).result).toEqual({ status: 'ok', response: expected });
  });

  it('CRLF framing is not a frame separator for the shared parser', async () => {
    expect((await decodeBoth('responses', withEvents.replace(/\n/g, '\r\n'))).result).toMatchObject({ status: 'failed', message: 'SSE_TO_JSON_ERROR: Building not completed' });
  });

  it('S12: empty, bad JSON, response.failed', async () => {
    for (const sse of ['', frame('response.created', '{bad'), frame('response.created', '{"response":{"id":"r"}}') + frame('response.failed', '{"response":{"id":"r"}}')]) {
      expect((await decodeBoth('responses', sse)).result).toEqual({ status: 'failed', code: 'SSE_TO_JSON_ERROR', message: 'SSE_TO_JSON_ERROR: Building not completed' });
    }
    const bad = await decodeBoth('responses', frame('response.created', '{bad'));
    expect(bad.events).toEqual([{ event_type: 'error', ordinal_index: 0, normalized_payload: { error: 'Invalid JSON', raw: '{bad' }, token_digest: null }]);
  });

  it('an event over 1 MiB (UTF-16 units) is refused and skipped', async () => {
    const big = frame('response.created', `{"response":{"id":"r","x":"${'é'.repeat(1024 * 1024)}"}}`) + frame('response.completed', '{}');
    const out = await decodeBoth('responses', big);
    expect(out.events[0]).toEqual({ event_type: 'rejected', ordinal_index: 0, normalized_payload: { error: 'Event size 1048636 exceeds maximum 1048576' }, token_digest: null });
    expect(out.result).toEqual({ status: 'ok', response: { status: 'completed', output: [] } });
  });

  it('a JavaScript TypeError inside the builder is the failure message', async () => {
    const out = await decodeBoth('responses', 'event: response.created\ndata:\n\n');
    expect(out.result).toEqual({ status: 'failed', code: 'SSE_TO_JSON_ERROR', message: "SSE_TO_JSON_ERROR: Cannot read properties of null (reading 'id')" });
  });
});

describe('Anthropic (@jsonstudio/llms 0.6.3689)', () => {
  const s13 = [
    frame('message_start', '{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude"}}'),
    frame('content_block_start', '{"type":"content_block_start","index":0,"content_block":{"type":"text"}}'),
    frame('content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello there"}}'),
    frame('content_block_stop', '{"type":"content_block_stop","index":0}'),
    frame('message_delta', '{"type":"message_delta","delta":{"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":2}}}'),
    frame('message_stop', '{"type":"message_stop"}'),
  ].join('');
  const expected = { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [{ type: 'text', text: 'Hello there' }], usage: { input_tokens: 3, output_tokens: 2 }, stop_reason: 'end_turn' };

  it('S13 round trip, and the same without event lines (the type inferred from data)', async () => {
    expect((await decodeBoth('anthropic', s13)).result).toEqual({ status: 'ok', response: expected });
    expect((await decodeBoth('anthropic', s13.replace(/event: [^\n]*\n/g, ''))).result).toEqual({ status: 'ok', response: expected });
  });

  it('S15: thinking deltas keyed `thinking` are ignored, partial JSON parsed, message_stop optional', async () => {
    const s15 = [
      frame('message_start', '{"type":"message_start","message":{"id":"m9","model":"c","usage":{"input_tokens":10,"output_tokens":1}}}'),
      frame('content_block_start', '{"type":"content_block_start","index":0,"content_block":{"type":"thinking"}}'),
      frame('content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}}'),
      frame('content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"s"}}'),
      frame('content_block_stop', '{"type":"content_block_stop","index":0}'),
      frame('content_block_start', '{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_9","name":"f"}}'),
      frame('content_block_delta', '{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"a\\""}}'),
      frame('content_block_delta', '{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":":1}"}}'),
      frame('content_block_stop', '{"type":"content_block_stop","index":1}'),
      frame('message_delta', '{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":12}}'),
    ].join('');
    const want = { id: 'm9', type: 'message', role: 'assistant', model: 'c', content: [{ type: 'tool_use', id: 'toolu_9', name: 'f', input: { a: 1 } }], usage: { input_tokens: 10, output_tokens: 12 }, stop_reason: 'tool_use', stop_sequence: null };
    expect((await decodeBoth('anthropic', s15)).result).toEqual({ status: 'ok', response: want });
  });

  it('S16 and the corpus gateway error stream: error events fail with llms\'s message', async () => {
    expect((await decodeBoth('anthropic', frame('error', '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'))).result).toEqual({ status: 'failed', code: 'ANTHROPIC_SSE_TO_JSON_FAILED', message: 'Anthropic SSE error event Overloaded' });
    const gw = frame('error', '{"type":"error","status":502,"error":{"message":"Upstream provider error","code":"HTTP_HANDLER_ERROR","request_id":"r-1"}}');
    expect((await decodeBoth('anthropic', gw)).result).toEqual({ status: 'failed', code: 'ANTHROPIC_SSE_TO_JSON_FAILED', message: 'Anthropic SSE error event [HTTP_HANDLER_ERROR] Upstream provider error' });
  });

  it('a usage member named __proto__ is not an own member after llms merges it (obj.__proto__ = v)', async () => {
    const s = frame('message_start', '{"type":"message_start","message":{"id":"m","usage":{"__proto__":0,"a":1}}}') + frame('message_delta', '{"type":"message_delta","usage":{"__proto__":{"x":1},"b":2}}') + frame('content_block_start', '{"index":0,"content_block":{"type":"text"}}') + frame('content_block_delta', '{"delta":{"text":"t"}}') + frame('message_stop', '{}');
    expect((await decodeBoth('anthropic', s)).result).toMatchObject({ status: 'ok', response: { usage: { a: 1, b: 2 } } });
  });

  it('an error saying the stream was terminated salvages what was received', async () => {
    const cut = s13.slice(0, s13.indexOf('event: content_block_stop')) + frame('error', '{"error":{"message":"stream terminated"}}');
    expect((await decodeBoth('anthropic', cut)).result).toEqual({ status: 'ok', response: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [{ type: 'text', text: 'Hello there' }], stop_reason: 'end_turn' } });
  });
});

describe('Gemini (@jsonstudio/llms 0.6.3689)', () => {
  const s17 = [
    frame('gemini.data', '{"kind":"part","candidateIndex":0,"partIndex":0,"role":"model","part":{"text":"thinking...","thought":true}}'),
    frame('gemini.data', '{"kind":"part","candidateIndex":0,"partIndex":1,"role":"model","part":{"text":"Hello Gemini world"}}'),
    frame('gemini.data', '{"kind":"part","candidateIndex":0,"partIndex":2,"role":"model","part":{"functionCall":{"name":"f","args":{"a":1}}}}'),
    frame('gemini.done', '{"kind":"done","usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":6,"totalTokenCount":10},"modelVersion":"gemini-x","candidates":[{"index":0,"finishReason":"STOP"}]}'),
  ].join('');

  it('S17: adjacent text parts merge and the first part\'s flags win', async () => {
    expect((await decodeBoth('gemini', s17)).result).toEqual({
      status: 'ok',
      response: { candidates: [{ content: { role: 'model', parts: [{ text: 'thinking...Hello Gemini world', thought: true }, { functionCall: { name: 'f', args: { a: 1 } } }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 6, totalTokenCount: 10 }, modelVersion: 'gemini-x' },
    });
  });

  it('S18: raw upstream streams and empty input fail', async () => {
    expect((await decodeBoth('gemini', 'data: {"candidates":[]}\n\n')).result).toEqual({ status: 'failed', code: 'GEMINI_SSE_TO_JSON_FAILED', message: 'Invalid event type: message' });
    expect((await decodeBoth('gemini', '')).result).toEqual({ status: 'failed', code: 'GEMINI_SSE_TO_JSON_FAILED', message: 'Gemini SSE stream missing done event' });
  });
});

describe('Responses deltas of unusual shape (the WASM fast path and its fallback)', () => {
  const head = frame('response.created', '{"response":{"id":"r"}}') + frame('response.output_item.added', '{"item":{"id":"m","type":"message"}}') + frame('response.content_part.added', '{"item_id":"m","content_index":0,"part":{"type":"output_text","text":""}}');
  const deltas = [
    '{"item_id":"m","content_index":0,"delta":"a\\u00e9\\ud83d\\ude00\\n"}',
    '{"item_id":"m","content_index":"0","delta":"b"}',
    '{"item_id":"m","content_index":0,"delta":"x","delta":"c"}',
    '{"item_id":"m","content_index":0.0,"delta":"d"}',
    '{"item_id":"m","delta":"e"}',
    '{"item_id":"m","content_index":0,"delta":{"text":"f"}}',
    '{"item_id":"m","content_index":[0],"delta":"g"}',
    '{"item_id":["m"],"content_index":0,"delta":"h"}',
    '{"item_id":"m","content_index":0,"delta":5}',
    '{"item_id":null,"content_index":0,"delta":"i"}',
    '[1]',
    '"m"',
    '{"item_id":"m","content_index":0,"delta":"j"   }',
    '{ "item_id" : "m" , "content_index" : 1e0 , "delta" : "k" }',
  ];
  it.each(deltas.map((d) => [d]))('%s', async (d) => {
    const sse = head + frame('response.output_text.delta', d) + frame('response.function_call_arguments.delta', d) + frame('response.completed', '{}');
    await decodeBoth('responses', sse);
  });
});
