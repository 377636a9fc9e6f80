// JsonReader: JSON.parse's grammar over UTF-8 bytes, into a tape (tape.ts) instead of objects.
// Parsing allocates nothing the GC sees; values are read in place (numbers parsed, strings decoded
// only when asked). Reading gives exactly what JSON.parse would: the last of repeated keys wins, and
// `writeNode` (writer.ts) writes a subtree back as JSON.stringify(JSON.parse(text)) would.
// Invalid UTF-8 inside strings is an error (the host's bytes path can carry anything).
import { CharSink } from '../sink';
import { parseNumberSpan } from '../number/strtod';
import { JsonKind } from './value';
import { DEFAULT_MAX_DEPTH } from './parse';
import { scanString, scanNumber, hexDigit } from './reader-scan';
import { markObjectOrder } from './reader-order';
import { F_CANONICAL_NUMBER, F_CLEAN, F_ESCAPED, F_NON_ASCII, F_REORDER, F_RESCAPE, NODE_BYTES, nodeAt, nodeFlags, nodeKind, nodeNext, nodeSize, nodeStart } from './tape';
import { utf8Decode } from '../utf8';

const ST_VALUE = 0;
const ST_AFTER = 1;
const ST_KEY = 2;

export class JsonReader {
  /** Tape nodes (16 bytes each), valid until the next parse. */
  tape: usize = 0;
  /** Nodes in the tape. */
  count: i32 = 0;
  /** The input bytes (not copied: they must stay in place while the reader is used). */
  base: usize = 0;
  length: i32 = 0;
  /** Empty when the last parse succeeded; otherwise what is wrong, and the byte offset. */
  error: string = '';
  errorAt: i32 = -1;
  maxDepth: i32 = DEFAULT_MAX_DEPTH;
  private capacity: i32 = 0;
  private stack: usize = 0;
  private stackCapacity: i32 = 0;
  private readonly text: CharSink = new CharSink(64);

  /** Parses `len` bytes at `ptr`; false (with `error`, `errorAt`) when they are not one JSON text. */
  parse(ptr: usize, len: i32): bool {
    this.base = ptr;
    this.length = len;
    this.count = 0;
    this.error = '';
    this.errorAt = -1;
    this.reserve(len < 1024 ? 64 : (len >> 4) + 64);
    const end = ptr + <usize>len;
    let pos = ptr;
    let depth = 0;
    let state = ST_VALUE;
    while (true) {
      const before = pos;
      pos = skipWhitespace(pos, end);
      if (pos != before && depth > 0) this.dirty(depth - 1);
      if (state == ST_VALUE) {
        if (pos >= end) return this.fail('Unexpected end of JSON input', pos);
        const c = <u32>load<u8>(pos);
        if (c == 0x22) {
          const close = scanString(pos + 1, end);
          if (close == 0) return this.fail(scanErrorMessage(), scanErrorAt());
          const flags = scanFlags();
          this.emit(JsonKind.String | flags, pos + 1, <u32>(close - pos - 1));
          if ((flags & F_RESCAPE) != 0 && depth > 0) this.dirty(depth - 1);
          pos = close + 1;
          state = ST_AFTER;
        } else if (c == 0x7b || c == 0x5b) {
          if (depth >= this.maxDepth) return this.fail('JSON nesting is deeper than ' + this.maxDepth.toString(), pos);
          const n = this.emit(c == 0x7b ? JsonKind.Object : JsonKind.Array, pos, 0);
          this.push(depth++, n);
          const inside = pos + 1;
          pos = skipWhitespace(inside, end);
          if (pos != inside) this.dirty(depth - 1);
          if (pos < end && <u32>load<u8>(pos) == (c == 0x7b ? 0x7d : 0x5d)) {
            pos++;
            this.close(--depth, pos);
            state = ST_AFTER;
          } else state = c == 0x7b ? ST_KEY : ST_VALUE;
          continue;
        } else if (c == 0x2d || c - 0x30 <= 9) {
          const stop = scanNumber(pos, end);
          if (stop == 0) return this.fail(scanErrorMessage(), scanErrorAt());
          const flags = scanFlags();
          this.emit(JsonKind.Number | flags, pos, <u32>(stop - pos));
          if ((flags & F_CANONICAL_NUMBER) == 0 && depth > 0) this.dirty(depth - 1);
          pos = stop;
          state = ST_AFTER;
        } else if (c == 0x74 && literal(pos, end, 0x65757274, 4)) {
          this.emit(JsonKind.Bool | (1 << 4), pos, 4);
          pos += 4;
          state = ST_AFTER;
        } else if (c == 0x66 && literal(pos + 1, end, 0x65736c61, 4)) {
          this.emit(JsonKind.Bool, pos, 5);
          pos += 5;
          state = ST_AFTER;
        } else if (c == 0x6e && literal(pos, end, 0x6c6c756e, 4)) {
          this.emit(JsonKind.Null, pos, 4);
          pos += 4;
          state = ST_AFTER;
        } else return this.unexpected(pos, end);
        continue;
      }
      if (state == ST_KEY) {
        if (pos >= end) return this.fail('Unexpected end of JSON input', pos);
        if (<u32>load<u8>(pos) != 0x22) return this.unexpected(pos, end);
        const close = scanString(pos + 1, end);
        if (close == 0) return this.fail(scanErrorMessage(), scanErrorAt());
        this.emit(JsonKind.String | scanFlags(), pos + 1, <u32>(close - pos - 1));
        const afterKey = close + 1;
        pos = skipWhitespace(afterKey, end);
        if (pos != afterKey) this.dirty(depth - 1);
        if (pos >= end) return this.fail('Unexpected end of JSON input', pos);
        if (<u32>load<u8>(pos) != 0x3a) return this.unexpected(pos, end);
        pos++;
        state = ST_VALUE;
        continue;
      }
      // ST_AFTER: a value is complete.
      if (depth == 0) {
        if (pos < end) return this.unexpected(pos, end);
        return true;
      }
      const top = this.top(depth - 1);
      const size = nodeAt(this.tape, top) + 8;
      store<u32>(size, load<u32>(size) + 1);
      if (pos >= end) return this.fail('Unexpected end of JSON input', pos);
      const c = <u32>load<u8>(pos);
      const isObject = nodeKind(this.tape, top) == JsonKind.Object;
      if (c == 0x2c) {
        pos++;
        state = isObject ? ST_KEY : ST_VALUE;
      } else if (c == (isObject ? 0x7d : 0x5d)) {
        pos++;
        this.close(--depth, pos);
      } else return this.unexpected(pos, end);
    }
  }

  /** The root value (node 0). */
  // @ts-ignore: decorator
  @inline root(): i32 {
    return 0;
  }

  // @ts-ignore: decorator
  @inline kind(n: i32): JsonKind {
    return nodeKind(this.tape, n);
  }

  /** The node after `n`'s subtree (its next sibling, when it has one). */
  // @ts-ignore: decorator
  @inline next(n: i32): i32 {
    return nodeNext(this.tape, n);
  }

  /** Elements of an array, members of an object, 0 otherwise. */
  size(n: i32): i32 {
    const k = nodeKind(this.tape, n);
    return k == JsonKind.Array || k == JsonKind.Object ? <i32>nodeSize(this.tape, n) : 0;
  }

  /** JavaScript truthiness of node `n` (`if (value)`): false for -1 (absent), null, false, 0, NaN and "". */
  truthy(n: i32): bool {
    if (n < 0) return false;
    const k = nodeKind(this.tape, n);
    if (k == JsonKind.Null) return false;
    if (k == JsonKind.Bool) return this.bool(n);
    if (k == JsonKind.String) return nodeSize(this.tape, n) > 0;
    if (k == JsonKind.Number) {
      const x = this.number(n);
      return x != 0 && !isNaN(x);
    }
    return true;
  }

  /** True for an array or an object (`typeof v === 'object' && v !== null`). */
  isContainer(n: i32): bool {
    if (n < 0) return false;
    const k = nodeKind(this.tape, n);
    return k == JsonKind.Array || k == JsonKind.Object;
  }

  /** The boolean (false for any other kind). */
  bool(n: i32): bool {
    return nodeKind(this.tape, n) == JsonKind.Bool && (nodeFlags(this.tape, n) & (1 << 4)) != 0;
  }

  /** The number (NaN for any other kind). */
  number(n: i32): f64 {
    if (nodeKind(this.tape, n) != JsonKind.Number) return NaN;
    return parseNumberSpan<u8>(this.base + <usize>nodeStart(this.tape, n), <i32>nodeSize(this.tape, n));
  }

  /** The string's text, decoded ("" for any other kind). */
  string(n: i32): string {
    if (nodeKind(this.tape, n) != JsonKind.String) return '';
    const p = this.base + <usize>nodeStart(this.tape, n);
    const len = <i32>nodeSize(this.tape, n);
    if ((nodeFlags(this.tape, n) & F_ESCAPED) == 0) return utf8Decode(p, len);
    const sink = this.text;
    sink.reset();
    unescapeInto(sink, p, len);
    return sink.toString();
  }

  /** True when node `n` is a string equal to `s` (no allocation for plain ASCII strings). */
  stringIs(n: i32, s: string): bool {
    if (nodeKind(this.tape, n) != JsonKind.String) return false;
    const flags = nodeFlags(this.tape, n);
    if ((flags & (F_ESCAPED | F_NON_ASCII)) != 0) return this.string(n) == s;
    const len = <i32>nodeSize(this.tape, n);
    if (len != s.length) return false;
    const p = this.base + <usize>nodeStart(this.tape, n);
    const q = changetype<usize>(s);
    for (let i = 0; i < len; i++) if (<u32>load<u8>(p + <usize>i) != <u32>load<u16>(q + (<usize>i << 1))) return false;
    return true;
  }

  /** The value of member `key` of object `n` (the last one, as JSON.parse keeps), or -1. */
  get(n: i32, key: string): i32 {
    if (nodeKind(this.tape, n) != JsonKind.Object) return -1;
    let found = -1;
    let k = n + 1;
    for (let i = 0, m = <i32>nodeSize(this.tape, n); i < m; i++) {
      if (this.stringIs(k, key)) found = k + 1;
      k = nodeNext(this.tape, k + 1);
    }
    return found;
  }

  /** Element `i` of array `n`, or -1. */
  at(n: i32, i: i32): i32 {
    if (nodeKind(this.tape, n) != JsonKind.Array || i < 0 || i >= <i32>nodeSize(this.tape, n)) return -1;
    let e = n + 1;
    for (let j = 0; j < i; j++) e = nodeNext(this.tape, e);
    return e;
  }

  /** The first element of an array, or the first member's key of an object (-1 when empty). */
  first(n: i32): i32 {
    return this.size(n) > 0 ? n + 1 : -1;
  }

  /** Byte offset and length of a node's text in the input (strings: between the quotes). */
  // @ts-ignore: decorator
  @inline start(n: i32): u32 {
    return nodeStart(this.tape, n);
  }

  // @ts-ignore: decorator
  @inline byteLength(n: i32): u32 {
    return nodeSize(this.tape, n);
  }

  // @ts-ignore: decorator
  @inline flags(n: i32): u32 {
    return nodeFlags(this.tape, n);
  }

  /** Containers: the byte offset just after the closing bracket. */
  // @ts-ignore: decorator
  @inline end(n: i32): u32 {
    return load<u32>(nodeAt(this.tape, n), 16);
  }

  private fail(message: string, at: usize): bool {
    this.error = message;
    this.errorAt = <i32>(at - this.base);
    return false;
  }

  private unexpected(at: usize, end: usize): bool {
    if (at >= end) return this.fail('Unexpected end of JSON input', at);
    const c = <u32>load<u8>(at);
    if (c == 0x22) return this.fail('Unexpected string in JSON at position ' + (<i32>(at - this.base)).toString(), at);
    if (c == 0x2d || c - 0x30 <= 9) return this.fail('Unexpected number in JSON at position ' + (<i32>(at - this.base)).toString(), at);
    const shown = c < 0x80 ? String.fromCharCode(c) : 'non-ASCII byte 0x' + c.toString(16);
    return this.fail("Unexpected token '" + shown + "' in JSON at position " + (<i32>(at - this.base)).toString(), at);
  }

  private reserve(nodes: i32): void {
    if (nodes <= this.capacity) return;
    this.tape = this.tape == 0 ? heap.alloc(<usize>nodes * NODE_BYTES) : heap.realloc(this.tape, <usize>nodes * NODE_BYTES);
    this.capacity = nodes;
  }

  private emit(kindAndFlags: u32, at: usize, size: u32): i32 {
    const n = this.count;
    if (n == this.capacity) this.reserve(n * 2);
    const p = nodeAt(this.tape, n);
    store<u32>(p, kindAndFlags);
    store<u32>(p, <u32>(at - this.base), 4);
    store<u32>(p, size, 8);
    store<u32>(p, <u32>(n + 1), 12);
    store<u32>(p, 0, 16);
    this.count = n + 1;
    return n;
  }

  // Open containers: per depth, the node index (bits 0-30) and a "not clean" mark (bit 31).
  private push(depth: i32, n: i32): void {
    if (depth >= this.stackCapacity) {
      const cap = this.stackCapacity == 0 ? 64 : this.stackCapacity * 2;
      this.stack = this.stack == 0 ? heap.alloc(<usize>cap << 2) : heap.realloc(this.stack, <usize>cap << 2);
      this.stackCapacity = cap;
    }
    store<u32>(this.stack + (<usize>depth << 2), <u32>n);
  }

  private top(depth: i32): i32 {
    return <i32>(load<u32>(this.stack + (<usize>depth << 2)) & 0x7fffffff);
  }

  // @ts-ignore: decorator
  @inline private dirty(depth: i32): void {
    const slot = this.stack + (<usize>depth << 2);
    store<u32>(slot, load<u32>(slot) | 0x80000000);
  }

  /** Closes the container at stack slot `depth`: its subtree ends here, its bytes end at `endAt`. */
  private close(depth: i32, endAt: usize): void {
    const slot = load<u32>(this.stack + (<usize>depth << 2));
    const n = <i32>(slot & 0x7fffffff);
    const p = nodeAt(this.tape, n);
    store<u32>(p, <u32>this.count, 12);
    store<u32>(p, <u32>(endAt - this.base), 16);
    let clean = (slot & 0x80000000) == 0;
    if ((load<u32>(p) & 15) == JsonKind.Object) {
      markObjectOrder(this, n);
      if ((load<u32>(p) & F_REORDER) != 0) clean = false;
    }
    if (clean) store<u32>(p, load<u32>(p) | F_CLEAN);
    else if (depth > 0) this.dirty(depth - 1);
  }
}

// @ts-ignore: decorator
@inline
function skipWhitespace(pos: usize, end: usize): usize {
  while (pos < end) {
    const c = <u32>load<u8>(pos);
    if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) break;
    pos++;
  }
  return pos;
}

// `true` / `null` as one little-endian u32 at `p`; `false` checked from its second byte.
// @ts-ignore: decorator
@inline
function literal(p: usize, end: usize, word: u32, n: i32): bool {
  return p + <usize>n <= end && load<u32>(p) == word;
}

import { scanErrorMessage, scanErrorAt, scanFlags } from './reader-scan';

/** Decodes the content of an escaped JSON string (valid: checked by the scan) into UTF-16. */
export function unescapeInto(sink: CharSink, p: usize, len: i32): void {
  const end = p + <usize>len;
  let run = p;
  while (p < end) {
    if (<u32>load<u8>(p) != 0x5c) {
      p++;
      continue;
    }
    if (p > run) sink.writeUtf8(run, <i32>(p - run));
    const e = <u32>load<u8>(p + 1);
    let unit: u32 = e;
    if (e == 0x62) unit = 0x08;
    else if (e == 0x66) unit = 0x0c;
    else if (e == 0x6e) unit = 0x0a;
    else if (e == 0x72) unit = 0x0d;
    else if (e == 0x74) unit = 0x09;
    else if (e == 0x75) {
      unit = (hexDigit(load<u8>(p + 2)) << 12) | (hexDigit(load<u8>(p + 3)) << 8) | (hexDigit(load<u8>(p + 4)) << 4) | hexDigit(load<u8>(p + 5));
      p += 4;
    }
    sink.writeUnit(unit);
    p += 2;
    run = p;
  }
  if (end > run) sink.writeUtf8(run, <i32>(end - run));
}
