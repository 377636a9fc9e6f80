import type { DiffEntry } from '@llms-wasm/module-kit';
import type { DiffRecord, DiffSummary, ShadowError } from '../records/diff-record.js';
import type { Redactor } from './redactor.js';
import { SECRET_MARKER } from './secret-patterns.js';

const STACK_HASH = /^stack:[0-9a-f]{16}$/;
const PREVIEW_CUT = /…\(\d+ chars\)$/;

function segmentsOf(path: string): string[] {
  if (path === '' || path === '/' || !path.startsWith('/')) return [];
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The name of a header pair (`{ name|key: 'Authorization', value }` or `['cookie', v]`), else null. */
function pairName(node: unknown): { name: string; tuple: boolean } | null {
  if (Array.isArray(node)) return node.length === 2 && typeof node[0] === 'string' ? { name: node[0], tuple: true } : null;
  if (typeof node !== 'object' || node === null) return null;
  const { name, key } = node as { name?: unknown; key?: unknown };
  if (typeof name === 'string') return { name, tuple: false };
  return typeof key === 'string' ? { name: key, tuple: false } : null;
}

/**
 * True when `path`, followed through `root` (a raw payload of the record), enters the value of a header
 * pair whose name is a credential (`/headers/3/value` where `/headers/3/name` is `Authorization`). A
 * path the payload does not have (a canonical form may differ) proves nothing and gives false.
 */
function entersCredentialPair(root: unknown, segments: readonly string[], isCredential: (name: string) => boolean): boolean {
  let node = root;
  for (const segment of segments) {
    const pair = pairName(node);
    if (pair !== null && isCredential(pair.name) && (pair.tuple ? segment === '1' : segment === 'value' || segment === 'values')) return true;
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  return false;
}

/** A preview module-kit wrote in full is JSON: parse it, so it is redacted as the value it shows. */
function parsePreview(text: string): { ok: true; value: unknown } | { ok: false } {
  if (PREVIEW_CUT.test(text)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * A redacted copy of a DiffRecord, field by field:
 * - identifiers (`id`, `requestId`, `tenant`, `route`, `module`, `operation`, `ruleset_version`, the
 *   shadow error `code`) follow the identifier rule: kept, or a consistent keyed hash (decision 0008);
 * - diff paths have every segment redacted like a payload key; a preview whose path has a credential
 *   name in any segment, or enters the value of a credential header pair in the record's payloads,
 *   becomes `[secret]`; any other preview is redacted as the value at its path (parsed when complete,
 *   so keys inside it are judged as keys; as text when module-kit cut it);
 * - free text (shadow error message, owner, fix location) goes through the text rules;
 * - each payload (`input`, `main`, `shadow`) is redacted as a whole payload.
 * Enums, numbers and a well-formed `stack_hash` are kept as they are.
 */
export function redactDiffRecord(record: DiffRecord, redactor: Redactor): DiffRecord {
  const text = (value: string): string => {
    const out = redactor.redact(value);
    return typeof out === 'string' ? out : JSON.stringify(out);
  };
  const id = (value: string): string => redactor.identifier(value);
  const idOrNull = (value: string | null): string | null => (value === null ? null : id(value));
  const roots = record.payload_refs === null ? [] : [record.payload_refs.main, record.payload_refs.shadow];

  const preview = (value: string, path: string): string => {
    const segments = segmentsOf(path);
    if (roots.some((root) => entersCredentialPair(root, segments, (name) => redactor.isCredentialName(name)))) return SECRET_MARKER;
    const parsed = parsePreview(value);
    const out = redactor.redact(parsed.ok ? parsed.value : value, path);
    if (out === SECRET_MARKER) return SECRET_MARKER;
    if (parsed.ok) return JSON.stringify(out) ?? 'null';
    return typeof out === 'string' ? out : JSON.stringify(out);
  };
  const entry = (e: DiffEntry): DiffEntry => {
    const out: { path: string; kind: DiffEntry['kind']; left?: string; right?: string } = { path: redactor.pointer(e.path), kind: e.kind };
    if (e.left !== undefined) out.left = preview(e.left, e.path);
    if (e.right !== undefined) out.right = preview(e.right, e.path);
    return out;
  };
  const summary = (s: DiffSummary): DiffSummary => ({
    entries: s.entries.map(entry),
    paths: s.paths.map((p) => redactor.pointer(p)),
    kinds: [...s.kinds],
    truncated: s.truncated,
  });
  const shadowError = (e: ShadowError): ShadowError => {
    const out: { code: string; message: string; stack_hash?: string } = { code: id(e.code), message: text(e.message) };
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
    id: id(record.id),
    requestId: id(record.requestId),
    tenant: idOrNull(record.tenant),
    route: idOrNull(record.route),
    module: id(record.module),
    operation: id(record.operation),
    runtime_main: record.runtime_main,
    runtime_shadow: record.runtime_shadow,
    ruleset_version: id(record.ruleset_version),
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
