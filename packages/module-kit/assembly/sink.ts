import { decodeUtf8At, utf8Consumed } from './utf8';

// Growable raw (heap.alloc, not GC-managed) buffers. A module keeps one of each as a global and
// reuses it call after call, so steady-state encoding allocates nothing. Call dispose() on a sink
// you created for one use: the GC does not see the raw buffer.

/**
 * The growable raw memory both sinks share: `ptr` points at `length` valid elements of `1 << shift`
 * bytes each (bytes for ByteSink, UTF-16 code units for CharSink).
 */
class RawBuffer {
  ptr: usize;
  length: i32 = 0;
  capacity: i32;
  readonly shift: i32;

  constructor(initialCapacity: i32, shift: i32) {
    const cap = initialCapacity < 16 ? 16 : initialCapacity;
    this.shift = shift;
    this.ptr = heap.alloc(<usize>cap << shift);
    this.capacity = cap;
  }

  /** Forgets the contents, keeps the memory. */
  reset(): void {
    this.length = 0;
  }

  /** Releases the raw buffer; the sink is empty and unusable until grown again. */
  dispose(): void {
    if (this.ptr != 0) heap.free(this.ptr);
    this.ptr = 0;
    this.capacity = 0;
    this.length = 0;
  }

  /** Makes room for `extra` more elements. */
  // @ts-ignore: decorator
  @inline ensure(extra: i32): void {
    if (<i64>this.length + <i64>extra > <i64>this.capacity) this.grow(extra);
  }

  grow(extra: i32): void {
    let cap = <i64>this.capacity * 2;
    const need = <i64>this.length + <i64>extra;
    if (cap < need) cap = need;
    if (cap < 16) cap = 16;
    const max = <i64>(0x7fffffff >> this.shift);
    if (cap > max) cap = max;
    const bytes = <usize>cap << this.shift;
    this.ptr = this.ptr == 0 ? heap.alloc(bytes) : heap.realloc(this.ptr, bytes);
    this.capacity = <i32>cap;
  }
}

/** Growable UTF-8 byte buffer: `ptr` points at `length` valid bytes. */
export class ByteSink extends RawBuffer {
  constructor(initialCapacity: i32 = 1024) {
    super(initialCapacity, 0);
  }

  // @ts-ignore: decorator
  @inline writeByte(b: u32): void {
    this.ensure(1);
    store<u8>(this.ptr + <usize>this.length, <u8>b);
    this.length++;
  }

  /** Appends one ASCII character (the shared name stringify uses for both sinks). */
  // @ts-ignore: decorator
  @inline writeAsciiChar(c: u32): void {
    this.writeByte(c);
  }

  /** Appends `n` ASCII bytes from `src`. */
  // @ts-ignore: decorator
  @inline writeAsciiBytes(src: usize, n: i32): void {
    this.writeBytes(src, n);
  }

  /** Appends `n` raw bytes from `src`. */
  writeBytes(src: usize, n: i32): void {
    this.ensure(n);
    memory.copy(this.ptr + <usize>this.length, src, <usize>n);
    this.length += n;
  }

  /** Appends a string known to be ASCII (each code unit written as one byte). */
  writeAscii(s: string): void {
    const n = s.length;
    this.ensure(n);
    const src = changetype<usize>(s);
    const dst = this.ptr + <usize>this.length;
    for (let i = 0; i < n; i++) store<u8>(dst + <usize>i, load<u16>(src + (<usize>i << 1)));
    this.length += n;
  }

  /** Appends `units` UTF-16 code units from `src` as UTF-8 (lone surrogates become EF BF BD). */
  writeUtf16(src: usize, units: i32): void {
    // Worst case 3 bytes per unit (a surrogate pair is 4 bytes for 2 units).
    this.ensure(units * 3);
    let d = this.ptr + <usize>this.length;
    let i = 0;
    while (i < units) {
      // ASCII fast path: eight units at a time (SIMD narrowing), then four.
      while (i + 8 <= units) {
        const v = v128.load(src + (<usize>i << 1));
        if (v128.any_true(v128.and(v, i16x8.splat(<i16>0xff80)))) break;
        v128.store64_lane(d, i8x16.narrow_i16x8_u(v, v), 0);
        d += 8;
        i += 8;
      }
      while (i + 4 <= units) {
        const four = load<u64>(src + (<usize>i << 1));
        if ((four & 0xff80ff80ff80ff80) != 0) break;
        store<u8>(d, <u8>four);
        store<u8>(d, <u8>(four >> 16), 1);
        store<u8>(d, <u8>(four >> 32), 2);
        store<u8>(d, <u8>(four >> 48), 3);
        d += 4;
        i += 4;
      }
      if (i >= units) break;
      const c = <u32>load<u16>(src + (<usize>i << 1));
      i++;
      if (c < 0x80) {
        store<u8>(d, <u8>c);
        d += 1;
      } else if (c < 0x800) {
        store<u8>(d, <u8>(0xc0 | (c >> 6)));
        store<u8>(d, <u8>(0x80 | (c & 63)), 1);
        d += 2;
      } else if (c - 0xd800 < 0x800) {
        // Surrogate: a high one followed by a low one is a pair, anything else is lone.
        if (c < 0xdc00 && i < units) {
          const c2 = <u32>load<u16>(src + (<usize>i << 1));
          if (c2 - 0xdc00 < 0x400) {
            const cp = 0x10000 + ((c - 0xd800) << 10) + (c2 - 0xdc00);
            i++;
            store<u8>(d, <u8>(0xf0 | (cp >> 18)));
            store<u8>(d, <u8>(0x80 | ((cp >> 12) & 63)), 1);
            store<u8>(d, <u8>(0x80 | ((cp >> 6) & 63)), 2);
            store<u8>(d, <u8>(0x80 | (cp & 63)), 3);
            d += 4;
            continue;
          }
        }
        store<u8>(d, 0xef);
        store<u8>(d, 0xbf, 1);
        store<u8>(d, 0xbd, 2);
        d += 3;
      } else {
        store<u8>(d, <u8>(0xe0 | (c >> 12)));
        store<u8>(d, <u8>(0x80 | ((c >> 6) & 63)), 1);
        store<u8>(d, <u8>(0x80 | (c & 63)), 2);
        d += 3;
      }
    }
    this.length = <i32>(d - this.ptr);
  }

  /** Appends `s` as UTF-8. */
  // @ts-ignore: decorator
  @inline writeString(s: string): void {
    this.writeUtf16(changetype<usize>(s), s.length);
  }
}

/** Growable UTF-16 code-unit buffer: `ptr` points at `length` valid code units. */
export class CharSink extends RawBuffer {
  constructor(initialCapacity: i32 = 256) {
    super(initialCapacity, 1);
  }

  /** Appends one UTF-16 code unit. */
  // @ts-ignore: decorator
  @inline writeUnit(c: u32): void {
    this.ensure(1);
    store<u16>(this.ptr + (<usize>this.length << 1), <u16>c);
    this.length++;
  }

  /** Appends one ASCII character (the shared name stringify uses for both sinks). */
  // @ts-ignore: decorator
  @inline writeAsciiChar(c: u32): void {
    this.writeUnit(c);
  }

  /** Appends `n` ASCII bytes from `src`, widened. */
  // @ts-ignore: decorator
  @inline writeAsciiBytes(src: usize, n: i32): void {
    this.writeBytes(src, n);
  }

  /** Appends a code point (as a surrogate pair above U+FFFF). */
  writeCodePoint(cp: u32): void {
    if (cp < 0x10000) {
      this.writeUnit(cp);
    } else {
      this.ensure(2);
      const d = this.ptr + (<usize>this.length << 1);
      store<u16>(d, <u16>(0xd800 + ((cp - 0x10000) >> 10)));
      store<u16>(d, <u16>(0xdc00 + ((cp - 0x10000) & 0x3ff)), 2);
      this.length += 2;
    }
  }

  /** Appends `n` bytes from `src`, each widened to one code unit (Latin-1 / ASCII). */
  writeBytes(src: usize, n: i32): void {
    this.ensure(n);
    const d = this.ptr + (<usize>this.length << 1);
    for (let i = 0; i < n; i++) store<u16>(d + (<usize>i << 1), load<u8>(src + <usize>i));
    this.length += n;
  }

  /** Appends `n` bytes of UTF-8 from `src`, decoded like TextDecoder (invalid sequences as U+FFFD). */
  writeUtf8(src: usize, n: i32): void {
    this.ensure(n);
    const end = src + <usize>n;
    let p = src;
    while (p < end) {
      // ASCII fast path: sixteen bytes at a time, widened with SIMD.
      while (p + 16 <= end) {
        const v = v128.load(p);
        if (i8x16.bitmask(v) != 0) break;
        const d = this.ptr + (<usize>this.length << 1);
        v128.store(d, i16x8.extend_low_i8x16_u(v));
        v128.store(d, i16x8.extend_high_i8x16_u(v), 16);
        this.length += 16;
        p += 16;
      }
      if (p >= end) break;
      const b = <u32>load<u8>(p);
      if (b < 0x80) {
        store<u16>(this.ptr + (<usize>this.length << 1), <u16>b);
        this.length++;
        p++;
        continue;
      }
      const cp = decodeUtf8At(p, end);
      p += <usize>utf8Consumed;
      this.writeCodePoint(cp);
    }
  }

  /** Appends `units` raw UTF-16 code units from `src`. */
  writeUtf16(src: usize, units: i32): void {
    this.ensure(units);
    memory.copy(this.ptr + (<usize>this.length << 1), src, <usize>units << 1);
    this.length += units;
  }

  // @ts-ignore: decorator
  @inline writeString(s: string): void {
    this.writeUtf16(changetype<usize>(s), s.length);
  }

  /** Copies the contents into a new string. */
  toString(): string {
    const bytes = <usize>this.length << 1;
    const s = __new(bytes, idof<string>());
    memory.copy(s, this.ptr, bytes);
    return changetype<string>(s);
  }
}
