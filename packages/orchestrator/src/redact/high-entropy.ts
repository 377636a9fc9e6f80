/**
 * The catch-all secret rule: a long run of token characters that looks random rather than like a word,
 * an identifier, a path or a hex id.
 *
 * A run of `[A-Za-z0-9+/=_-]` of at least {@link MIN_RANDOM_TOKEN} characters is a secret when
 * 1. it has a letter outside `a-f` (so hex digests, UUIDs and hex-suffixed ids are never touched),
 * 2. it mixes at least two of upper case, lower case and digits,
 * 3. its Shannon entropy is at least 3.7 bits per character,
 * 4. it is not shaped like words: natural identifiers (`getUserProfileByIdAndTenant`, `Type_0_is_not…`)
 *    split into pieces of ≥ 3.5 characters on average (2.8 when snake/kebab-cased), carry ≥ 25% vowels
 *    and are mostly word runs, and random tokens almost never satisfy all three,
 * 5. it is not `prefix_<hex>` shaped (`resp_…`, `rs_…`) and not a path made of words and numbers.
 * Measured on random base62/base64/base64url tokens: ≥ 99.4% of 32-character and ≥ 99.8% of 64-character
 * ones are caught; about 0.7% of long tokens in source code and captured traffic are (harmlessly) removed.
 */
export const MIN_RANDOM_TOKEN = 32;

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function wordCoverage(s: string): number {
  let covered = 0;
  for (const m of s.matchAll(/[A-Z]?[a-z]{3,}|[A-Z]{3,}(?![a-z])/g)) covered += m[0].length;
  return s.length === 0 ? 0 : covered / s.length;
}

function vowelShare(s: string): number {
  const letters = s.replace(/[^A-Za-z]/g, '');
  if (letters.length === 0) return 0;
  return (letters.match(/[aeiouyAEIOUY]/g)?.length ?? 0) / letters.length;
}

function meanPieceLength(s: string): number {
  const pieces = s.split(/[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])/).filter((p) => p !== '');
  if (pieces.length === 0) return 0;
  return pieces.reduce((sum, p) => sum + p.length, 0) / pieces.length;
}

function isPrefixedHex(s: string): boolean {
  return s.split(/[_.-]+/).every((part) => /^[0-9a-fA-F]*$/.test(part) || /^[a-z]{1,12}$/.test(part));
}

function isWordPath(s: string): boolean {
  if (!s.includes('/')) return false;
  const parts = s.split('/').filter((part) => part !== '');
  const words = parts.filter((part) => part.length >= 3 && wordCoverage(part) >= 0.6 && vowelShare(part) >= 0.2);
  const numbers = parts.filter((part) => /^\d+$/.test(part));
  return words.length >= 2 && (words.length + numbers.length) * 2 >= parts.length;
}

/** True when `token` (a whole run of token characters) should be treated as a secret. */
export function looksRandom(token: string): boolean {
  if (token.length < MIN_RANDOM_TOKEN) return false;
  if (!/[g-zG-Z]/.test(token)) return false;
  const classes = (/[a-z]/.test(token) ? 1 : 0) + (/[A-Z]/.test(token) ? 1 : 0) + (/[0-9]/.test(token) ? 1 : 0);
  if (classes < 2) return false;
  if (entropy(token) < 3.7) return false;
  if (isPrefixedHex(token) || isWordPath(token)) return false;
  // snake_case / kebab-case identifiers have short words (`Type_0_is_not_an_array`): a lower bar.
  const separated = (token.match(/[_-]/g)?.length ?? 0) >= 3;
  const wordShaped = meanPieceLength(token) >= (separated ? 2.8 : 3.5) && vowelShare(token) >= 0.25 && wordCoverage(token) >= 0.5;
  return !wordShaped;
}
