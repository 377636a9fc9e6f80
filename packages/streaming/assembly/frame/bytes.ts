// Byte-level helpers over valid UTF-8 (the session normalizes its input, see session/utf8-normalizer.ts):
// JavaScript's trim() whitespace, UTF-16 lengths, searching.

/** Bytes of the JavaScript whitespace character starting at p (0 when there is none). */
// @ts-ignore: decorator
@inline function wsAt(p: usize, end: usize): i32 {
  const b = <u32>load<u8>(p);
  if (b == 0x20 || (b >= 0x09 && b <= 0x0d)) return 1;
  if (b < 0xc2) return 0;
  if (b == 0xc2) return p + 1 < end && load<u8>(p + 1) == 0xa0 ? 2 : 0;
  if (p + 2 >= end) return 0;
  const b1 = <u32>load<u8>(p + 1);
  const b2 = <u32>load<u8>(p + 2);
  if (b == 0xe1) return b1 == 0x9a && b2 == 0x80 ? 3 : 0;
  if (b == 0xe2) {
    if (b1 == 0x80) return b2 <= 0x8a && b2 >= 0x80 ? 3 : b2 == 0xa8 || b2 == 0xa9 || b2 == 0xaf ? 3 : 0;
    return b1 == 0x81 && b2 == 0x9f ? 3 : 0;
  }
  if (b == 0xe3) return b1 == 0x80 && b2 == 0x80 ? 3 : 0;
  if (b == 0xef) return b1 == 0xbb && b2 == 0xbf ? 3 : 0;
  return 0;
}

/** First byte at or after s that is not JavaScript whitespace (String#trimStart). */
export function skipWs(s: usize, e: usize): usize {
  while (s < e) {
    const n = wsAt(s, e);
    if (n == 0) break;
    s += <usize>n;
  }
  return s;
}

/** End after dropping trailing JavaScript whitespace (String#trimEnd). */
export function trimWsEnd(s: usize, e: usize): usize {
  while (e > s) {
    const b = <u32>load<u8>(e - 1);
    if (b == 0x20 || (b >= 0x09 && b <= 0x0d)) {
      e--;
      continue;
    }
    if (b < 0x80) break;
    if (e - s >= 2 && load<u8>(e - 2) == 0xc2 && b == 0xa0) {
      e -= 2;
      continue;
    }
    if (e - s >= 3 && wsAt(e - 3, e) == 3) {
      e -= 3;
      continue;
    }
    break;
  }
  return e;
}

/** UTF-16 code units of the valid UTF-8 in [s, e) (what String#length reports). */
export function utf16Length(s: usize, e: usize): i32 {
  let n = 0;
  for (let p = s; p < e; p++) {
    const b = <u32>load<u8>(p);
    if ((b & 0xc0) != 0x80) n++;
    if (b >= 0xf0) n++;
  }
  return n;
}

/** The first `\n` in [p, e), or e (16 bytes at a time). */
export function indexOfNewline(p: usize, e: usize): usize {
  const nl = i8x16.splat(0x0a);
  while (p + 16 <= e) {
    const m = i8x16.bitmask(i8x16.eq(v128.load(p), nl));
    if (m != 0) return p + <usize>ctz(m);
    p += 16;
  }
  while (p < e && load<u8>(p) != 0x0a) p++;
  return p;
}

/** Offset of the first `\n\n` at or after `from` in [base, base+len), or -1. */
export function findBlankLine(base: usize, from: i32, len: i32): i32 {
  if (from < 0) from = 0;
  const end = base + <usize>len;
  let p = base + <usize>from;
  while (p < end) {
    const q = indexOfNewline(p, end);
    if (q + 1 >= end) return -1;
    if (load<u8>(q + 1) == 0x0a) return <i32>(q - base);
    p = q + 1;
  }
  return -1;
}

/** Whether [s, e) equals the ASCII string `lit`. */
export function spanIs(s: usize, e: usize, lit: string): bool {
  const n = lit.length;
  if (<i32>(e - s) != n) return false;
  for (let i = 0; i < n; i++) if (<u32>load<u8>(s + <usize>i) != <u32>lit.charCodeAt(i)) return false;
  return true;
}
