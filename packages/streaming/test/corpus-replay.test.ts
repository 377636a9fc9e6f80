// Replay: every captured stream of ../shared/corpus/streaming.jsonl, and the Chat / Anthropic / Gemini /
// Responses streams produced from compat.jsonl with the llms encoders, decoded whole and re-chunked at
// seeded random split points (and in 64-byte chunks) through both runtimes: 0 differences.
import { replayCorpus } from '@llms-wasm/module-kit/testing';
import { describe, expect, it } from 'vitest';
import { judge } from './helpers/judge.js';
import { streaming } from '../src/index.js';
import { capturedStreams, producedStreams, type ProducedStream } from './helpers/produced-streams.js';
import { cutAt, everyN, randomCuts } from './helpers/rechunk.js';
import { runtimes } from './helpers/runtimes.js';

const SEEDS = [1, 2, 3];

async function replay(streams: readonly ProducedStream[]): Promise<{ differences: string[]; decodedOk: number; calls: number }> {
  const rt = await runtimes();
  const differences: string[] = [];
  let decodedOk = 0;
  let calls = 0;
  for (const st of streams) {
    const whole = await rt.ts.decode({ protocol: st.protocol, sse: st.sse });
    if (whole.result.status === 'ok') decodedOk++;
    const check = (label: string, other: typeof whole): void => {
      calls++;
      const s = judge(whole, other);
      if (!s.equal) differences.push(`${st.id} ${label}: ${JSON.stringify(s).slice(0, 400)}`);
    };
    check('wasm whole', await rt.wasm.decode({ protocol: st.protocol, sse: st.sse }));
    const bytes = new TextEncoder().encode(st.sse);
    const runs: [string, Uint8Array[]][] = [['64-byte chunks', everyN(bytes, 64)], ...SEEDS.map((seed): [string, Uint8Array[]] => [`seed ${seed}`, cutAt(bytes, randomCuts(bytes.length, 12, seed * 7919 + bytes.length))])];
    for (const [label, chunks] of runs) {
      const both = await rt.chunked({ protocol: st.protocol }, chunks);
      check(`ts ${label}`, both.ts);
      check(`wasm ${label}`, both.wasm);
    }
  }
  return { differences, decodedOk, calls };
}

describe('streaming corpus replay', () => {
  it('module-kit replay (decodeWhole under the ruleset in force): every case maps, 0 disagreements', async () => {
    const report = await replayCorpus(streaming);
    expect(report.unmapped).toEqual([]);
    expect(report.disagreements).toEqual([]);
    expect(report.primaryFailures).toEqual([]);
    expect(report.matched).toBe(report.cases);
  });

  it('captured streams: the same events and aggregate on both runtimes, whole and re-chunked', async () => {
    const streams = capturedStreams();
    expect(streams.length).toBe(162);
    const r = await replay(streams);
    expect(r.differences).toEqual([]);
    expect(r.calls).toBe(162 * 9);
    // 159 Responses streams decode; the synthetic required_action one and the two gateway error streams fail the same way on both.
    expect(r.decodedOk).toBe(159);
  });

  it('streams produced from compat.jsonl with the llms encoders: the same on both runtimes', async () => {
    const streams = await producedStreams();
    const byProtocol = (p: string): number => streams.filter((s) => s.protocol === p).length;
    expect({ chat: byProtocol('chat'), anthropic: byProtocol('anthropic'), gemini: byProtocol('gemini') }).toEqual({ chat: 137, anthropic: 139, gemini: 137 });
    expect(byProtocol('responses')).toBeGreaterThan(20);
    const r = await replay(streams);
    expect(r.differences).toEqual([]);
    // 19 Chat bodies make the 0.4.2 Chat encoder write an error frame (llms-facts.md); everything else decodes.
    expect(r.decodedOk).toBe(streams.length - 19);
  });
});
