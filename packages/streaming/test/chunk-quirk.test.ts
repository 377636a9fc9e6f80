// The llms quirk our adapters avoid (docs/llms-facts.md, "Chunk types"): its decoders stringify each
// Buffer chunk on its own, so a character cut across two chunks becomes U+FFFD. Fed raw Buffer chunks,
// llms produces a different stream — and the comparator flags it; it is never canonicalized away.
import { describe, expect, it } from 'vitest';
import { judge } from './helpers/judge.js';
import type { DecodeOutput } from '../src/contract.js';
import { LLMS_042, importLlmsFile } from '../src/internal/llms-binding.js';
import { everyN, runSession } from './helpers/rechunk.js';
import { runtimes } from './helpers/runtimes.js';

const sse = ['response.created', 'response.output_item.added', 'response.content_part.added', 'response.output_text.delta', 'response.output_text.done', 'response.completed']
  .map((type) => {
    const data: Record<string, unknown> = { type };
    if (type === 'response.created') data['response'] = { id: 'resp_1', model: 'm' };
    if (type === 'response.output_item.added') data['item'] = { id: 'msg_1', type: 'message', role: 'assistant' };
    if (type === 'response.content_part.added') Object.assign(data, { item_id: 'msg_1', content_index: 0, part: { type: 'output_text', text: '' } });
    if (type === 'response.output_text.delta') Object.assign(data, { item_id: 'msg_1', content_index: 0, delta: '你好，世界 😀 — ünïcödé' });
    if (type === 'response.output_text.done') Object.assign(data, { item_id: 'msg_1', content_index: 0 });
    return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
  })
  .join('');

describe('Buffer chunks straight into llms', () => {
  it('split characters become U+FFFD in llms, and the comparator flags the difference', async () => {
    const { ResponsesSseToJsonConverter } = await importLlmsFile<{ ResponsesSseToJsonConverter: new () => { convertSseToJson(i: AsyncIterable<Buffer>, o: object): Promise<unknown> } }>(LLMS_042, 'dist/sse/index.js');
    const buffers = everyN(new TextEncoder().encode(sse), 5).map((b) => Buffer.from(b));
    async function* feed(): AsyncGenerator<Buffer> {
      for (const b of buffers) yield b;
    }
    const raw = (await new ResponsesSseToJsonConverter().convertSseToJson(feed(), { requestId: 'q', model: 'm' })) as { output: { content: { text: string }[] }[] };
    const text = raw.output[0]?.content[0]?.text ?? '';
    expect(text).toContain('\ufffd');

    const rt = await runtimes();
    const ours = await runSession(rt.wasm.open, { protocol: 'responses' }, buffers);
    const oursText = (ours.result as { response: { output: { content: { text: string }[] }[] } }).response.output[0]?.content[0]?.text;
    expect(oursText).toBe('你好，世界 😀 — ünïcödé');
    // The TS runtime's feeding (one streaming UTF-8 decoder) gives the same as WASM, whatever the cuts.
    const tsFed = await runSession(rt.ts.open, { protocol: 'responses' }, buffers);
    expect(judge(ours, tsFed).equal).toBe(true);

    const quirky: DecodeOutput = { ...ours, result: { protocol: 'responses', status: 'ok', response: JSON.parse(JSON.stringify(raw)) as unknown } };
    const summary = judge(ours, quirky);
    expect(summary.equal).toBe(false);
    expect(summary.result.some((d) => d.path === '/result/response/output/0/content/0/text')).toBe(true);
  });
});
