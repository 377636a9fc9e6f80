// UTF-8 <-> UTF-16 with the semantics of the WHATWG Encoding Standard, i.e. of TextEncoder and
// TextDecoder('utf-8', { ignoreBOM: true }): lone surrogates encode as U+FFFD (EF BF BD); invalid
// input decodes to one U+FFFD per maximal invalid subpart; a BOM is kept, never stripped.
import { ByteSink } from './sink';

/** Bytes consumed by the last decodeUtf8At call. */
export let utf8Consumed: i32 = 0;

/**
 * Decodes one sequence starting at `p` whose first byte is >= 0x80, never reading at or past `end`.
 * Returns the code point, or 0xFFFD for an invalid or truncated sequence; sets utf8Consumed.
 */
export function decodeUtf8At(p: usize, end: usize): u32 {
  const b0 = <u32>load<u8>(p);
  let need: i32;
  let lower: u32 = 0x80;
  let upper: u32 = 0xbf;
  let cp: u32;
  if (b0 - 0xc2 <= 0xdf - 0xc2) {
    need = 1;
    cp = b0 & 0x1f;
  } else if (b0 - 0xe0 <= 0xef - 0xe0) {
    if (b0 == 0xe0) lower = 0xa0;
    else if (b0 == 0xed) upper = 0x9f;
    need = 2;
    cp = b0 & 0x0f;
  } else if (b0 - 0xf0 <= 0xf4 - 0xf0) {
    if (b0 == 0xf0) lower = 0x90;
    else if (b0 == 0xf4) upper = 0x8f;
    need = 3;
    cp = b0 & 0x07;
  } else {
    utf8Consumed = 1;
    return 0xfffd;
  }
  let q = p + 1;
  for (let k = 0; k < need; k++) {
    if (q >= end) {
      utf8Consumed = <i32>(q - p);
      return 0xfffd;
    }
    const b = <u32>load<u8>(q);
    if (b < lower || b > upper) {
      // The offending byte is not consumed: it starts the next sequence.
      utf8Consumed = <i32>(q - p);
      return 0xfffd;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    q++;
  }
  utf8Consumed = need + 1;
  return cp;
}

/** Number of UTF-8 bytes `s` encodes to (lone surrogates count 3). */
export function utf8Length(s: string): i32 {
  const p = changetype<usize>(s);
  const n = s.length;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const c = <u32>load<u16>(p + (<usize>i << 1));
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c - 0xd800 < 0x400 && i + 1 < n && <u32>load<u16>(p + (<usize>(i + 1) << 1)) - 0xdc00 < 0x400) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Encodes `s` as UTF-8 like TextEncoder into `out` (cleared first), or into a new sink when `out`
 * is null. Returns the sink: its `ptr` and `length` are the bytes. Reuse one sink across calls.
 */
export function utf8Encode(s: string, out: ByteSink | null = null): ByteSink {
  let sink: ByteSink;
  if (out === null) sink = new ByteSink(s.length + 16);
  else {
    sink = out;
    sink.reset();
  }
  sink.writeUtf16(changetype<usize>(s), s.length);
  return sink;
}

/** Appends `s` as UTF-8 to `out` (no reset). */
export function utf8EncodeInto(s: string, out: ByteSink): void {
  out.writeUtf16(changetype<usize>(s), s.length);
}

/** Decodes `len` bytes at `ptr` like TextDecoder('utf-8', { ignoreBOM: true }).decode. */
export function utf8Decode(ptr: usize, len: i32): string {
  if (len <= 0) return '';
  // At most one code unit per byte; shrink at the end.
  const str = __new(<usize>len << 1, idof<string>());
  let d = str;
  let p = ptr;
  const end = ptr + <usize>len;
  while (p < end) {
    // ASCII fast path: sixteen bytes at a time (SIMD widening), then eight.
    while (p + 16 <= end) {
      const v = v128.load(p);
      if (i8x16.bitmask(v) != 0) break;
      v128.store(d, i16x8.extend_low_i8x16_u(v));
      v128.store(d, i16x8.extend_high_i8x16_u(v), 16);
      p += 16;
      d += 32;
    }
    while (p + 8 <= end) {
      const eight = load<u64>(p);
      if ((eight & 0x8080808080808080) != 0) break;
      store<u64>(d, (eight & 0xff) | ((eight & 0xff00) << 8) | ((eight & 0xff0000) << 16) | ((eight & 0xff000000) << 24));
      store<u64>(
        d,
        ((eight >> 32) & 0xff) | (((eight >> 32) & 0xff00) << 8) | (((eight >> 32) & 0xff0000) << 16) | (((eight >> 32) & 0xff000000) << 24),
        8,
      );
      p += 8;
      d += 16;
    }
    if (p >= end) break;
    const b = <u32>load<u8>(p);
    if (b < 0x80) {
      store<u16>(d, <u16>b);
      d += 2;
      p++;
      continue;
    }
    const cp = decodeUtf8At(p, end);
    p += <usize>utf8Consumed;
    if (cp < 0x10000) {
      store<u16>(d, <u16>cp);
      d += 2;
    } else {
      store<u16>(d, <u16>(0xd800 + ((cp - 0x10000) >> 10)));
      store<u16>(d, <u16>(0xdc00 + ((cp - 0x10000) & 0x3ff)), 2);
      d += 4;
    }
  }
  const bytes = d - str;
  if (bytes == <usize>len << 1) return changetype<string>(str);
  return changetype<string>(__renew(str, bytes));
}
