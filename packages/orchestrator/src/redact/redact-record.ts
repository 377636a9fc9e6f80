import type { DiffEntry } from '@llms-wasm/module-kit';
import type { DiffRecord, DiffSummary, ShadowError } from '../records/diff-record.js';
import type { Redactor } from './redactor.js';

const STACK_HASH = /^stack:[0-9a-f]{16}$/;

/**
 * A redacted copy of a DiffRecord, field by field: every free-text field (ids, names, diff paths and
 * previews, shadow error code and message) goes through the text rules; each diff preview is redacted
 * as the value at its diff path, so PII path patterns (`/messages/*` …) apply to it; each payload
 * (`input`, `main`, `shadow`) is redacted as a whole payload. Enums, numbers and a well-formed
 * `stack_hash` are kept as they are.
 */
export function redactDiffRecord(record: DiffRecord, redactor: Redactor): DiffRecord {
  const text = (value: string, at?: string): string => {
    const out = redactor.redact(value, at);
    return typeof out === 'string' ? out : JSON.stringify(out);
  };
  const maybe = (value: string | null): string | null => (value === null ? null : text(value));

  const entry = (e: DiffEntry): DiffEntry => {
    const out: { path: string; kind: DiffEntry['kind']; left?: string; right?: string } = { path: text(e.path), kind: e.kind };
    if (e.left !== undefined) out.left = text(e.left, e.path);
    if (e.right !== undefined) out.right = text(e.right, e.path);
    return out;
  };
  const summary = (s: DiffSummary): DiffSummary => ({
    entries: s.entries.map(entry),
    paths: s.paths.map((p) => text(p)),
    kinds: [...s.kinds],
    truncated: s.truncated,
  });
  const shadowError = (e: ShadowError): ShadowError => {
    const out: { code: string; message: string; stack_hash?: string } = { code: text(e.code), message: text(e.message) };
    if (e.stack_hash !== undefined) out.stack_hash = STACK_HASH.test(e.stack_hash) ? e.stack_hash : text(e.stack_hash);
    return out;
  };
  const payloads = (p: NonNullable<DiffRecord['payload_refs']>): DiffRecord['payload_refs'] => {
    const out: { input?: unknown; main?: unknown; shadow?: unknown } = {};
    if (p.input !== undefined) out.input = redactor.redact(p.input);
    if (p.main !== undefined) out.main = redactor.redact(p.main);
    if (p.shadow !== undefined) out.shadow = redactor.redact(p.shadow);
    return out;
  };

  return {
    id: text(record.id),
    requestId: text(record.requestId),
    tenant: maybe(record.tenant),
    route: maybe(record.route),
    module: text(record.module),
    operation: text(record.operation),
    runtime_main: record.runtime_main,
    runtime_shadow: record.runtime_shadow,
    ruleset_version: text(record.ruleset_version),
    status: record.status,
    diff_summary: record.diff_summary === null ? null : summary(record.diff_summary),
    classification: record.classification,
    owner: text(record.owner),
    fix_location: text(record.fix_location),
    latency_main_ms: record.latency_main_ms,
    latency_shadow_ms: record.latency_shadow_ms,
    shadow_error: record.shadow_error === null ? null : shadowError(record.shadow_error),
    payload_refs: record.payload_refs === null ? null : payloads(record.payload_refs),
    timestamp: record.timestamp,
  };
}
