// Token scanners of JsonReader: strings (SIMD, 16 bytes a step) and numbers, validating as they go.
// Each returns 0 on error, with the message and offset in scanErrorMessage()/scanErrorAt(); the
// flags of the last token are in scanFlags().
import { F_CANONICAL_NUMBER, F_ESCAPED, F_NON_ASCII, F_RESCAPE } from './tape';

let lastFlags: u32 = 0;
let lastError: string = '';
let lastErrorAt: usize = 0;

/** Flags (tape.ts F_*) of the token the last scan read. */
export function scanFlags(): u32 {
  return lastFlags;
}

export function scanErrorMessage(): string {
  return lastError;
}

export function scanErrorAt(): usize {
  return lastErrorAt;
}

function scanFail(message: string, at: usize): usize {
  lastError = message;
  lastErrorAt = at;
  return 0;
}

/** The value of a hex digit, or 0xff. */
// @ts-ignore: decorator
@inline
export function hexDigit(c: u32): u32 {
  if (c - 0x30 <= 9) return c - 0x30;
  const l = c | 0x20;
  if (l - 0x61 <= 5) return l - 0x61 + 10;
  return 0xff;
}

/** Length of the valid UTF-8 sequence at `p` (first byte >= 0x80), or 0 when it is invalid or cut. */
// @ts-ignore: decorator
@inline
function sequenceLength(p: usize, end: usize): i32 {
  const b0 = <u32>load<u8>(p);
  let need: i32;
  let lower: u32 = 0x80;
  let upper: u32 = 0xbf;
  if (b0 - 0xc2 <= 0xdf - 0xc2) need = 1;
  else if (b0 - 0xe0 <= 0xef - 0xe0) {
    need = 2;
    if (b0 == 0xe0) lower = 0xa0;
    else if (b0 == 0xed) upper = 0x9f;
  } else if (b0 - 0xf0 <= 0xf4 - 0xf0) {
    need = 3;
    if (b0 == 0xf0) lower = 0x90;
    else if (b0 == 0xf4) upper = 0x8f;
  } else return 0;
  if (p + <usize>need >= end) return 0;
  for (let k = 1; k <= need; k++) {
    const b = <u32>load<u8>(p + <usize>k);
    if (b < lower || b > upper) return 0;
    lower = 0x80;
    upper = 0xbf;
  }
  return need + 1;
}

/**
 * Whether `\uXXXX` for `unit` (ending at `after`) is how JSON.stringify writes that code unit: a C0
 * control without a short escape, or a lone surrogate. (A high surrogate followed by an escaped low one
 * is a pair, which JSON.stringify writes as the character itself; a low one after an escaped high one is
 * flagged with the high one.)
 */
function canonicalUnitEscape(unit: u32, after: usize, end: usize): bool {
  if (unit < 0x20) return unit != 0x08 && unit != 0x09 && unit != 0x0a && unit != 0x0c && unit != 0x0d;
  if (unit - 0xd800 < 0x400) {
    if (after + 6 <= end && <u32>load<u8>(after) == 0x5c && <u32>load<u8>(after + 1) == 0x75) {
      const low = (hexDigit(load<u8>(after + 2)) << 12) | (hexDigit(load<u8>(after + 3)) << 8) | (hexDigit(load<u8>(after + 4)) << 4) | hexDigit(load<u8>(after + 5));
      if (low - 0xdc00 < 0x400) return false;
    }
    return true;
  }
  return unit - 0xdc00 < 0x400;
}

/**
 * Scans a string's content from `p` (just after the opening quote); returns the address of the
 * closing quote, or 0 on error. Validates escapes, control characters and UTF-8.
 */
export function scanString(p: usize, end: usize): usize {
  let flags: u32 = 0;
  const quote = i8x16.splat(0x22);
  const backslash = i8x16.splat(0x5c);
  const space = i8x16.splat(0x20);
  while (true) {
    // Sixteen plain bytes at a time: stop at a quote, a backslash, a control or a non-ASCII byte.
    while (p + 16 <= end) {
      const v = v128.load(p);
      const special = v128.or(v128.or(i8x16.eq(v, quote), i8x16.eq(v, backslash)), i8x16.lt_u(v, space));
      const mask = i8x16.bitmask(v128.or(special, i8x16.lt_s(v, i8x16.splat(0))));
      if (mask != 0) {
        p += <usize>ctz(mask);
        break;
      }
      p += 16;
    }
    if (p >= end) return scanFail('Unterminated string in JSON', end);
    const c = <u32>load<u8>(p);
    if (c == 0x22) {
      lastFlags = flags;
      return p;
    }
    if (c == 0x5c) {
      flags |= F_ESCAPED;
      if (p + 1 >= end) return scanFail('Unterminated string in JSON', end);
      const e = <u32>load<u8>(p + 1);
      if (e == 0x75) {
        if (p + 6 > end) return scanFail('Bad Unicode escape in JSON', p);
        let unit: u32 = 0;
        for (let k: usize = 2; k < 6; k++) {
          const c = <u32>load<u8>(p + k);
          const h = hexDigit(c);
          if (h == 0xff) return scanFail('Bad Unicode escape in JSON', p);
          if (c >= 0x41 && c <= 0x46) flags |= F_RESCAPE; // JSON.stringify writes lower-case hex
          unit = (unit << 4) | h;
        }
        p += 6;
        if (!canonicalUnitEscape(unit, p, end)) flags |= F_RESCAPE;
      } else if (e == 0x22 || e == 0x5c || e == 0x62 || e == 0x66 || e == 0x6e || e == 0x72 || e == 0x74) {
        p += 2;
      } else if (e == 0x2f) {
        flags |= F_RESCAPE; // JSON.stringify writes '/' as it is
        p += 2;
      } else return scanFail('Bad escaped character in JSON', p + 1);
      continue;
    }
    if (c < 0x20) return scanFail('Bad control character in string literal in JSON', p);
    if (c >= 0x80) {
      const n = sequenceLength(p, end);
      if (n == 0) return scanFail('Invalid UTF-8 in JSON string', p);
      flags |= F_NON_ASCII;
      p += <usize>n;
      continue;
    }
    p++; // a plain byte the vector loop left for the tail
  }
  return 0; // not reached: the loop only exits by returning
}

/**
 * Scans a number token starting at `p` (a '-' or a digit); returns the address after it, or 0 on
 * error. Flags the token F_CANONICAL_NUMBER when its text is what JSON.stringify writes for its
 * value (tape.ts says when).
 */
export function scanNumber(p: usize, end: usize): usize {
  const start = p;
  let canonical = true;
  if (<u32>load<u8>(p) == 0x2d) {
    p++;
    if (p >= end || <u32>load<u8>(p) - 0x30 > 9) return scanFail(p >= end ? 'Unexpected end of JSON input' : 'No number after minus sign in JSON', p);
  }
  const digits = p;
  const zero = <u32>load<u8>(p) == 0x30;
  if (zero) p++;
  else while (p < end && <u32>load<u8>(p) - 0x30 <= 9) p++;
  const intDigits = zero ? 0 : <i32>(p - digits);
  if (intDigits > 15) canonical = false;
  if (p < end && <u32>load<u8>(p) == 0x2e) {
    p++;
    if (p >= end || <u32>load<u8>(p) - 0x30 > 9) return scanFail('Unterminated fractional number in JSON', p);
    const fraction = p;
    while (p < end && <u32>load<u8>(p) - 0x30 <= 9) p++;
    // Canonical when JavaScript writes the same digits back: at most 15 significant digits, no
    // trailing zero, and not below 1e-6 (written with an exponent).
    let leading = 0;
    if (zero) while (fraction + <usize>leading < p && <u32>load<u8>(fraction + <usize>leading) == 0x30) leading++;
    const significant = intDigits + <i32>(p - fraction) - leading;
    if (<u32>load<u8>(p - 1) == 0x30 || significant > 15 || leading > 5) canonical = false;
  } else if (zero && p - start == 2) canonical = false; // minus zero
  if (p < end && (<u32>load<u8>(p) | 0x20) == 0x65) {
    canonical = false;
    p++;
    if (p < end && (<u32>load<u8>(p) == 0x2b || <u32>load<u8>(p) == 0x2d)) p++;
    if (p >= end || <u32>load<u8>(p) - 0x30 > 9) return scanFail('Exponent part is missing a number in JSON', p);
    while (p < end && <u32>load<u8>(p) - 0x30 <= 9) p++;
  }
  lastFlags = canonical ? F_CANONICAL_NUMBER : 0;
  return p;
}
