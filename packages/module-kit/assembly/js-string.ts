// String helpers with exact JavaScript semantics (String.prototype.trim and friends).

/**
 * ECMAScript WhiteSpace or LineTerminator: TAB LF VT FF CR SP NBSP U+1680 U+2000..U+200A U+2028
 * U+2029 U+202F U+205F U+3000 U+FEFF (the Zs set plus the listed controls). U+0085 and U+180E are not.
 */
// @ts-ignore: decorator
@inline
export function isJsWhitespace(c: u32): bool {
  if (c < 0x80) return c == 0x20 || c - 0x09 <= 0x0d - 0x09;
  if (c < 0x1680) return c == 0xa0;
  if (c - 0x2000 <= 0x200a - 0x2000) return true;
  return c == 0x1680 || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
}

function firstNonWhitespace(s: string): i32 {
  const p = changetype<usize>(s);
  const n = s.length;
  let i = 0;
  while (i < n && isJsWhitespace(<u32>load<u16>(p + (<usize>i << 1)))) i++;
  return i;
}

function endOfNonWhitespace(s: string, from: i32): i32 {
  const p = changetype<usize>(s);
  let j = s.length;
  while (j > from && isJsWhitespace(<u32>load<u16>(p + (<usize>(j - 1) << 1)))) j--;
  return j;
}

/** String.prototype.trim. Returns `s` itself when there is nothing to trim. */
export function jsTrim(s: string): string {
  const i = firstNonWhitespace(s);
  const j = endOfNonWhitespace(s, i);
  if (i == 0 && j == s.length) return s;
  return s.substring(i, j);
}

/** String.prototype.trimStart. */
export function jsTrimStart(s: string): string {
  const i = firstNonWhitespace(s);
  return i == 0 ? s : s.substring(i);
}

/** String.prototype.trimEnd. */
export function jsTrimEnd(s: string): string {
  const j = endOfNonWhitespace(s, 0);
  return j == s.length ? s : s.substring(0, j);
}

/** `s.trim() === ''` without allocating. */
export function isBlank(s: string): bool {
  return firstNonWhitespace(s) == s.length;
}

/**
 * Compares two strings by UTF-16 code units, like JavaScript's `<` / default Array#sort.
 * Returns a negative number, zero or a positive number.
 */
export function compareUtf16(a: string, b: string): i32 {
  const pa = changetype<usize>(a);
  const pb = changetype<usize>(b);
  const na = a.length;
  const nb = b.length;
  const n = na < nb ? na : nb;
  for (let i = 0; i < n; i++) {
    const ca = <i32>load<u16>(pa + (<usize>i << 1));
    const cb = <i32>load<u16>(pb + (<usize>i << 1));
    if (ca != cb) return ca - cb;
  }
  return na - nb;
}

/** String.prototype.startsWith(prefix, position = 0) with code-unit comparison. */
export function jsStartsWith(s: string, prefix: string, position: i32 = 0): bool {
  const n = s.length;
  const start = position < 0 ? 0 : position > n ? n : position;
  const m = prefix.length;
  if (start + m > n) return false;
  return memory.compare(changetype<usize>(s) + (<usize>start << 1), changetype<usize>(prefix), <usize>m << 1) == 0;
}

/** String.prototype.endsWith(suffix, endPosition = length) with code-unit comparison. */
export function jsEndsWith(s: string, suffix: string, endPosition: i32 = i32.MAX_VALUE): bool {
  const n = s.length;
  const end = endPosition < 0 ? 0 : endPosition > n ? n : endPosition;
  const m = suffix.length;
  if (m > end) return false;
  return memory.compare(changetype<usize>(s) + (<usize>(end - m) << 1), changetype<usize>(suffix), <usize>m << 1) == 0;
}

/**
 * The first index >= `from` where code unit `unit` occurs in `s`, or -1 (`s.indexOf(String.fromCharCode(unit), from)`),
 * eight code units at a time.
 */
export function indexOfUnit(s: string, unit: u32, from: i32 = 0): i32 {
  const p = changetype<usize>(s);
  const n = s.length;
  let i = from < 0 ? 0 : from;
  const needle = i16x8.splat(<i16>unit);
  while (i + 8 <= n) {
    const mask = i16x8.bitmask(i16x8.eq(v128.load(p + (<usize>i << 1)), needle));
    if (mask != 0) return i + <i32>ctz(mask);
    i += 8;
  }
  for (; i < n; i++) if (<u32>load<u16>(p + (<usize>i << 1)) == unit) return i;
  return -1;
}
