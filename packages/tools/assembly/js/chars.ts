// Character classes and scans with the exact meaning they have in the JavaScript regular expressions
// being ported (non-unicode mode: one UTF-16 code unit is one character).
import { isJsWhitespace } from '@llms-wasm/module-kit/assembly';

/** `s.charCodeAt(i)` for an index the caller knows is inside `s` (no range check: hot loops only). */
// @ts-ignore: decorator
@inline
export function unitAt(s: string, i: i32): i32 {
  return <i32>load<u16>(changetype<usize>(s) + (<usize>i << 1));
}

/** `\s`: ECMAScript WhiteSpace and LineTerminator. */
// @ts-ignore: decorator
@inline
export function isWs(c: i32): bool {
  return isJsWhitespace(<u32>c);
}

/** LineTerminator: what `.` does not match and where `^`/`$` match under the `m` flag. */
// @ts-ignore: decorator
@inline
export function isLineTerminator(c: i32): bool {
  return c == 0x0a || c == 0x0d || c == 0x2028 || c == 0x2029;
}

/** `\w` (and what `\b` looks at): ASCII letters, digits and `_`. */
// @ts-ignore: decorator
@inline
export function isWordChar(c: i32): bool {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c == 0x5f;
}

/** `\d`: ASCII digits. */
// @ts-ignore: decorator
@inline
export function isDigit(c: i32): bool {
  return c >= 0x30 && c <= 0x39;
}

/** `[A-Za-z_]`. */
// @ts-ignore: decorator
@inline
export function isIdentStart(c: i32): bool {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c == 0x5f;
}

/** `[A-Za-z0-9_-]`. */
// @ts-ignore: decorator
@inline
export function isIdentPartDash(c: i32): bool {
  return isWordChar(c) || c == 0x2d;
}

/** `[a-zA-Z0-9_\-\.]`. */
// @ts-ignore: decorator
@inline
export function isNameChar(c: i32): bool {
  return isWordChar(c) || c == 0x2d || c == 0x2e;
}

/** ASCII lower-casing (what the `i` flag folds in non-unicode mode for ASCII patterns). */
// @ts-ignore: decorator
@inline
export function lowerAscii(c: i32): i32 {
  return c >= 0x41 && c <= 0x5a ? c + 32 : c;
}

/** The code unit at `i`, or -1 outside the string. */
// @ts-ignore: decorator
@inline
export function at(s: string, i: i32): i32 {
  return i >= 0 && i < s.length ? <i32>s.charCodeAt(i) : -1;
}

/** `s` holds `lit` at `i` exactly. */
export function matchAt(s: string, i: i32, lit: string): bool {
  const n = lit.length;
  if (i < 0 || i + n > s.length) return false;
  for (let k = 0; k < n; k++) if (s.charCodeAt(i + k) != lit.charCodeAt(k)) return false;
  return true;
}

/** `s` holds `lit` (given in lower case) at `i`, ignoring ASCII case. */
export function matchAtI(s: string, i: i32, lit: string): bool {
  const n = lit.length;
  if (i < 0 || i + n > s.length) return false;
  for (let k = 0; k < n; k++) if (lowerAscii(s.charCodeAt(i + k)) != lit.charCodeAt(k)) return false;
  return true;
}

/** First index >= from of `lit` (lower case) ignoring ASCII case, or -1. */
export function indexOfI(s: string, lit: string, from: i32): i32 {
  const last = s.length - lit.length;
  if (lit.length == 0) return from <= s.length ? from : -1;
  const first = lit.charCodeAt(0);
  for (let i = from < 0 ? 0 : from; i <= last; i++) {
    if (lowerAscii(s.charCodeAt(i)) == first && matchAtI(s, i, lit)) return i;
  }
  return -1;
}

/** The index after the run of `\s` starting at `i`. */
export function skipWs(s: string, i: i32): i32 {
  const n = s.length;
  while (i < n && isWs(s.charCodeAt(i))) i++;
  return i;
}

/** The start of the run of `\s` that ends at `end` (scanning back, not before `floor`). */
export function backWs(s: string, end: i32, floor: i32): i32 {
  while (end > floor && isWs(s.charCodeAt(end - 1))) end--;
  return end;
}

/** `\b` at `i`: exactly one side of the position is a word character. */
export function isBoundary(s: string, i: i32): bool {
  const before = i > 0 && isWordChar(s.charCodeAt(i - 1));
  const after = i < s.length && isWordChar(s.charCodeAt(i));
  return before != after;
}

/** Index of the first line terminator at or after `i`, or the length. */
export function lineEnd(s: string, i: i32): i32 {
  const n = s.length;
  while (i < n && !isLineTerminator(s.charCodeAt(i))) i++;
  return i;
}

/** `^` under the `m` flag at `i`. */
// @ts-ignore: decorator
@inline
export function isLineStart(s: string, i: i32): bool {
  return i == 0 || isLineTerminator(s.charCodeAt(i - 1));
}

/** `$` under the `m` flag at `i`. */
// @ts-ignore: decorator
@inline
export function isLineEndAt(s: string, i: i32): bool {
  return i == s.length || isLineTerminator(s.charCodeAt(i));
}
