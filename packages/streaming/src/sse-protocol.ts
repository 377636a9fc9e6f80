/**
 * The ruleset's `sse_protocol` section (rulesets/diff_ruleset_v*.json), which names the canonical event
 * protocol a comparison runs under. Only `sse-v1` exists (docs/sse-protocol.md).
 */
export interface SseProtocolSection {
  readonly version: 'sse-v1';
  readonly canonical_event_fields: readonly string[];
  /** `ignore`: a delta split differently is the same stream; `strict`: token events must match one to one. */
  readonly chunk_boundaries: 'ignore' | 'strict';
  /** Always `strict` in sse-v1: the final token sequence per stream must be identical. */
  readonly final_token_sequence: 'strict';
}

/** sse-v1 as rulesets/diff_ruleset_v1.json states it (used when a caller passes no section). */
export const SSE_V1: SseProtocolSection = {
  version: 'sse-v1',
  canonical_event_fields: ['event_type', 'ordinal_index', 'normalized_payload', 'token_digest'],
  chunk_boundaries: 'ignore',
  final_token_sequence: 'strict',
};

/** Checks a section handed in from a ruleset. @throws Error naming what is wrong */
export function checkSseProtocol(section: SseProtocolSection): SseProtocolSection {
  if (section.version !== 'sse-v1') throw new Error(`sse_protocol.version ${String(section.version)} is not supported (this module implements sse-v1)`);
  const want = SSE_V1.canonical_event_fields.join(',');
  if ([...section.canonical_event_fields].join(',') !== want) throw new Error(`sse_protocol.canonical_event_fields must be ${want}`);
  if (section.chunk_boundaries !== 'ignore' && section.chunk_boundaries !== 'strict') throw new Error('sse_protocol.chunk_boundaries must be ignore or strict');
  if (section.final_token_sequence !== 'strict') throw new Error('sse_protocol.final_token_sequence must be strict in sse-v1');
  return section;
}
