// Tests what ships: the built package imports, instantiates its .wasm and decodes on both runtimes,
// whole and through a session.
import { describe, expect, it } from 'vitest';

describe('built package', () => {
  it('imports dist/index.js and runs both runtimes', async () => {
    const { streaming } = (await import('../dist/index.js')) as typeof import('../src/index.js');
    const sse = 'event: gemini.data\ndata: {"candidateIndex":0,"part":{"text":"hi"}}\n\nevent: gemini.done\ndata: {"candidates":[{"index":0,"finishReason":"STOP"}]}\n\n';
    const want = { protocol: 'gemini', status: 'ok', response: { candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] }, finishReason: 'STOP' }] } };
    await expect(streaming.runtimes.wasm.decodeWhole({ protocol: 'gemini', sse })).resolves.toMatchObject({ result: want });
    await expect(streaming.runtimes.ts.decodeWhole({ protocol: 'gemini', sse })).resolves.toMatchObject({ result: want });
    const session = await streaming.runtimes.wasm.decode.open({ protocol: 'gemini' });
    const events = await session.push(new TextEncoder().encode(sse));
    expect(events.map((e) => e.event_type)).toEqual(['gemini.data', 'gemini.done']);
    await expect(session.finish()).resolves.toMatchObject({ events: [], result: want });
    expect(streaming.stats('wasm')).toMatchObject({ state: 'ready' });
  });
});
