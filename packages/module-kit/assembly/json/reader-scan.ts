// Token scanners of JsonReader: strings (SIMD, 16 bytes a step) and numbers, validating as they go.
// Each returns 0 on error, with the message and offset in scanErrorMessage()/scanErrorAt(); the
// flags of the last token are in scanFlags().
import { F_CANONICAL_NUMBER, F_ESCAPED, F_NON_ASCII } from './tape';

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
        for (let k: usize = 2; k < 6; k++) if (hexDigit(load<u8>(p + k)) == 0xff) return scanFail('Bad Unicode escape in JSON', p);
        p += 6;
      } else if (e == 0x22 || e == 0x5c || e == 0x2f || e == 0x62 || e == 0x66 || e == 0x6e || e == 0x72 || e == 0x74) {
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
 * error. A plain integer of at most 15 digits that is not "-0" is flagged canonical (its text is
 * what JSON.stringify writes for it).
 */
export function scanNumber(p: usize, end: usize): usize {
  const start = p;
  let canonical = true;
  if (<u32>load<u8>(p) == 0x2d) {
    p++;
    if (p >= end || <u32>load<u8>(p) - 0x30 > 9) return scanFail(p >= end ? 'Unexpected end of JSON input' : 'No number after minus sign in JSON', p);
  }
  const digits = p;
  if (<u32>load<u8>(p) == 0x30) {
    p++;
    if (p - start == 2) canonical = false; // "-0"
  } else {
    while (p < end && <u32>load<u8>(p) - 0x30 <= 9) p++;
  }
  if (p - digits > 15) canonical = false;
  if (p < end && <u32>load<u8>(p) == 0x2e) {
    canonical = false;
    p++;
    if (p >= end || <u32>load<u8>(p) - 0x30 > 9) return scanFail(p >= end ? 'Unterminated fractional number in JSON' : 'Unterminated fractional number in JSON', p);
    while (p < end && <u32>load<u8>(p) - 0x30 <= 9) p++;
  }
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
