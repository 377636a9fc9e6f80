// streaming.wasm on the ABI's edges: bad input is an error record naming the field, sessions are
// independent, bounded by their byte budget, released (finished or closed), and nothing traps.
import { describe, expect, it } from 'vitest';
import { summarizeStreamDiff } from '../src/compare.js';
import { loadStreamingWasm } from '../src/wasm-adapter.js';
import { readRecord } from './harness/wasm-sessions.js';
import { runSession } from './helpers/rechunk.js';
import { runtimes } from './helpers/runtimes.js';

const host = await loadStreamingWasm();
const open = (json: string): ReturnType<typeof readRecord> => {
  const bytes = new TextEncoder().encode(json);
  const ptr = host.writeBytes(bytes);
  const rec = (host.exports['decode_open'] as (p: number, l: number) => number)(ptr, bytes.length);
  host.free(ptr);
  return readRecord(host, rec);
};

describe('streaming.wasm error records', () => {
  it.each([
    ['{"protocol":', 'BAD_JSON', undefined],
    ['[1]', 'BAD_INPUT', '/'],
    ['{"protocol":"sse"}', 'BAD_INPUT', '/protocol'],
    ['{}', 'BAD_INPUT', '/protocol'],
    ['{"protocol":"chat","maxBytes":0}', 'BAD_INPUT', '/maxBytes'],
    ['{"protocol":"chat","maxBytes":1.5}', 'BAD_INPUT', '/maxBytes'],
    ['{"protocol":"chat","model":3}', 'BAD_INPUT', '/model'],
    ['{"protocol":"chat","requestId":false}', 'BAD_INPUT', '/requestId'],
    ['{"protocol":"chat","extra":1}', 'BAD_INPUT', '/extra'],
  ])('decode_open(%s) -> %s', (json, code, path) => {
    expect(open(json)).toMatchObject({ ok: false, code, ...(path === undefined ? {} : { path }) });
  });

  it('the whole-input decode refuses a missing sse and bad types', () => {
    expect(host.callJson('decode', { protocol: 'chat' })).toMatchObject({ ok: false, code: 'BAD_INPUT', path: '/sse' });
    expect(host.callJson('decode', { protocol: 'gemini', sse: 5 })).toMatchObject({ ok: false, code: 'BAD_INPUT', path: '/sse' });
  });

  it('push and finish on an unknown or released session are SESSION_CLOSED, not a trap', () => {
    const push = host.exports['decode_push'] as (s: number, p: number, l: number) => number;
    const finish = host.exports['decode_finish'] as (s: number) => number;
    expect(readRecord(host, push(999, 0, 0))).toMatchObject({ ok: false, code: 'SESSION_CLOSED' });
    expect(readRecord(host, finish(0))).toMatchObject({ ok: false, code: 'SESSION_CLOSED' });
    expect(host.stats().traps).toBe(0);
  });
});

describe('sessions', () => {
  it('several open at once stay independent (interleaved pushes)', async () => {
    const rt = await runtimes();
    const a = 'event: message_start\ndata: {"type":"message_start","message":{"id":"A"}}\n\nevent: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text"}}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"text":"alpha"}}\n\nevent: message_stop\ndata: {}\n\n';
    const b = 'event: gemini.data\ndata: {"candidateIndex":0,"part":{"text":"beta"}}\n\nevent: gemini.done\ndata: {"candidates":[{"index":0,"finishReason":"STOP"}]}\n\n';
    const sa = rt.wasm.open({ protocol: 'anthropic' });
    const sb = rt.wasm.open({ protocol: 'gemini' });
    const ea = [];
    const eb = [];
    for (let i = 0; i < Math.max(a.length, b.length); i += 9) {
      ea.push(...(await sa.push(a.slice(i, i + 9))));
      eb.push(...(await sb.push(b.slice(i, i + 9))));
    }
    const fa = await sa.finish();
    const fb = await sb.finish();
    expect(summarizeStreamDiff(await rt.ts.decode({ protocol: 'anthropic', sse: a }), { protocol: 'anthropic', events: [...ea, ...fa.events], result: fa.result }).equal).toBe(true);
    expect(summarizeStreamDiff(await rt.ts.decode({ protocol: 'gemini', sse: b }), { protocol: 'gemini', events: [...eb, ...fb.events], result: fb.result }).equal).toBe(true);
  });

  it('a session over its byte budget fails with STREAM_BUDGET_EXCEEDED on both runtimes and is released', async () => {
    const rt = await runtimes();
    const before = rt.wasm.openCount();
    for (const side of [rt.ts, rt.wasm]) {
      const s = side.open({ protocol: 'responses', maxBytes: 100 });
      await s.push('x'.repeat(60));
      await expect(Promise.resolve().then(() => s.push('y'.repeat(60)))).rejects.toMatchObject({ code: 'OPERATION_FAILED', detail: { code: 'STREAM_BUDGET_EXCEEDED' } });
      await expect(Promise.resolve().then(() => s.push('z'))).rejects.toMatchObject({ detail: { code: 'SESSION_CLOSED' } });
    }
    expect(rt.wasm.openCount()).toBe(before);
  });

  it('memory stays bounded: 500 sessions opened, fed and closed unfinished leave no session and no growth', async () => {
    const rt = await runtimes();
    const chunk = 'event: response.output_text.delta\ndata: {"delta":"' + 'é'.repeat(2000) + '"}\n\n';
    const grow = async (): Promise<number> => {
      for (let i = 0; i < 250; i++) {
        const s = rt.wasm.open({ protocol: 'responses' });
        await s.push(chunk);
        await s.push(chunk.slice(0, 100));
        s.close();
      }
      return rt.wasm.openCount();
    };
    expect(await grow()).toBe(0);
    const pages = rt.wasm.memoryPages();
    expect(await grow()).toBe(0);
    expect(await grow()).toBe(0);
    // Released sessions' memory is reused: three more rounds do not grow the instance.
    expect(rt.wasm.memoryPages()).toBeLessThanOrEqual(pages);
  });

  it('finish after close and close after finish are safe', async () => {
    const rt = await runtimes();
    const s = rt.wasm.open({ protocol: 'chat' });
    await s.push('event: chat.done\ndata: [DONE]\n\n');
    await s.finish();
    s.close();
    const t = rt.ts.open({ protocol: 'chat' });
    t.close();
    await expect(Promise.resolve().then(() => t.finish())).rejects.toMatchObject({ detail: { code: 'SESSION_CLOSED' } });
    const out = await runSession(rt.wasm.open, { protocol: 'chat' }, []);
    expect(out.result.status).toBe('ok');
  });

  it('options are validated at the boundary on both runtimes (INPUT_INVALID naming the field)', async () => {
    const rt = await runtimes();
    for (const side of [rt.ts, rt.wasm]) {
      expect(() => side.open({ protocol: 'sse' } as never)).toThrow(expect.objectContaining({ code: 'INPUT_INVALID', detail: expect.objectContaining({ path: '/protocol' }) }));
    }
  });
});

