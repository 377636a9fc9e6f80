// The sse-v1 comparator: unit cases, rulesets, and the mutation check on real streams — seeded
// mutations (drop an event, change one token, swap two deltas, duplicate the final arguments as a
// proxy bug does) are all flagged; pure re-chunkings (other byte cuts, a delta split or merged) never.
import { describe, expect, it } from 'vitest';
import { compareStreaming } from '../src/comparator.js';
import { summarizeStreamDiff } from '../src/compare.js';
import type { CanonicalEvent, DecodeOutput } from '../src/contract.js';
import { eventTokens } from '../src/internal/tokens.js';
import { SSE_V1 } from '../src/sse-protocol.js';
import { capturedStreams, producedStreams } from './helpers/produced-streams.js';
import { cutAt, everyN, randomCuts, runSession, seeded } from './helpers/rechunk.js';
import { judge } from './helpers/judge.js';
import { runtimes } from './helpers/runtimes.js';
import { editable, renumber, tokenOf, withToken } from './helpers/token-edit.js';

const frame = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const sample = [
  frame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text' } }),
  frame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello ' } }),
  frame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'world' } }),
  frame('content_block_stop', { type: 'content_block_stop', index: 0 }),
  frame('message_stop', { type: 'message_stop' }),
].join('');

async function decoded(): Promise<DecodeOutput> {
  return (await runtimes()).wasm.decode({ protocol: 'anthropic', sse: sample });
}

describe('summarizeStreamDiff', () => {
  it('equal streams are equal; a delta split in two is the same stream under chunk_boundaries: ignore', async () => {
    const out = await decoded();
    expect(summarizeStreamDiff(out, out).equal).toBe(true);
    const first = out.events[1] as CanonicalEvent;
    const split = renumber([...out.events.slice(0, 1), withToken('anthropic', first, 'Hel'), withToken('anthropic', first, 'lo '), ...out.events.slice(2)]);
    const resplit = { ...out, events: split };
    expect(summarizeStreamDiff(out, resplit).equal).toBe(true);
    const strict = summarizeStreamDiff(out, resplit, { sseProtocol: { ...SSE_V1, chunk_boundaries: 'strict' } });
    expect(strict.equal).toBe(false);
  });

  it('a dropped structural event is removed with its ordinal; an inserted one added', async () => {
    const out = await decoded();
    const dropped = { ...out, events: renumber(out.events.filter((_, i) => i !== 3)) };
    expect(summarizeStreamDiff(out, dropped)).toMatchObject({ equal: false, removed: [{ ordinal_index: 3, event_type: 'content_block_stop' }], added: [], first_diverging_token: null });
    expect(summarizeStreamDiff(dropped, out)).toMatchObject({ added: [{ ordinal_index: 3, event_type: 'content_block_stop' }] });
  });

  it('a changed token names the stream, the offset and the events on both sides', async () => {
    const out = await decoded();
    const changed = { ...out, events: out.events.map((e, i) => (i === 2 ? withToken('anthropic', e, 'wOrld') : e)) };
    expect(summarizeStreamDiff(out, changed).first_diverging_token).toEqual({ stream: 'text/0', offset: 7, left_event: 2, right_event: 2, left: 'orld', right: 'Orld' });
  });

  it('a payload change is mismatched with its path; a digest that lies about its payload is flagged', async () => {
    const out = await decoded();
    const payload = structuredClone(out.events[3]?.normalized_payload) as Record<string, unknown>;
    payload['index'] = 9;
    const changed = { ...out, events: out.events.map((e, i) => (i === 3 ? { ...e, normalized_payload: payload } : e)) };
    expect(summarizeStreamDiff(out, changed).mismatched).toEqual([{ left_index: 3, right_index: 3, event_type: 'content_block_stop', diff: [{ path: '/index', kind: 'changed', left: '0', right: '9' }] }]);
    const lying = { ...out, events: out.events.map((e, i) => (i === 1 ? { ...e, token_digest: 'text/0=00000000' } : e)) };
    expect(summarizeStreamDiff(out, lying).equal).toBe(false);
  });

  it('aggregates and failures are compared; ruleset hooks normalize generated values', async () => {
    const out = await decoded();
    if (out.result.status !== 'ok') throw new Error('sample must decode');
    const other = { ...out, result: { protocol: 'anthropic' as const, status: 'ok' as const, response: { ...(out.result.response as object), id: 'msg_1796113802858' } } };
    expect(summarizeStreamDiff(out, other).result).toEqual([{ path: '/result/response/id', kind: 'changed', left: expect.any(String), right: '"msg_1796113802858"' }]);
    const ignoreId = { ignore: (p: string) => p === '/result/response/id' };
    expect(summarizeStreamDiff(out, other, ignoreId).equal).toBe(true);
    const failed = { ...out, result: { protocol: 'anthropic' as const, status: 'failed' as const, code: 'X', message: 'm' } };
    expect(summarizeStreamDiff(out, failed).result).toEqual([{ path: '/result/status', kind: 'changed', left: 'ok', right: 'failed X' }]);
    expect(compareStreaming('decode', out as never, failed as never, { options: {}, pass: 'normalized', ruleset: null, section: undefined })).toEqual([{ path: '/result/status', kind: 'changed', left: 'ok', right: 'failed X' }]);
  });

  it('the worked example of docs/sse-protocol.md: "Hi" against "Ho"', async () => {
    const rt = await runtimes();
    const f = (d: unknown): string => `data: ${JSON.stringify(d)}\n\n`;
    const sse = (t: string): string => f({ type: 'content_block_start', index: 0, content_block: { type: 'text' } }) + f({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: t } }) + f({ type: 'message_stop' });
    const s = judge(await rt.ts.decode({ protocol: 'anthropic', sse: sse('Hi') }), await rt.wasm.decode({ protocol: 'anthropic', sse: sse('Ho') }));
    expect(s).toMatchObject({ equal: false, added: [], removed: [], mismatched: [], first_diverging_token: { stream: 'text/0', offset: 1, left_event: 1, right_event: 1, left: 'i', right: 'o' } });
    expect(s.result.map((d) => d.path)).toEqual(['/result/response/content/0/text']);
  });

  it('refuses an sse_protocol it does not implement', async () => {
    const out = await decoded();
    expect(() => summarizeStreamDiff(out, out, { sseProtocol: { ...SSE_V1, version: 'sse-v2' as 'sse-v1' } })).toThrow(/sse-v2 is not supported/);
  });
});

type Mutant = { name: string; events: CanonicalEvent[] };

/** Seeded mutations of one decoded stream; each must change the judgement. */
function mutants(out: DecodeOutput, seed: number): Mutant[] {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const ev = out.events;
  const tokenIdx = ev.map((e, i) => (editable(out.result.protocol, e) && tokenOf(out.result.protocol, e).length > 0 ? i : -1)).filter((i) => i >= 0);
  const dropAt = Math.floor(rnd() * ev.length);
  const list: Mutant[] = [{ name: 'drop an event', events: renumber(ev.filter((_, i) => i !== dropAt)) }];
  if (tokenIdx.length > 0) {
    const t = pick(tokenIdx);
    list.push({ name: 'change one token', events: ev.map((e, i) => (i === t ? withToken(out.result.protocol, e, `${tokenOf(out.result.protocol, e)}\u2063`) : e)) });
    // two deltas of the same stream whose swap changes the sequence
    const streamOf = (i: number): string => eventTokens(out.result.protocol, ev[i]?.event_type ?? '', ev[i]?.normalized_payload)[0]?.stream ?? '';
    const pairs: [number, number][] = [];
    for (let a = 0; a < tokenIdx.length; a++) {
      for (let b = a + 1; b < tokenIdx.length && pairs.length < 50; b++) {
        const i = tokenIdx[a] as number;
        const k = tokenIdx[b] as number;
        const ti = tokenOf(out.result.protocol, ev[i] as CanonicalEvent);
        const tk = tokenOf(out.result.protocol, ev[k] as CanonicalEvent);
        if (streamOf(i) === streamOf(k) && ti + tk !== tk + ti) pairs.push([i, k]);
      }
    }
    if (pairs.length > 0) {
      const [i, k] = pick(pairs);
      list.push({ name: 'swap two deltas', events: ev.map((e, n) => (n === i ? withToken(out.result.protocol, e, tokenOf(out.result.protocol, ev[k] as CanonicalEvent)) : n === k ? withToken(out.result.protocol, e, tokenOf(out.result.protocol, ev[i] as CanonicalEvent)) : e)) });
    }
  }
  // A proxy that re-sends the complete arguments as one more delta (the doubled-arguments bug).
  const argIdx = ev.map((e, i) => (editable(out.result.protocol, e) && /arguments|input\//.test(eventTokens(out.result.protocol, e.event_type, e.normalized_payload)[0]?.stream ?? '') ? i : -1)).filter((i) => i >= 0);
  if (argIdx.length > 0) {
    const last = argIdx[argIdx.length - 1] as number;
    const stream = eventTokens(out.result.protocol, ev[last]?.event_type ?? '', ev[last]?.normalized_payload)[0]?.stream;
    const full = argIdx.filter((i) => eventTokens(out.result.protocol, ev[i]?.event_type ?? '', ev[i]?.normalized_payload)[0]?.stream === stream).map((i) => tokenOf(out.result.protocol, ev[i] as CanonicalEvent)).join('');
    list.push({ name: 'duplicate the final arguments', events: renumber([...ev.slice(0, last + 1), withToken(out.result.protocol, ev[last] as CanonicalEvent, full), ...ev.slice(last + 1)]) });
  }
  return list;
}

/** Pure re-chunkings at the event level: one delta split in two, two adjacent deltas of a stream merged. */
function resplits(out: DecodeOutput, seed: number): Mutant[] {
  const rnd = seeded(seed);
  const ev = out.events;
  const list: Mutant[] = [];
  const splittable = ev.map((e, i) => (editable(out.result.protocol, e) && tokenOf(out.result.protocol, e).length > 1 ? i : -1)).filter((i) => i >= 0);
  if (splittable.length > 0) {
    const i = splittable[Math.floor(rnd() * splittable.length)] as number;
    const text = tokenOf(out.result.protocol, ev[i] as CanonicalEvent);
    let at = 1 + Math.floor(rnd() * (text.length - 1));
    if (/[\udc00-\udfff]/.test(text[at] ?? '')) at -= 1;
    if (at > 0) list.push({ name: 'split a delta', events: renumber([...ev.slice(0, i), withToken(out.result.protocol, ev[i] as CanonicalEvent, text.slice(0, at)), withToken(out.result.protocol, ev[i] as CanonicalEvent, text.slice(at)), ...ev.slice(i + 1)]) });
  }
  return list;
}

describe('mutation check on real streams', () => {
  it('flags every seeded mutation and none of the pure re-chunkings', async () => {
    const rt = await runtimes();
    const produced = await producedStreams();
    const streams = [...capturedStreams().filter((_, i) => i % 4 === 0), ...produced.filter((_, i) => i % 6 === 0)];
    const missed: string[] = [];
    const falseAlarms: string[] = [];
    const counts: Record<string, number> = {};
    for (const [n, st] of streams.entries()) {
      const out = await rt.wasm.decode({ protocol: st.protocol, sse: st.sse });
      for (const m of mutants(out, n + 1)) {
        counts[m.name] = (counts[m.name] ?? 0) + 1;
        if (judge(out, { ...out, events: m.events }).equal) missed.push(`${st.id}: ${m.name}`);
      }
      const bytes = new TextEncoder().encode(st.sse);
      const rechunked = await runSession(rt.wasm.open, { protocol: st.protocol }, cutAt(bytes, randomCuts(bytes.length, 9, n + 101)));
      counts['re-cut bytes'] = (counts['re-cut bytes'] ?? 0) + 1;
      if (!judge(out, rechunked).equal) falseAlarms.push(`${st.id}: re-cut bytes`);
      const small = await runSession(rt.wasm.open, { protocol: st.protocol }, everyN(bytes, 5));
      if (!judge(out, small).equal) falseAlarms.push(`${st.id}: 5-byte chunks`);
      for (const r of resplits(out, n + 7)) {
        counts[r.name] = (counts[r.name] ?? 0) + 1;
        if (!judge(out, { ...out, events: r.events }).equal) falseAlarms.push(`${st.id}: ${r.name}`);
      }
    }
    console.info(`mutation check over ${streams.length} streams: ${JSON.stringify(counts)}`);
    expect(missed).toEqual([]);
    expect(falseAlarms).toEqual([]);
    // Every kind of mutation and re-chunking was exercised many times.
    for (const name of ['drop an event', 'change one token', 'swap two deltas', 'duplicate the final arguments', 're-cut bytes', 'split a delta']) expect(counts[name] ?? 0, name).toBeGreaterThan(20);
  });
});
