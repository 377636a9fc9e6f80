// encode / responses (JSON -> SSE): the WASM encoder writes the same frames as rcc-llmswitch-core
// 0.4.2's ResponsesJsonToSseConverter on vectors, on every Responses stream of the corpus (decoded,
// then re-encoded), on the compat Responses bodies and on arbitrary responses (FC_NUM_RUNS runs), and
// what it writes decodes the same on both runtimes (round trip encode -> decode). The `id:` clock
// lines compare under ruleset v4's streaming-encode-sse-id-line rule; `created_at` under v3's timestamp rule.
import { fc, test } from '@fast-check/vitest';
import { loadRuleset } from '@llms-wasm/module-kit';
import { assertEquivalent, equivalent } from '@llms-wasm/module-kit/testing';
import { readCorpus } from '@llms-wasm/module-kit/corpus';
import { describe, expect, it } from 'vitest';
import { streaming } from '../src/index.js';
import { loneSurrogateText, responsesArb } from './helpers/responses-arbitraries.js';
import { judge } from './helpers/judge.js';
import { capturedStreams } from './helpers/produced-streams.js';
import { runtimes } from './helpers/runtimes.js';

const ruleset = loadRuleset().ruleset; // the ruleset in force (v4 has the id-line rule)
const clockless = (frames: string[]): string[] => frames.map((f) => f.replace(/\nid: \d{13}\n/, '\nid: T\n'));

describe('encode / responses vectors', () => {
  it('a message, a function call and reasoning: the frames llms writes', async () => {
    const response = {
      id: 'resp_1', object: 'response', model: 'm', created_at: 7, status: 'completed',
      output: [
        { type: 'message', id: 'msg_1', role: 'assistant', content: [{ type: 'output_text', text: 'Hello there, world!' }] },
        { type: 'function_call', id: 'fc_1', call_id: 'c1', name: 'f', arguments: '{"a":1}' },
        { type: 'reasoning', id: 'rs_1', content: [{ type: 'reasoning_text', text: 'hmm' }] },
      ],
      usage: { prompt_tokens: '3', completion_tokens: 2 },
    };
    const out = await streaming.runtimes.wasm.encode({ protocol: 'responses', response });
    const frames = clockless(out.frames);
    const payload = (status: string, type: string, seq: number): string =>
      `{"response":{"id":"resp_1","object":"response","created_at":7,"status":"${status}","model":"m","output":${JSON.stringify(response.output)},"usage":{"input_tokens":3,"output_tokens":2,"total_tokens":5},"background":false,"error":null,"incomplete_details":null},"type":"${type}","sequence_number":${seq}}`;
    expect(frames[0]).toBe(`event: response.created\ndata: ${payload('in_progress', 'response.created', 0)}\nid: T\n\n`);
    expect(frames.map((f) => f.slice(7, f.indexOf('\n')))).toEqual([
      'response.created', 'response.in_progress',
      'response.output_item.added', 'response.content_part.added', 'response.output_text.delta', 'response.output_text.delta', 'response.output_text.delta', 'response.output_text.done', 'response.content_part.done', 'response.output_item.done',
      'response.output_item.added', 'response.function_call_arguments.delta', 'response.function_call_arguments.done', 'response.output_item.done',
      'response.output_item.added', 'reasoning.start', 'response.reasoning_text.delta', 'reasoning.done', 'response.output_item.done',
      'response.completed', 'response.done',
    ]);
    // Deltas cut at 12 units or at a boundary once 6 are buffered; they are not serialized (no sequence number, no id line).
    expect(frames.slice(4, 7)).toEqual(['Hello ', 'there,', ' world!'].map((d) => `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","output_index":0,"item_id":"msg_1","content_index":0,"delta":"${d}","logprobs":[]}\n\n`));
    expect(frames[15]).toBe('event: reasoning.start\ndata: {"type":"reasoning.start","item_id":"rs_1"}\n\n');
    expect(frames[19]).toBe(`event: response.completed\ndata: ${payload('completed', 'response.completed', 19)}\nid: T\n\n`);
    expect(frames[20]).toBe('event: response.done\ndata: [DONE]\nid: T\n\n');
    await equivalent(streaming, 'encode', { ruleset })({ protocol: 'responses', response });
  });

  it('a failure while generating ends the stream with an error frame, as llms writes it', async () => {
    const base = { id: 'r', object: 'response', model: 'm' };
    const cases: [unknown[], string][] = [
      [[{ type: 'zzz' }], 'Unknown output item type: zzz'],
      [[{ type: 'message' }], "Cannot read properties of undefined (reading 'length')"],
      [[null], "Cannot read properties of null (reading 'type')"],
      [[{ type: 'reasoning', content: {} }], 'reasoning.content is not iterable'],
      [[{ type: 'message', content: Array.from({ length: 101 }, () => ({ type: 'input_image' })) }], 'Too many content parts: 100 >= 100'],
      [Array.from({ length: 51 }, () => ({ type: 'function_call_output' })), 'Too many output items: 51 > 50'],
    ];
    for (const [output, message] of cases) {
      const input = { protocol: 'responses' as const, response: { ...base, output } };
      const frames = (await streaming.runtimes.wasm.encode(input)).frames;
      expect(frames.at(-1)).toBe(`event: error\ndata: {"type":"error","error":{"message":${JSON.stringify(message)},"type":"internal_error","code":"generation_error"}}\n\n`);
      await equivalent(streaming, 'encode', { ruleset })(input);
    }
  });

  it('a response the converter refuses is ENCODE_FAILED with llms\'s message on both runtimes', async () => {
    const cases: [unknown, string][] = [
      [null, "Cannot read properties of null (reading 'model')"],
      [{ id: 'r', model: 'm' }, 'STREAM_ERROR: RESPONSE_CONVERSION_ERROR: Invalid ResponsesResponse: missing required fields'],
      [{ id: 'r', model: 'm', object: 'chat' }, 'Invalid ResponsesResponse: object must be "response"'],
      [{ id: 'r', model: 'm', object: 'response', output: {} }, 'Invalid ResponsesResponse: output must be an array'],
      ['text', 'missing required fields'],
    ];
    for (const [response, message] of cases) {
      for (const side of [streaming.runtimes.ts, streaming.runtimes.wasm]) {
        await expect(side.encode({ protocol: 'responses', response })).rejects.toMatchObject({ code: 'OPERATION_FAILED', detail: { code: 'ENCODE_FAILED' }, message: expect.stringContaining(message) });
      }
    }
  });
});

describe('encode / responses on the corpus, and round trips', () => {
  it('every corpus Responses stream: decoded, re-encoded the same on both runtimes, and the re-encoded stream decodes the same on both', async () => {
    const rt = await runtimes();
    const same = equivalent(streaming, 'encode', { ruleset });
    let encoded = 0;
    let roundTrips = 0;
    const captured = capturedStreams().filter((s) => s.protocol === 'responses');
    const bodies: unknown[] = [];
    for (const st of captured) {
      const decoded = await rt.ts.decode({ protocol: 'responses', sse: st.sse });
      if (decoded.result.status === 'ok') bodies.push(decoded.result.response);
    }
    for (const c of readCorpus('compat')) {
      const body = (c.input['response'] as { status?: unknown; body?: { object?: unknown; output?: unknown } } | undefined)?.body;
      if (body?.object === 'response' && Array.isArray(body.output)) bodies.push(body);
    }
    for (const response of bodies) {
      await same({ protocol: 'responses', response });
      encoded++;
      let out;
      try {
        out = await streaming.runtimes.wasm.encode({ protocol: 'responses', response });
      } catch {
        continue; // refused on both sides (checked by `same`)
      }
      const sse = out.frames.join('');
      const [ts, wasm] = [await rt.ts.decode({ protocol: 'responses', sse }), await rt.wasm.decode({ protocol: 'responses', sse })];
      expect(judge(ts, wasm).equal).toBe(true);
      if (wasm.result.status === 'ok') roundTrips++;
    }
    expect(captured.length).toBe(160);
    // Every decoded corpus stream and compat Responses body (187) is accepted by the encoder, and what the WASM encoder writes decodes back on both runtimes.
    expect(bodies.length).toBe(187);
    expect(encoded).toBe(187);
    expect(roundTrips).toBe(187);
  });
});

describe('encode / responses properties', () => {
  it('arbitrary Responses responses encode the same on both runtimes (clocks under the proposed rule)', async () => {
    await assertEquivalent(streaming, 'encode', responsesArb.map((response) => ({ protocol: 'responses' as const, response })), { ruleset });
  });
  // A lone surrogate makes the kit's canonical JSON refuse both outputs (DATA_QUALITY), and the kit then
  // compares them as produced, where the id clock lines differ: these are compared here exactly, with
  // only the id lines masked.
  test.prop([fc.array(loneSurrogateText, { minLength: 1, maxLength: 3 })])('texts with lone surrogates: the same frames on both runtimes (id lines masked)', async (texts) => {
    const response = { id: 'r', object: 'response', model: 'm', created_at: 1, output: [{ type: 'message', id: 'm1', content: texts.map((t) => ({ type: 'output_text', text: t })) }, { type: 'function_call', id: 'f', arguments: texts.join('') }, { type: 'reasoning', id: 'rs', content: texts.map((t) => ({ type: 'reasoning_text', text: t })) }] };
    const [ts, wasm] = [await streaming.runtimes.ts.encode({ protocol: 'responses', response }), await streaming.runtimes.wasm.encode({ protocol: 'responses', response })];
    expect(clockless(wasm.frames)).toEqual(clockless(ts.frames));
  });
  test.prop([responsesArb])('what the WASM encoder writes decodes to the same stream on both runtimes', async (response) => {
    const rt = await runtimes();
    let frames: string[];
    try {
      frames = (await streaming.runtimes.wasm.encode({ protocol: 'responses', response })).frames;
    } catch (error) {
      expect(error).toMatchObject({ detail: { code: 'ENCODE_FAILED' } });
      return;
    }
    const sse = frames.join('');
    expect(judge(await rt.ts.decode({ protocol: 'responses', sse }), await rt.wasm.decode({ protocol: 'responses', sse })).equal).toBe(true);
  });
});
