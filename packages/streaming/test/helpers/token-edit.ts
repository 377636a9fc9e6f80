// Test-side editing of the one token run an event carries (for mutation checks): read and replace it,
// with the event's digest recomputed the way a runtime would.
import type { CanonicalEvent, Protocol } from '../../src/contract.js';
import { eventTokens, tokenDigest } from '../../src/internal/tokens.js';

type Obj = Record<string, unknown>;

/** The object holding the event's (first) token and its key. */
function holder(protocol: Protocol, type: string, payload: unknown): [Obj, string] | null {
  const p = payload as Obj;
  if (protocol === 'responses') return typeof p['delta'] === 'string' ? [p, 'delta'] : null;
  if (protocol === 'anthropic') {
    const d = p['delta'] as Obj | undefined;
    if (type !== 'content_block_delta' || !d) return null;
    return typeof d['text'] === 'string' ? [d, 'text'] : typeof d['partial_json'] === 'string' ? [d, 'partial_json'] : null;
  }
  if (protocol === 'gemini') return type === 'gemini.data' && typeof (p['part'] as Obj | undefined)?.['text'] === 'string' ? [p['part'] as Obj, 'text'] : null;
  const d = ((p['choices'] as Obj[] | undefined)?.[0]?.['delta'] ?? null) as Obj | null;
  if (type !== 'chat_chunk' || d === null) return null;
  if (typeof d['content'] === 'string') return [d, 'content'];
  const fn = (d['tool_calls'] as Obj[] | undefined)?.[0]?.['function'] as Obj | undefined;
  return fn && typeof fn['arguments'] === 'string' ? [fn, 'arguments'] : null;
}

/** Whether the event carries exactly one token run that can be edited. */
export function editable(protocol: Protocol, e: CanonicalEvent): boolean {
  return eventTokens(protocol, e.event_type, e.normalized_payload).length === 1 && holder(protocol, e.event_type, e.normalized_payload) !== null;
}

export function tokenOf(protocol: Protocol, e: CanonicalEvent): string {
  const h = holder(protocol, e.event_type, e.normalized_payload);
  return h ? String(h[0][h[1]]) : '';
}

/** A copy of `e` with its token replaced (digest recomputed). */
export function withToken(protocol: Protocol, e: CanonicalEvent, text: string): CanonicalEvent {
  const payload = structuredClone(e.normalized_payload);
  const h = holder(protocol, e.event_type, payload);
  if (h) h[0][h[1]] = text;
  return { ...e, normalized_payload: payload, token_digest: tokenDigest(eventTokens(protocol, e.event_type, payload)) };
}

/** Renumbers ordinals after an edit of the event list. */
export function renumber(events: readonly CanonicalEvent[]): CanonicalEvent[] {
  return events.map((e, i) => ({ ...e, ordinal_index: i }));
}
