// Tests what ships: the built package imports, instantiates its .wasm and decodes on both runtimes.
import { describe, expect, it } from 'vitest';

describe('built package', () => {
  it('imports dist/index.js and runs both runtimes', async () => {
    const { streaming } = (await import('../dist/index.js')) as typeof import('../src/index.js');
    const sse = 'event: gemini.data\ndata: {"candidateIndex":0,"part":{"text":"hi"}}\n\nevent: gemini.done\ndata: {"candidates":[{"index":0,"finishReason":"STOP"}]}\n\n';
    const want = { status: 'ok', response: { candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] }, finishReason: 'STOP' }] } };
    await expect(streaming.runtimes.wasm.decode({ protocol: 'gemini', sse })).resolves.toMatchObject({ protocol: 'gemini', result: want });
    await expect(streaming.runtimes.ts.decode({ protocol: 'gemini', sse })).resolves.toMatchObject({ protocol: 'gemini', result: want });
    expect(streaming.status('wasm')).toMatchObject({ state: 'ready', details: { traps: 0 } });
  });
});
