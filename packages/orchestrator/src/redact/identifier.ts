import type { KeyedHasher } from './keyed-hash.js';
import { maskEmails, maskPhones } from './pii.js';
import { createSecretScrubber } from './secret-patterns.js';

/**
 * The identifier rule (docs/decisions/0008-identifiers.md). Request ids, tenants, routes, modules,
 * operations, record ids and ruleset versions are stored so that they can be found again: an
 * identifier is kept **as it is** when it fits the identifier grammar and carries no credential or PII;
 * otherwise it is stored as `hid:` and 32 hex digits of a keyed hash of the whole raw value. The rule is
 * a pure function of (value, key): the same raw id always maps to the same stored id, and a lookup
 * applies the same rule to the raw id it is given, so it finds the record either way.
 */

/** Longest identifier stored as it is (in code points). */
export const MAX_IDENTIFIER_LENGTH = 200;

/**
 * The identifier grammar: 1 to {@link MAX_IDENTIFIER_LENGTH} characters, none of them whitespace, a
 * control or format character, a quote, a backtick, a backslash or an angle bracket.
 */
export const IDENTIFIER_GRAMMAR: RegExp = /^[^\p{White_Space}\p{C}"'`\\<>]{1,200}$/u;

/** The stored form of an identifier that could not be kept. */
export const HASHED_IDENTIFIER: RegExp = /^hid:[0-9a-f]{32}$/;

/**
 * Credential formats looked for anywhere in an identifier, even glued to other characters (the text
 * rules want a token boundary, which `req-eyJ…` lacks). Only formats whose prefix does not occur in
 * words: `sk-` and `sk_live_` keep their boundary (the text rules), or `disk-usage-report-…` would be hashed.
 * Random provider ids practically never contain these prefixes followed by a full-length body.
 */
const EMBEDDED: readonly RegExp[] = [
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  /gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}/,
  /AIza[A-Za-z0-9_-]{30,}/,
  /xox[abposr]-[A-Za-z0-9-]{10,}|xapp-[A-Za-z0-9-]{10,}/,
  /(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16,}/,
  /-----BEGIN/,
];

const NO_HASH: KeyedHasher = { hex: () => '', bytes: (_domain, _input, count) => new Uint8Array(count) };

/**
 * Builds the test "must this identifier be hashed?" — it needs no key, so a reader without the key can
 * tell which lookups it cannot answer. True when the value breaks the grammar, holds a credential format
 * anywhere (even glued to other characters), or the secret rules (every rule but the random-token
 * catch-all) or the email and phone rules find anything in it.
 * A value already in the hashed form is kept, so the rule applied to its own output changes nothing.
 */
export function identifierNeedsHash(extraSecretKeys: readonly string[] = []): (value: string) => boolean {
  const scrub = createSecretScrubber(extraSecretKeys, { randomTokens: false });
  return (value) => {
    if (HASHED_IDENTIFIER.test(value)) return false;
    if (!IDENTIFIER_GRAMMAR.test(value)) return true;
    if (EMBEDDED.some((pattern) => pattern.test(value))) return true;
    let found = false;
    const hit = (): void => {
      found = true;
    };
    scrub(value, hit);
    if (!found) maskEmails(value, NO_HASH, hit);
    if (!found) maskPhones(value, NO_HASH, hit);
    return found;
  };
}

/** The identifier rule bound to a key: `value`, or `hid:<32 hex>` of HMAC(key, value) when it must be hashed. */
export function createIdentifierRule(hasher: KeyedHasher, extraSecretKeys: readonly string[] = [], onHash: () => void = () => {}): (value: string) => string {
  const needsHash = identifierNeedsHash(extraSecretKeys);
  return (value) => {
    if (!needsHash(value)) return value;
    onHash();
    return `hid:${hasher.hex('identifier', value, 32)}`;
  };
}
