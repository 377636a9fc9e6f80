import { OrchestratorError } from '../errors.js';
import { credentialKeyTest, isStackKey } from './credential-keys.js';
import { createIdentifierRule } from './identifier.js';
import { createKeyedHasher } from './keyed-hash.js';
import { maskEmails, maskNumber, maskPhones, maskShape } from './pii.js';
import { compilePointerPatterns, isModuleKitError } from '@llms-wasm/module-kit';
import { SECRET_MARKER, createSecretScrubber } from './secret-patterns.js';
import { looksLikeStack, stackHash } from './stack-hash.js';
import { walk, type MutableCounters, type WalkRules } from './walk.js';

/** How to redact. Only `key` is required. */
export interface RedactionConfig {
  /** HMAC-SHA256 key for PII masks: a string of ≥ 16 characters or ≥ 16 bytes. Keep it secret and stable. */
  readonly key: string | Uint8Array;
  /** JSON-pointer patterns whose values are masked; a `*` segment matches one key, `**` any number of keys. */
  readonly piiPaths?: readonly string[];
  /** More field names whose values are removed (compared case-insensitively, ignoring `-`, `_`, `.`). */
  readonly secretKeys?: readonly string[];
  /** Containers nested deeper than this become `[truncated]`. Default 64. */
  readonly maxDepth?: number;
  /** Values beyond this many nodes become `[truncated]`. Default 100 000. */
  readonly maxNodes?: number;
  /** Strings longer than this (after redaction) are cut, with a `…[truncated N chars]` suffix. Default 1 048 576. */
  readonly maxStringLength?: number;
}

/** Totals since the redactor was created. */
export interface RedactionCounters {
  /** Credential fields deleted plus secret substrings cut out. */
  readonly secretsRemoved: number;
  /** Emails, phone numbers and configured-path values replaced by keyed-hash masks. */
  readonly piiMasked: number;
  /** Stack traces replaced by `stack:<hash>`. */
  readonly stacksHashed: number;
  /** Values cut by the depth, size or string-length caps. */
  readonly truncated: number;
  /** Identifiers stored as `hid:<hash>` because they broke the grammar or carried a credential or PII. */
  readonly identifiersHashed: number;
}

/** Redacts values before they are stored. */
export interface Redactor {
  /**
   * A redacted copy of `value` (JSON-shaped); `value` itself is never changed. Never throws. `at` is the
   * JSON pointer where `value` sits inside a payload (default: it is the payload), so the rules apply to
   * a fragment as they would inside the whole: when any segment of `at` is a credential name
   * (`/headers/x-api-key`, `/password/0`) the result is `[secret]`; PII path patterns match at `at`.
   */
  redact(value: unknown, at?: string): unknown;
  /**
   * An identifier (request id, tenant, route, module, operation, record id, ruleset version) as it is
   * stored: itself when it fits the identifier grammar and carries no credential or PII, else
   * `hid:<32 hex>`, a keyed hash of the whole value — the same value always maps to the same result, so
   * lookups apply this to the raw id (docs/decisions/0008-identifiers.md). Never throws.
   */
  identifier(value: string): string;
  /** A JSON pointer with every segment redacted as an object key is (secret substrings, PII). */
  pointer(path: string): string;
  /** True for a field name whose value is removed (`authorization`, `x-api-key`, configured `secretKeys` …). */
  isCredentialName(name: string): boolean;
  /** Totals so far. */
  counters(): RedactionCounters;
  /** The configuration it was made from (shadow workers build the same redactor from it). Holds the key: never log it. */
  readonly config: RedactionConfig;
}

function invalid(field: string, message: string): never {
  throw new OrchestratorError('CONFIG_INVALID', `redaction.${field} ${message}`, { field: `redaction.${field}` });
}

function positiveInt(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) invalid(field, 'must be a positive integer');
  return value;
}

function stringList(value: unknown, field: string): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) invalid(field, 'must be an array of strings');
  return value as string[];
}

function piiPatterns(paths: readonly string[]): ReturnType<typeof compilePointerPatterns> {
  try {
    return compilePointerPatterns(paths, 'redaction.piiPaths');
  } catch (error) {
    if (isModuleKitError(error) && error.code === 'PATTERN_INVALID') {
      throw new OrchestratorError('CONFIG_INVALID', error.message, { field: String(error.detail['field'] ?? 'redaction.piiPaths') }, { cause: error });
    }
    throw error;
  }
}

function checkKey(key: unknown): string | Uint8Array {
  if (typeof key === 'string') {
    if (key.length < 16) invalid('key', 'must be at least 16 characters');
    return key;
  }
  if (key instanceof Uint8Array) {
    if (key.byteLength < 16) invalid('key', 'must be at least 16 bytes');
    return key;
  }
  return invalid('key', 'is required (HMAC key for PII masks; there is no default)');
}

function pointerSegments(at: string | undefined): readonly string[] {
  if (at === undefined || at === '' || at === '/' || !at.startsWith('/')) return [];
  return at
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function cut(text: string, max: number, counters: MutableCounters): string {
  if (text.length <= max) return text;
  counters.truncated += 1;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}…[truncated ${text.length - end} chars]`;
}

/**
 * A redactor: secrets removed entirely, PII replaced by keyed-hash masks that keep its shape, stack
 * traces reduced to `stack:<hash>` (see docs/decisions/0005-redaction-and-storage.md for every rule).
 *
 * @throws OrchestratorError `CONFIG_INVALID` when `key` is missing or short, or another option is malformed.
 * @example
 * const redactor = createRedactor({ key: process.env.LLMS_WASM_REDACTION_KEY ?? '', piiPaths: ['/user/name'] });
 * redactor.redact({ headers: { authorization: 'Bearer abc' }, email: 'ann@example.com' });
 * // { headers: {}, email: 'u_…@d_….com' }
 */
export function createRedactor(config: RedactionConfig): Redactor {
  if (typeof config !== 'object' || config === null) invalid('key', 'is required (HMAC key for PII masks; there is no default)');
  const hasher = createKeyedHasher(checkKey(config.key));
  const patterns = piiPatterns(stringList(config.piiPaths, 'piiPaths'));
  const secretKeys = stringList(config.secretKeys, 'secretKeys');
  const maxStringLength = positiveInt(config.maxStringLength, 'maxStringLength', 1_048_576);
  const scrub = createSecretScrubber(secretKeys);
  const counters: MutableCounters = { secretsRemoved: 0, piiMasked: 0, stacksHashed: 0, truncated: 0 };
  let identifiersHashed = 0;
  const identifier = createIdentifierRule(hasher, secretKeys, () => (identifiersHashed += 1));
  const isCredentialKey = credentialKeyTest(secretKeys);

  const clean = (value: string, c: MutableCounters): string => {
    let out = scrub(value, () => (c.secretsRemoved += 1));
    out = maskEmails(out, hasher, () => (c.piiMasked += 1));
    return maskPhones(out, hasher, () => (c.piiMasked += 1));
  };
  const rules: WalkRules = {
    patterns,
    maxDepth: positiveInt(config.maxDepth, 'maxDepth', 64),
    maxNodes: positiveInt(config.maxNodes, 'maxNodes', 100_000),
    isCredentialKey,
    isStackKey,
    text(value, c) {
      if (looksLikeStack(value)) {
        c.stacksHashed += 1;
        return stackHash(value);
      }
      return cut(clean(value, c), maxStringLength, c);
    },
    key: (key, c) => clean(key, c),
    stackHash,
    maskString: (value) => maskShape(value, hasher),
    maskNumber: (value) => maskNumber(value, hasher),
  };
  return {
    config,
    redact(value, at) {
      const segments = pointerSegments(at);
      if (segments.some(isCredentialKey)) {
        counters.secretsRemoved += 1;
        return SECRET_MARKER;
      }
      return walk(value, rules, counters, segments);
    },
    identifier: (value) => (typeof value === 'string' ? identifier(value) : identifier(String(value))),
    pointer(path) {
      if (path === '' || path === '/' || !path.startsWith('/')) return path === '' || path === '/' ? path : rules.text(path, counters);
      return `/${pointerSegments(path)
        .map((segment) => clean(segment, counters).replace(/~/g, '~0').replace(/\//g, '~1'))
        .join('/')}`;
    },
    isCredentialName: (name) => isCredentialKey(name),
    counters: () => ({ ...counters, identifiersHashed }),
  };
}
