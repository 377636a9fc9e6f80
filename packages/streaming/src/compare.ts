import { diffValues, type DiffEntry, type DiffOptions } from '@llms-wasm/module-kit';
import type { CanonicalEvent, DecodeOutput, DecodeResult } from './contract.js';
import { align } from './internal/align.js';
import { normalizedKey, scoped } from './internal/normalized-key.js';
import { eventTokens, tokenDigest } from './internal/tokens.js';
import { SSE_V1, checkSseProtocol, type SseProtocolSection } from './sse-protocol.js';

/** Diff options plus the ruleset's `sse_protocol` section. */
export interface StreamDiffOptions extends DiffOptions {
  readonly sseProtocol?: SseProtocolSection;
  /** `strict` (default): a failed decode must match in code and message; `code_only`: in code. */
  readonly failureMessages?: 'strict' | 'code_only';
}

/** Where the final token sequences of one stream first differ. */
export interface TokenDivergence {
  readonly stream: string;
  /** UTF-16 offset of the first differing character in the concatenated stream. */
  readonly offset: number;
  /** Ordinal of the event carrying that character on each side (-1 when the side has ended). */
  readonly left_event: number;
  readonly right_event: number;
  readonly left: string;
  readonly right: string;
}

/** The minimal summary of a failing stream comparison (docs/sse-protocol.md, "Judgement"). */
export interface StreamDiffSummary {
  readonly protocol_version: 'sse-v1';
  readonly added: readonly { readonly ordinal_index: number; readonly event_type: string }[];
  readonly removed: readonly { readonly ordinal_index: number; readonly event_type: string }[];
  readonly mismatched: readonly { readonly left_index: number; readonly right_index: number; readonly event_type: string; readonly diff: readonly DiffEntry[] }[];
  readonly first_diverging_token: TokenDivergence | null;
  readonly result: readonly DiffEntry[];
  /** True when nothing differs. */
  readonly equal: boolean;
}

interface Side {
  readonly events: readonly CanonicalEvent[];
  readonly compared: number[]; // indices of the events compared one to one
  readonly streams: Map<string, { text: string; owners: number[] }>; // owners[k]: ordinal of the event that wrote char k
  readonly badDigest: number[];
}

function sideOf(out: DecodeOutput, strict: boolean): Side {
  const side: Side = { events: out.events, compared: [], streams: new Map(), badDigest: [] };
  out.events.forEach((e, i) => {
    const tokens = eventTokens(out.result.protocol, e.event_type, e.normalized_payload);
    if (tokenDigest(tokens) !== e.token_digest) side.badDigest.push(i);
    if (strict || tokens.length === 0) side.compared.push(i);
    for (const t of tokens) {
      const s = side.streams.get(t.stream) ?? { text: '', owners: [] };
      s.text += t.text;
      for (let k = 0; k < t.text.length; k++) s.owners.push(e.ordinal_index);
      side.streams.set(t.stream, s);
    }
  });
  return side;
}

function firstDivergence(a: Side, b: Side): TokenDivergence | null {
  const names = [...new Set([...a.streams.keys(), ...b.streams.keys()])].sort();
  for (const stream of names) {
    const l = a.streams.get(stream) ?? { text: '', owners: [] };
    const r = b.streams.get(stream) ?? { text: '', owners: [] };
    if (l.text === r.text) continue;
    let k = 0;
    while (k < l.text.length && k < r.text.length && l.text.charCodeAt(k) === r.text.charCodeAt(k)) k++;
    return { stream, offset: k, left_event: l.owners[k] ?? -1, right_event: r.owners[k] ?? -1, left: l.text.slice(k, k + 40), right: r.text.slice(k, k + 40) };
  }
  return null;
}

function compareResults(l: DecodeResult, r: DecodeResult, options: StreamDiffOptions): DiffEntry[] {
  if (l.status === 'ok' && r.status === 'ok') return diffValues(l.response, r.response, scoped(options, '/result/response')).map((d) => ({ ...d, path: `/result/response${d.path === '/' ? '' : d.path}` }));
  if (l.status === 'failed' && r.status === 'failed') {
    return l.code === r.code && (l.message === r.message || options.failureMessages === 'code_only') ? [] : [{ path: '/result', kind: 'changed', left: `${l.code}: ${l.message}`.slice(0, 200), right: `${r.code}: ${r.message}`.slice(0, 200) }];
  }
  return [{ path: '/result/status', kind: 'changed', left: l.status === 'ok' ? 'ok' : `failed ${l.code}`, right: r.status === 'ok' ? 'ok' : `failed ${r.code}` }];
}

/**
 * Compares two decode outputs under sse-v1: structural events aligned (added / removed / mismatched
 * with their ordinals), the final token sequence of every stream strictly (first diverging token),
 * each side's token digests against its own payloads, and the aggregates.
 */
export function summarizeStreamDiff(left: DecodeOutput, right: DecodeOutput, options: StreamDiffOptions = {}): StreamDiffSummary {
  const protocol = checkSseProtocol(options.sseProtocol ?? SSE_V1);
  const strict = protocol.chunk_boundaries === 'strict';
  const a = sideOf(left, strict);
  const b = sideOf(right, strict);
  const payloadOptions = scoped(options, '/normalized_payload');
  const keyOf = (e: CanonicalEvent): string => `${e.event_type}\u0000${normalizedKey(e.normalized_payload, '/normalized_payload', options)}${strict ? `\u0000${e.token_digest ?? ''}` : ''}`;
  const ka = a.compared.map((i) => keyOf(a.events[i] as CanonicalEvent));
  const kb = b.compared.map((i) => keyOf(b.events[i] as CanonicalEvent));
  const added: { ordinal_index: number; event_type: string }[] = [];
  const removed: { ordinal_index: number; event_type: string }[] = [];
  const mismatched: { left_index: number; right_index: number; event_type: string; diff: DiffEntry[] }[] = [];
  const steps = align(ka.length, kb.length, (i, j) => ka[i] === kb[j]);
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s];
    const next = steps[s + 1];
    if (step === undefined || step.kind === 'match') continue;
    if (step.kind === 'left') {
      const le = a.events[a.compared[step.left] as number] as CanonicalEvent;
      if (next?.kind === 'right') {
        const re = b.events[b.compared[next.right] as number] as CanonicalEvent;
        if (re.event_type === le.event_type) {
          const diff = diffValues(le.normalized_payload, re.normalized_payload, payloadOptions);
          if (strict && le.token_digest !== re.token_digest) diff.push({ path: '/token_digest', kind: 'changed', left: String(le.token_digest), right: String(re.token_digest) });
          mismatched.push({ left_index: le.ordinal_index, right_index: re.ordinal_index, event_type: le.event_type, diff });
          s++;
          continue;
        }
      }
      removed.push({ ordinal_index: le.ordinal_index, event_type: le.event_type });
    } else {
      const re = b.events[b.compared[step.right] as number] as CanonicalEvent;
      added.push({ ordinal_index: re.ordinal_index, event_type: re.event_type });
    }
  }
  // A digest that does not match its own payload's tokens is a mismatch of that side.
  for (const i of a.badDigest) {
    const e = a.events[i] as CanonicalEvent;
    mismatched.push({ left_index: e.ordinal_index, right_index: -1, event_type: e.event_type, diff: [{ path: '/token_digest', kind: 'changed', left: String(e.token_digest) }] });
  }
  for (const i of b.badDigest) {
    const e = b.events[i] as CanonicalEvent;
    mismatched.push({ left_index: -1, right_index: e.ordinal_index, event_type: e.event_type, diff: [{ path: '/token_digest', kind: 'changed', right: String(e.token_digest) }] });
  }
  const first = firstDivergence(a, b);
  const result = compareResults(left.result, right.result, options);
  const protocolDiff: DiffEntry[] = left.result.protocol === right.result.protocol ? [] : [{ path: '/result/protocol', kind: 'changed', left: left.result.protocol, right: right.result.protocol }];
  return {
    protocol_version: 'sse-v1',
    added,
    removed,
    mismatched,
    first_diverging_token: first,
    result: [...protocolDiff, ...result],
    equal: added.length === 0 && removed.length === 0 && mismatched.length === 0 && first === null && result.length === 0 && protocolDiff.length === 0,
  };
}

/** The summary as module-kit diff entries (paths name the event ordinal, the token stream or the result). */
export function summaryEntries(summary: StreamDiffSummary, max = 50): DiffEntry[] {
  const out: DiffEntry[] = [];
  for (const r of summary.removed) out.push({ path: `/events/${r.ordinal_index}`, kind: 'removed', left: r.event_type });
  for (const a of summary.added) out.push({ path: `/events/${a.ordinal_index}`, kind: 'added', right: a.event_type });
  for (const m of summary.mismatched) {
    const at = `/events/${m.left_index >= 0 ? m.left_index : m.right_index}`;
    if (m.diff.length === 0) out.push({ path: at, kind: 'changed', left: m.event_type, right: m.event_type });
    for (const d of m.diff) out.push({ ...d, path: `${at}${d.path.startsWith('/token_digest') ? '' : '/normalized_payload'}${d.path === '/' ? '' : d.path}` });
  }
  const t = summary.first_diverging_token;
  if (t) out.push({ path: `/tokens/${t.stream.replace(/~/g, '~0').replace(/\//g, '~1')}/${t.offset}`, kind: 'changed', left: `event ${t.left_event}: ${JSON.stringify(t.left)}`, right: `event ${t.right_event}: ${JSON.stringify(t.right)}` });
  out.push(...summary.result);
  return out.slice(0, max);
}
