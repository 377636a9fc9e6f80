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

/** The parts of a record that can hold payload data, as the shadow worker has them (unredacted). */
export interface ShadowParts {
  readonly summary: DiffSummary | null;
  readonly shadowError: ShadowError | null;
  readonly payloads: { readonly input?: unknown; readonly main?: unknown; readonly shadow?: unknown } | null;
}

/** Those parts, redacted. */
export interface RedactedParts {
  readonly summary: DiffSummary | null;
  readonly shadowError: ShadowError | null;
  readonly payloads: { readonly input?: unknown; readonly main?: unknown; readonly shadow?: unknown } | null;
}

function textOf(redactor: Redactor, value: string): string {
  const out = redactor.redact(value);
  return typeof out === 'string' ? out : JSON.stringify(out);
}

/**
 * Redacts what a comparison produced (the heavy half of a record; the shadow worker runs it):
 * - diff paths have every segment redacted like a payload key; a preview whose path has a credential
 *   name in any segment, or enters the value of a credential header pair in the payloads, becomes
 *   `[secret]`; any other preview is redacted as the value at its path (parsed when complete, so keys
 *   inside it are judged as keys; as text when module-kit cut it);
 * - the shadow error code follows the identifier rule, its message the text rules, a well-formed
 *   `stack_hash` is kept;
 * - each payload (`input`, `main`, `shadow`) is redacted as a whole payload.
 */
export function redactShadowParts(parts: ShadowParts, redactor: Redactor): RedactedParts {
  const roots = parts.payloads === null ? [] : [parts.payloads.main, parts.payloads.shadow];
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
  const summary = (s: DiffSummary): DiffSummary => ({ entries: s.entries.map(entry), paths: s.paths.map((p) => redactor.pointer(p)), kinds: [...s.kinds], truncated: s.truncated });
  const payloads = (p: NonNullable<ShadowParts['payloads']>): RedactedParts['payloads'] => {
    const out: { input?: unknown; main?: unknown; shadow?: unknown } = {};
    if (p.input !== undefined) out.input = redactor.redact(p.input);
    if (p.main !== undefined) out.main = redactor.redact(p.main);
    if (p.shadow !== undefined) out.shadow = redactor.redact(p.shadow);
    return out;
  };
  return {
    summary: parts.summary === null ? null : summary(parts.summary),
    shadowError: parts.shadowError === null ? null : redactShadowError(parts.shadowError, redactor),
    payloads: parts.payloads === null ? null : payloads(parts.payloads),
  };
}

/** A shadow error redacted: code by the identifier rule, message by the text rules, a well-formed stack hash kept. */
export function redactShadowError(e: ShadowError, redactor: Redactor): ShadowError {
  const out: { code: string; message: string; stack_hash?: string } = { code: redactor.identifier(e.code), message: textOf(redactor, e.message) };
  if (e.stack_hash !== undefined) out.stack_hash = STACK_HASH.test(e.stack_hash) ? e.stack_hash : textOf(redactor, e.stack_hash);
  return out;
}

/**
 * The light half of a record (cheap on any thread: short strings only): identifiers (`id`, `requestId`,
 * `tenant`, `route`, `module`, `operation`, `ruleset_version`) by the identifier rule (kept, or a
 * consistent keyed hash, decision 0008); `owner`, `fix_location` and the version fields by the text
 * rules (a version is never request data, but a stored field is never trusted). Enums and numbers are kept.
 */
export function redactRecordFields<T extends Pick<DiffRecord, 'id' | 'requestId' | 'tenant' | 'route' | 'module' | 'operation' | 'ruleset_version' | 'owner' | 'fix_location' | 'module_version' | 'wasm_digest' | 'llms_version'>>(record: T, redactor: Redactor): T {
  const id = (value: string): string => redactor.identifier(value);
  return {
    ...record,
    id: id(record.id),
    requestId: id(record.requestId),
    tenant: record.tenant === null ? null : id(record.tenant),
    route: record.route === null ? null : id(record.route),
    module: id(record.module),
    operation: id(record.operation),
    ruleset_version: id(record.ruleset_version),
    owner: textOf(redactor, record.owner),
    fix_location: textOf(redactor, record.fix_location),
    ...redactVersions(record, redactor),
  };
}

/**
 * A redacted copy of a whole DiffRecord (for records that did not come from the orchestrator's own
 * shadow path): `redactRecordFields` plus `redactShadowParts`.
 */
export function redactDiffRecord(record: DiffRecord, redactor: Redactor): DiffRecord {
  const parts = redactShadowParts({ summary: record.diff_summary, shadowError: record.shadow_error, payloads: record.payload_refs }, redactor);
  return { ...redactRecordFields(record, redactor), diff_summary: parts.summary, shadow_error: parts.shadowError, payload_refs: parts.payloads };
}

/** The version fields of a record or summary key, by the text rules. */
export function redactVersions(v: Pick<DiffRecord, 'module_version' | 'wasm_digest' | 'llms_version'>, redactor: Redactor): Pick<DiffRecord, 'module_version' | 'wasm_digest' | 'llms_version'> {
  return { module_version: textOf(redactor, v.module_version), wasm_digest: textOf(redactor, v.wasm_digest), llms_version: textOf(redactor, v.llms_version) };
}
