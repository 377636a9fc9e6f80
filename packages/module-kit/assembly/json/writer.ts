// JsonWriter: writes JSON.stringify output as UTF-8 straight into a ByteSink, one token at a time
// (no value objects are built). Commas and colons are placed for the caller. `node` copies a
// JsonReader subtree exactly as JSON.stringify(JSON.parse(text)) would write it: plain strings and
// canonical numbers are copied as bytes, everything else is decoded and re-encoded.
import { ByteSink } from '../sink';
import { formatJsonNumber, numberScratchPtr } from '../number/dtoa';
import { JsonKind, JsonValue } from './value';
import { stringifyInto, writeJsonNumber, writeJsonString } from './stringify';
import { JsonReader } from './reader';
import { memberOrder } from './reader-order';
import { F_CANONICAL_NUMBER, F_CLEAN, F_REORDER, F_RESCAPE } from './tape';
import { writeCanonicalEscaped } from './writer-escape';

// Per open container: 1 while no member/element has been written yet.
const FIRST: u8 = 1;

export class JsonWriter {
  private depth: i32 = 0;
  private firsts: usize = heap.alloc(64);
  private firstsCapacity: i32 = 64;
  /** True right after `key()`: the next value follows its colon, without a comma. */
  private afterKey: bool = false;

  constructor(public sink: ByteSink) {}

  /** Forgets any open containers (the sink is not touched). */
  reset(): void {
    this.depth = 0;
    this.afterKey = false;
  }

  private separate(): void {
    if (this.afterKey) {
      this.afterKey = false;
      return;
    }
    if (this.depth == 0) return;
    const f = this.firsts + <usize>(this.depth - 1);
    if (load<u8>(f) == FIRST) store<u8>(f, 0);
    else this.sink.writeByte(0x2c);
  }

  private open(bracket: u32): void {
    this.separate();
    this.sink.writeByte(bracket);
    if (this.depth == this.firstsCapacity) {
      this.firstsCapacity *= 2;
      this.firsts = heap.realloc(this.firsts, <usize>this.firstsCapacity);
    }
    store<u8>(this.firsts + <usize>this.depth, FIRST);
    this.depth++;
  }

  beginObject(): JsonWriter {
    this.open(0x7b);
    return this;
  }

  endObject(): JsonWriter {
    this.depth--;
    this.sink.writeByte(0x7d);
    return this;
  }

  beginArray(): JsonWriter {
    this.open(0x5b);
    return this;
  }

  endArray(): JsonWriter {
    this.depth--;
    this.sink.writeByte(0x5d);
    return this;
  }

  /** A member name; the next call writes its value. */
  key(name: string): JsonWriter {
    this.separate();
    writeJsonString<ByteSink>(this.sink, name);
    this.sink.writeByte(0x3a);
    this.afterKey = true;
    return this;
  }

  string(s: string): JsonWriter {
    this.separate();
    writeJsonString<ByteSink>(this.sink, s);
    return this;
  }

  number(x: f64): JsonWriter {
    this.separate();
    writeJsonNumber<ByteSink>(this.sink, x);
    return this;
  }

  integer(x: i64): JsonWriter {
    this.separate();
    const n = formatJsonNumber(<f64>x);
    this.sink.writeBytes(numberScratchPtr(), n);
    return this;
  }

  bool(b: bool): JsonWriter {
    this.separate();
    if (b) this.sink.writeBytes(changetype<usize>(LITERALS) + 4, 4);
    else this.sink.writeBytes(changetype<usize>(LITERALS) + 8, 5);
    return this;
  }

  nul(): JsonWriter {
    this.separate();
    this.sink.writeBytes(changetype<usize>(LITERALS), 4);
    return this;
  }

  /** A value already serialized as JSON (`len` bytes at `ptr`), written as it is. */
  raw(ptr: usize, len: i32): JsonWriter {
    this.separate();
    this.sink.writeBytes(ptr, len);
    return this;
  }

  /** Where the next byte goes: with `again`, lets a caller write a value once and repeat it. */
  // @ts-ignore: decorator
  @inline get offset(): i32 {
    return this.sink.length;
  }

  /** Writes the bytes this writer wrote between offsets `start` and `end` again, as the next value. */
  again(start: i32, end: i32): JsonWriter {
    this.separate();
    const n = end - start;
    this.sink.ensure(n); // may move the buffer: offsets stay valid, pointers would not
    memory.copy(this.sink.ptr + <usize>this.sink.length, this.sink.ptr + <usize>start, <usize>n);
    this.sink.length += n;
    return this;
  }

  /** A value of the JSON value model (json/value.ts). */
  value(v: JsonValue): JsonWriter {
    this.separate();
    stringifyInto<ByteSink>(this.sink, v);
    return this;
  }

  /** Node `n` of `r` and its subtree, as JSON.stringify(JSON.parse(its text)) writes it. */
  node(r: JsonReader, n: i32): JsonWriter {
    this.separate();
    writeSubtree(this.sink, r, n);
    return this;
  }
}

// "null" "true" "false" as ASCII bytes.
const LITERALS: StaticArray<u8> = [0x6e, 0x75, 0x6c, 0x6c, 0x74, 0x72, 0x75, 0x65, 0x66, 0x61, 0x6c, 0x73, 0x65];

function writeScalar(sink: ByteSink, r: JsonReader, n: i32): void {
  const kind = r.kind(n);
  const p = r.base + <usize>r.start(n);
  const len = <i32>r.byteLength(n);
  const flags = r.flags(n);
  if (kind == JsonKind.String) {
    if ((flags & F_RESCAPE) == 0) {
      sink.ensure(len + 2);
      sink.writeByte(0x22);
      sink.writeBytes(p, len);
      sink.writeByte(0x22);
    } else writeCanonicalEscaped(sink, p, len);
  } else if (kind == JsonKind.Number) {
    if ((flags & F_CANONICAL_NUMBER) != 0) sink.writeBytes(p, len);
    else writeJsonNumber<ByteSink>(sink, r.number(n));
  } else if (kind == JsonKind.Bool) {
    if (r.bool(n)) sink.writeBytes(changetype<usize>(LITERALS) + 4, 4);
    else sink.writeBytes(changetype<usize>(LITERALS) + 8, 5);
  } else sink.writeBytes(changetype<usize>(LITERALS), 4);
}

// Explicit stack of open containers while copying: per frame the container node, the next child
// (a node index, or a position in an ordered member list), where it ends, and that list.
class Frame {
  node: i32 = 0;
  cursor: i32 = 0;
  end: i32 = 0;
  ordered: usize = 0; // keys then values, `end` slots each; 0 when the members are copied in place
}
const frames = new Array<Frame>();

function frameAt(depth: i32): Frame {
  while (frames.length <= depth) frames.push(new Frame());
  return unchecked(frames[depth]);
}

// Copies a clean container (tape.ts F_CLEAN): its bytes are already what JSON.stringify writes.
function copyClean(sink: ByteSink, r: JsonReader, n: i32): void {
  const start = r.start(n);
  sink.writeBytes(r.base + <usize>start, <i32>(r.end(n) - start));
}

// Opens container `n` as frame `depth`; returns the next depth.
function openContainer(sink: ByteSink, r: JsonReader, n: i32, depth: i32): i32 {
  const f = frameAt(depth);
  f.node = n;
  f.cursor = 0;
  f.ordered = 0;
  const isObject = r.kind(n) == JsonKind.Object;
  sink.writeByte(isObject ? 0x7b : 0x5b);
  if (isObject && (r.flags(n) & F_REORDER) != 0) {
    const members = r.size(n);
    f.ordered = heap.alloc(<usize>members << 3);
    f.end = memberOrder(r, n, f.ordered, f.ordered + (<usize>members << 2));
  } else {
    f.cursor = n + 1;
    f.end = r.next(n);
  }
  return depth + 1;
}

function writeSubtree(sink: ByteSink, r: JsonReader, root: i32): void {
  const rk = r.kind(root);
  if (rk != JsonKind.Object && rk != JsonKind.Array) {
    writeScalar(sink, r, root);
    return;
  }
  if ((r.flags(root) & F_CLEAN) != 0) {
    copyClean(sink, r, root);
    return;
  }
  let depth = openContainer(sink, r, root, 0);
  while (depth > 0) {
    const f = frameAt(depth - 1);
    const isObject = r.kind(f.node) == JsonKind.Object;
    let value: i32;
    if (f.ordered != 0) {
      if (f.cursor >= f.end) {
        heap.free(f.ordered);
        f.ordered = 0;
        sink.writeByte(0x7d);
        depth--;
        continue;
      }
      const members = r.size(f.node);
      const key = load<i32>(f.ordered + (<usize>f.cursor << 2));
      value = load<i32>(f.ordered + (<usize>(members + f.cursor) << 2));
      if (f.cursor > 0) sink.writeByte(0x2c);
      f.cursor++;
      writeScalar(sink, r, key);
      sink.writeByte(0x3a);
    } else {
      if (f.cursor >= f.end) {
        sink.writeByte(isObject ? 0x7d : 0x5d);
        depth--;
        continue;
      }
      if (f.cursor > f.node + 1) sink.writeByte(0x2c);
      if (isObject) {
        writeScalar(sink, r, f.cursor);
        sink.writeByte(0x3a);
        value = f.cursor + 1;
      } else value = f.cursor;
      f.cursor = r.next(value);
    }
    const vk = r.kind(value);
    if (vk != JsonKind.Object && vk != JsonKind.Array) writeScalar(sink, r, value);
    else if ((r.flags(value) & F_CLEAN) != 0) copyClean(sink, r, value);
    else depth = openContainer(sink, r, value, depth);
  }
}
