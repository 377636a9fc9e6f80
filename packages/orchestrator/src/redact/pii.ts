import type { KeyedHasher } from './keyed-hash.js';
import { onEscapeLetter } from './secret-patterns.js';

/**
 * Shape-keeping PII masks. Every mask is a keyed hash (HMAC-SHA256), so the same value under the same
 * key always gives the same mask (records stay correlatable) and nothing about the value can be
 * recovered without the key.
 */

const EMAIL = /(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]{1,64})@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+)([A-Za-z]{2,24})(?![A-Za-z0-9-])/g;
/** A mask this module produced; masking it again would only change it. */
const MASKED_EMAIL = /^u_[0-9a-f]{12}@d_[0-9a-f]{12}\.$/;

/**
 * Phone numbers: `+` and 8–15 digits with spaces, dots, dashes or parentheses (`+49 30 1234 5678`,
 * `+1 (555) 123-4567`), North-American `555-123-4567` / `(555) 123-4567`, and Chinese mobiles
 * `13812345678`. Bare digit runs, dates and versions are not phone numbers.
 */
const PHONE = /(?:(?<![\w+]|\d[.-])|(?<=\\[nrtbf]))(?:\+\d[\d ().-]{6,22}\d|\(\d{3}\) ?\d{3}[ .-]\d{4}|\d{3}[ .-]\d{3}[ .-]\d{4}|1[3-9]\d{9})(?!\w|[.-]\d)/g;

/** `local@sub.domain.tld` -> `u_<12 hex>@d_<12 hex>.tld` (local part and domain hashed, TLD kept). */
export function maskEmails(text: string, hasher: KeyedHasher, hit: () => void): string {
  if (!text.includes('@')) return text;
  return text.replace(EMAIL, (match: string, rawLocal: string, domain: string, tld: string, at: number) => {
    // `\nann@x.com` in JSON text: the `n` belongs to the escape, not to the address.
    const escape = onEscapeLetter(text, at) ? rawLocal.charAt(0) : '';
    const local = rawLocal.slice(escape.length);
    if (local === '' || MASKED_EMAIL.test(`${local}@${domain}`)) return match;
    hit();
    const host = `${domain}${tld}`.toLowerCase();
    return `${escape}u_${hasher.hex('email-local', `${local.toLowerCase()}@${host}`, 12)}@d_${hasher.hex('email-domain', host, 12)}.${tld}`;
  });
}

/** Same length, same separators and `+`; each digit replaced by one derived from the whole number. */
export function maskPhones(text: string, hasher: KeyedHasher, hit: () => void): string {
  if (!/\d/.test(text)) return text;
  return text.replace(PHONE, (match: string) => {
    const digits = match.replace(/\D/g, '');
    if (match.startsWith('+') && (digits.length < 8 || digits.length > 15)) return match;
    hit();
    const stream = hasher.bytes('phone', digits, digits.length);
    let i = 0;
    return match.replace(/\d/g, () => String((stream[i++] ?? 0) % 10));
  });
}

/**
 * A mask of the same length (in code points) and character classes: upper-case letters stay upper-case
 * ASCII letters, other letters lower-case ASCII letters, digits digits; everything else (spaces,
 * punctuation, symbols) is kept.
 */
export function maskShape(value: string, hasher: KeyedHasher): string {
  const chars = Array.from(value);
  const stream = hasher.bytes('shape', value, chars.length);
  let out = '';
  chars.forEach((c, i) => {
    const b = stream[i] ?? 0;
    if (/\p{Lu}/u.test(c)) out += String.fromCharCode(65 + (b % 26));
    else if (/\p{L}/u.test(c)) out += String.fromCharCode(97 + (b % 26));
    else if (/\p{Nd}/u.test(c)) out += String.fromCharCode(48 + (b % 10));
    else out += c;
  });
  return out;
}

/** A number with the same sign and digit count (mantissa only); never NaN or infinite. */
export function maskNumber(value: number, hasher: KeyedHasher): number {
  if (!Number.isFinite(value)) return value;
  const text = String(Math.abs(value));
  const cut = text.indexOf('e');
  const mantissa = cut === -1 ? text : text.slice(0, cut);
  const stream = hasher.bytes('number', text, mantissa.length);
  let i = 0;
  let masked = mantissa.replace(/\d/g, () => String((stream[i++] ?? 0) % 10));
  // Keep the digit count: a leading zero would be dropped by Number().
  if (masked.length > 1 && masked[0] === '0' && masked[1] !== '.') masked = `${((stream[0] ?? 0) % 9) + 1}${masked.slice(1)}`;
  const out = Number(`${masked}${cut === -1 ? '' : text.slice(cut)}`);
  return value < 0 ? -out : out;
}
