// Whether llms's think sanitizer (sanitize-think.ts) provably returns a string unchanged, decided on the
// string's JSON bytes in the input without decoding it: then the output can copy those bytes instead of
// decoding, sanitizing and re-encoding. Conservative: any doubt answers false (the exact path runs).
//
// The sanitizer changes a string only if it (1) has `<think>` (ASCII case-insensitive), (2) has a
// fence: three backticks, whitespace, `think`, (3) has a run of three LF (escaped in JSON as `\n\n\n`),
// or (4) starts or ends with JavaScript whitespace. `\u` escapes could spell any of these, so a string
// with one is never fast.
import { JsonReader } from '@llms-wasm/module-kit/assembly';

// @ts-ignore: decorator
@inline
function isJsSpaceCodePoint(cp: u32): bool {
  return cp == 0x20 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000 || cp == 0xfeff || (cp >= 0x09 && cp <= 0x0d);
}

/** The code point of the UTF-8 sequence ending at `end` (exclusive), starting at or after `start`. */
function lastCodePoint(start: usize, end: usize): u32 {
  let p = end - 1;
  while (p > start && (<u32>load<u8>(p) & 0xc0) == 0x80) p--;
  const b0 = <u32>load<u8>(p);
  if (b0 < 0x80) return b0;
  const n = <i32>(end - p);
  let cp: u32 = n == 2 ? b0 & 0x1f : n == 3 ? b0 & 0x0f : b0 & 0x07;
  for (let k = 1; k < n; k++) cp = (cp << 6) | (<u32>load<u8>(p + <usize>k) & 0x3f);
  return cp;
}

function firstCodePoint(p: usize, end: usize): u32 {
  const b0 = <u32>load<u8>(p);
  if (b0 < 0x80) return b0;
  const n = b0 >= 0xf0 ? 4 : b0 >= 0xe0 ? 3 : 2;
  let cp: u32 = n == 2 ? b0 & 0x1f : n == 3 ? b0 & 0x0f : b0 & 0x07;
  for (let k = 1; k < n && p + <usize>k < end; k++) cp = (cp << 6) | (<u32>load<u8>(p + <usize>k) & 0x3f);
  return cp;
}

/** True when the bytes at `p` are `word` (lower-case ASCII) ignoring ASCII case, within `end`. */
function caselessAt(p: usize, end: usize, word: string): bool {
  const n = word.length;
  if (p + <usize>n > end) return false;
  for (let i = 0; i < n; i++) {
    let c = <u32>load<u8>(p + <usize>i);
    if (c >= 0x41 && c <= 0x5a) c += 32;
    if (c != <u32>word.charCodeAt(i)) return false;
  }
  return true;
}

/** After three backticks at `p`: could a think fence start here? (Doubt counts as yes.) */
function mayOpenFence(p: usize, end: usize): bool {
  let q = p + 3;
  while (q < end && <u32>load<u8>(q) == 0x20) q++;
  if (q < end && (<u32>load<u8>(q) == 0x5c || <u32>load<u8>(q) >= 0x80)) return true; // escaped or non-ASCII whitespace
  return caselessAt(q, end, 'think');
}

/** True when string node `n` of `r` is non-empty and the sanitizer would return it unchanged. */
export function sanitizesToItself(r: JsonReader, n: i32): bool {
  const start = r.base + <usize>r.start(n);
  const len = <i32>r.byteLength(n);
  if (len == 0) return false;
  const end = start + <usize>len;
  const lt = i8x16.splat(0x3c);
  const tick = i8x16.splat(0x60);
  const slash = i8x16.splat(0x5c);
  let p = start;
  let newlines = 0; // consecutive `\n` escapes
  while (p < end) {
    // Sixteen bytes at a time while none is '<', '`' or a backslash.
    while (p + 16 <= end && !v128.any_true(v128.or(v128.or(i8x16.eq(v128.load(p), lt), i8x16.eq(v128.load(p), tick)), i8x16.eq(v128.load(p), slash)))) {
      p += 16;
      newlines = 0;
    }
    if (p >= end) break;
    const c = <u32>load<u8>(p);
    if (c == 0x3c && caselessAt(p + 1, end, 'think>')) return false;
    if (c == 0x60 && p + 3 <= end && <u32>load<u8>(p + 1) == 0x60 && <u32>load<u8>(p + 2) == 0x60 && mayOpenFence(p, end)) return false;
    if (c != 0x5c) {
      newlines = 0;
      p++;
      continue;
    }
    const e = <u32>load<u8>(p + 1);
    if (e == 0x75) return false;
    newlines = e == 0x6e ? newlines + 1 : 0;
    if (newlines >= 3) return false;
    p += 2;
  }
  // The ends: an escape there is whitespace or an unknown (\t \n \r \f, \b, \" …): leave it to the exact path.
  if (<u32>load<u8>(start) == 0x5c || isJsSpaceCodePoint(firstCodePoint(start, end))) return false;
  const last = <u32>load<u8>(end - 1);
  if (len >= 2 && <u32>load<u8>(end - 2) == 0x5c) return false;
  if (last < 0x80) return !isJsSpaceCodePoint(last);
  return !isJsSpaceCodePoint(lastCodePoint(start, end));
}
