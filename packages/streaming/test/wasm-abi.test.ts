// streaming.wasm on the ABI's edges (ABI 2, through a raw WasmHost): bad input is an error record naming
// the field, sessions are independent, bounded by their byte budget, released (finished or closed), and
// nothing traps. Through the module: budget errors are typed on both runtimes, memory stays bounded.
import { fileURLToPath } from 'node:url';
import { WasmHost, type WasmCallResult } from '@llms-wasm/module-kit';
import { describe, expect, it } from 'vitest';
import { judge } from './helpers/judge.js';
import { streaming } from '../src/index.js';
import { runSession } from './helpers/rechunk.js';
import { runtimes } from './helpers/runtimes.js';

const host = await WasmHost.load({ name: 'streaming', wasm: fileURLToPath(new URL('../dist/streaming.wasm', import.meta.url)) });
const record = (op: string, args: number[]): WasmCallResult => host.callRecord(op, op, args, true) as WasmCallResult;
const open = (json: string): WasmCallResult => host.callRaw('decode_open', new TextEncoder().encode(json));
const handles = (): number => (host.exports['decode_sessions'] as () => number)();

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
    expect(host.callJson('decodeWhole', { protocol: 'chat' })).toMatchObject({ ok: false, code: 'BAD_INPUT', path: '/sse' });
    expect(host.callJson('decodeWhole', { protocol: 'gemini', sse: 5 })).toMatchObject({ ok: false, code: 'BAD_INPUT', path: '/sse' });
  });

  it('push and finish on an unknown handle are SESSION_CLOSED records, not traps', () => {
    expect(record('decode_push', [999, host.writeInput(new Uint8Array(1)), 1])).toMatchObject({ ok: false, code: 'SESSION_CLOSED' });
    expect(record('decode_finish', [0])).toMatchObject({ ok: false, code: 'SESSION_CLOSED' });
    expect(host.stats().traps).toBe(0);
  });

  it('over its budget a session fails with STREAM_BUDGET_EXCEEDED, then holds its handle until closed', () => {
    const before = handles();
    const opened = open('{"protocol":"responses","maxBytes":10}');
    if (!opened.ok) throw new Error(opened.message);
    const session = (opened.value as { session: number }).session;
    const bytes = new TextEncoder().encode('x'.repeat(11));
    expect(record('decode_push', [session, host.writeInput(bytes), bytes.length])).toMatchObject({ ok: false, code: 'STREAM_BUDGET_EXCEEDED' });
    expect(record('decode_push', [session, host.writeInput(bytes), 1])).toMatchObject({ ok: false, code: 'SESSION_CLOSED' });
    expect(handles()).toBe(before + 1);
    (host.exports['decode_close'] as (s: number) => void)(session);
    expect(handles()).toBe(before);
  });
});

describe('sessions', () => {
  it('several open at once stay independent (interleaved pushes)', async () => {
    const rt = await runtimes();
    const a = 'event: message_start\ndata: {"type":"message_start","message":{"id":"A"}}\n\nevent: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text"}}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"text":"alpha"}}\n\nevent: message_stop\ndata: {}\n\n';
    const b = 'event: gemini.data\ndata: {"candidateIndex":0,"part":{"text":"beta"}}\n\nevent: gemini.done\ndata: {"candidates":[{"index":0,"finishReason":"STOP"}]}\n\n';
    const sa = await rt.wasm.open({ protocol: 'anthropic' });
    const sb = await rt.wasm.open({ protocol: 'gemini' });
    const ea = [];
    const eb = [];
    for (let i = 0; i < Math.max(a.length, b.length); i += 9) {
      ea.push(...(await sa.push(a.slice(i, i + 9))));
      eb.push(...(await sb.push(b.slice(i, i + 9))));
    }
    const fa = await sa.finish();
    const fb = await sb.finish();
    expect(judge(await rt.ts.decode({ protocol: 'anthropic', sse: a }), { events: [...ea, ...fa.events], result: fa.result }).equal).toBe(true);
    expect(judge(await rt.ts.decode({ protocol: 'gemini', sse: b }), { events: [...eb, ...fb.events], result: fb.result }).equal).toBe(true);
  });

  it('a session over its byte budget fails with STREAM_BUDGET_EXCEEDED on both runtimes and is released', async () => {
    const rt = await runtimes();
    for (const side of [rt.ts, rt.wasm]) {
      const s = await side.open({ protocol: 'responses', maxBytes: 100 });
      await s.push('x'.repeat(60));
      await expect(s.push('y'.repeat(60))).rejects.toMatchObject({ code: 'OPERATION_FAILED', detail: { code: 'STREAM_BUDGET_EXCEEDED' } });
      expect(s.open).toBe(false);
      await expect(s.push('z')).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
    }
  });

  it('memory stays bounded: sessions opened, fed and closed unfinished are released and their memory reused', async () => {
    const rt = await runtimes();
    const chunk = 'event: response.output_text.delta\ndata: {"delta":"' + 'é'.repeat(2000) + '"}\n\n';
    const round = async (): Promise<void> => {
      for (let i = 0; i < 250; i++) {
        const s = await rt.wasm.open({ protocol: 'responses' });
        await s.push(chunk);
        await s.push(chunk.slice(0, 100));
        s.close();
      }
    };
    await round();
    const pages = streaming.stats('wasm').memory?.pages ?? 0;
    await round();
    await round();
    expect(streaming.stats('wasm').memory?.pages ?? 0).toBeLessThanOrEqual(pages);
    expect(streaming.stats('wasm').sessions).toMatchObject({ open: 0 });
  });

  it('finish after close is refused; an empty stream finishes', async () => {
    const rt = await runtimes();
    const t = await rt.ts.open({ protocol: 'chat' });
    t.close();
    await expect(t.finish()).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
    const out = await runSession(rt.wasm.open, { protocol: 'chat' }, []);
    expect(out.result.status).toBe('ok');
  });

  it('options are validated at the boundary on both runtimes (INPUT_INVALID naming the field)', async () => {
    const rt = await runtimes();
    for (const side of [rt.ts, rt.wasm]) {
      await expect(side.open({ protocol: 'sse' } as never)).rejects.toMatchObject({ code: 'INPUT_INVALID', detail: { path: '/protocol' } });
    }
  });
});
