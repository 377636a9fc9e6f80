// JSON.stringify(value) byte for byte: no whitespace; strings escape \" \\ \b \f \n \r \t, other
// code units below 0x20 and lone surrogates as lowercase \u00xx / \udxxx (well-formed
// JSON.stringify), everything else literal; numbers as Number#toString, NaN/±Infinity as null.
// Iterative (explicit stack): any nesting depth the parser accepts can be written back.
import { ByteSink, CharSink } from '../sink';
import { formatJsonNumber, numberScratchPtr } from '../number/dtoa';
import { JsonArray, JsonBool, JsonKind, JsonNumber, JsonString, JsonValue } from './value';
import { JsonObject } from './object';

const HEX = '0123456789abcdef';

function writeEscape<S>(sink: S, c: u32): void {
  // @ts-ignore: generic sink
  sink.writeAsciiChar(0x5c);
  switch (c) {
    case 0x22:
      // @ts-ignore: generic sink
      sink.writeAsciiChar(0x22);
      return;
    case 0x5c:
      // @ts-ignore: generic sink
      sink.writeAsciiChar(0x5c);
      return;
    case 0x08:
      // @ts-ignore: generic sink
      sink.writeAsciiChar(0x62);
      return;
    case 0x0c:
      // @ts-ignore: generic sink
      sink.writeAsciiChar(0x66);
      return;
    case 0x0a:
      // @ts-ignore: generic sink
      sink.writeAsciiChar(0x6e);
      return;
    case 0x0d:
      // @ts-ignore: generic sink
      sink.writeAsciiChar(0x72);
      return;
    case 0x09:
      // @ts-ignore: generic sink
      sink.writeAsciiChar(0x74);
      return;
  }
  const hex = changetype<usize>(HEX);
  // @ts-ignore: generic sink
  sink.writeAsciiChar(0x75);
  // @ts-ignore: generic sink
  sink.writeAsciiChar(load<u16>(hex + (<usize>((c >> 12) & 15) << 1)));
  // @ts-ignore: generic sink
  sink.writeAsciiChar(load<u16>(hex + (<usize>((c >> 8) & 15) << 1)));
  // @ts-ignore: generic sink
  sink.writeAsciiChar(load<u16>(hex + (<usize>((c >> 4) & 15) << 1)));
  // @ts-ignore: generic sink
  sink.writeAsciiChar(load<u16>(hex + (<usize>(c & 15) << 1)));
}

/** Appends JSON.stringify(s) (quotes included) to a ByteSink or CharSink. */
export function writeJsonString<S>(sink: S, s: string): void {
  // @ts-ignore: generic sink
  sink.writeAsciiChar(0x22);
  const p = changetype<usize>(s);
  const n = s.length;
  let run = 0;
  let i = 0;
  while (i < n) {
    // Eight units at a time (SIMD) while none needs a look: a control character, `"`, `\\` or a surrogate.
    while (i + 8 <= n) {
      const v = v128.load(p + (<usize>i << 1));
      const special = v128.or(
        v128.or(i16x8.lt_u(v, i16x8.splat(0x20)), i16x8.eq(v, i16x8.splat(0x22))),
        v128.or(i16x8.eq(v, i16x8.splat(0x5c)), i16x8.lt_u(i16x8.sub(v, i16x8.splat(<i16>0xd800)), i16x8.splat(0x800))),
      );
      const mask = i16x8.bitmask(special);
      if (mask != 0) {
        i += ctz(mask); // straight to the first unit that needs a look
        break;
      }
      i += 8;
    }
    if (i >= n) break;
    const c = <u32>load<u16>(p + (<usize>i << 1));
    if (c >= 0x20 && c != 0x22 && c != 0x5c && c - 0xd800 >= 0x800) {
      i++;
      continue;
    }
    if (c - 0xd800 < 0x400 && i + 1 < n) {
      const c2 = <u32>load<u16>(p + (<usize>(i + 1) << 1));
      if (c2 - 0xdc00 < 0x400) {
        i += 2; // a well-formed pair stays literal
        continue;
      }
    }
    // @ts-ignore: generic sink
    if (i > run) sink.writeUtf16(p + (<usize>run << 1), i - run);
    writeEscape<S>(sink, c);
    i++;
    run = i;
  }
  // @ts-ignore: generic sink
  if (n > run) sink.writeUtf16(p + (<usize>run << 1), n - run);
  // @ts-ignore: generic sink
  sink.writeAsciiChar(0x22);
}

/** Appends the JSON.stringify form of a number (String(x); NaN and ±Infinity as null). */
export function writeJsonNumber<S>(sink: S, x: f64): void {
  const n = formatJsonNumber(x);
  // @ts-ignore: generic sink
  sink.writeAsciiBytes(numberScratchPtr(), n);
}

function writeScalar<S>(sink: S, v: JsonValue): void {
  switch (v.kind) {
    case JsonKind.Null:
      // @ts-ignore: generic sink
      sink.writeAsciiBytes(changetype<usize>(LITERALS), 4);
      break;
    case JsonKind.Bool:
      // @ts-ignore: generic sink
      if (changetype<JsonBool>(v).value) sink.writeAsciiBytes(changetype<usize>(LITERALS) + 4, 4);
      // @ts-ignore: generic sink
      else sink.writeAsciiBytes(changetype<usize>(LITERALS) + 8, 5);
      break;
    case JsonKind.Number:
      writeJsonNumber<S>(sink, changetype<JsonNumber>(v).value);
      break;
    default:
      writeJsonString<S>(sink, changetype<JsonString>(v).value);
  }
}

// "null" "true" "false" as ASCII bytes.
const LITERALS: StaticArray<u8> = [0x6e, 0x75, 0x6c, 0x6c, 0x74, 0x72, 0x75, 0x65, 0x66, 0x61, 0x6c, 0x73, 0x65];

// Explicit stack of open containers in raw memory, 16 bytes a frame: container address, index of
// the child being written. Nothing here allocates managed objects and the GC never moves them, so raw addresses
// of values reachable from `root` stay valid for the whole call.
let stack: usize = heap.alloc(16 * 64);
let stackCapacity: i32 = 64;
let stackDepth: i32 = 0;

function push(container: JsonValue, index: i32): void {
  if (stackDepth == stackCapacity) {
    stackCapacity *= 2;
    stack = heap.realloc(stack, <usize>stackCapacity * 16);
  }
  const f = stack + (<usize>stackDepth << 4);
  store<usize>(f, changetype<usize>(container));
  store<i32>(f, index, 8);
  stackDepth++;
}

/** Appends JSON.stringify(v) to a ByteSink (UTF-8) or a CharSink (UTF-16). */
export function stringifyInto<S>(sink: S, root: JsonValue): void {
  const base = stackDepth;
  let v = root;
  while (true) {
    const kind = v.kind;
    if (kind == JsonKind.Array) {
      const a = changetype<JsonArray>(v);
      // @ts-ignore: generic sink
      sink.writeAsciiChar(0x5b);
      if (a.items.length > 0) {
        push(a, 0);
        v = unchecked(a.items[0]);
        continue;
      }
      // @ts-ignore: generic sink
      sink.writeAsciiChar(0x5d);
    } else if (kind == JsonKind.Object) {
      const o = changetype<JsonObject>(v);
      o.normalize();
      // @ts-ignore: generic sink
      sink.writeAsciiChar(0x7b);
      if (o.size > 0) {
        writeJsonString<S>(sink, o.keyAtUnchecked(0));
        // @ts-ignore: generic sink
        sink.writeAsciiChar(0x3a);
        push(o, 0);
        v = o.valueAtUnchecked(0);
        continue;
      }
      // @ts-ignore: generic sink
      sink.writeAsciiChar(0x7d);
    } else {
      writeScalar<S>(sink, v);
    }
    // Close finished containers, move to the next sibling.
    let next = false;
    while (stackDepth > base) {
      const f = stack + (<usize>(stackDepth - 1) << 4);
      const c = changetype<JsonValue>(load<usize>(f));
      const i = load<i32>(f, 8) + 1;
      if (c.kind == JsonKind.Array) {
        const a = changetype<JsonArray>(c);
        if (i < a.items.length) {
          // @ts-ignore: generic sink
          sink.writeAsciiChar(0x2c);
          store<i32>(f, i, 8);
          v = unchecked(a.items[i]);
          next = true;
          break;
        }
        // @ts-ignore: generic sink
        sink.writeAsciiChar(0x5d);
      } else {
        const o = changetype<JsonObject>(c);
        if (i < o.size) {
          // @ts-ignore: generic sink
          sink.writeAsciiChar(0x2c);
          writeJsonString<S>(sink, o.keyAtUnchecked(i));
          // @ts-ignore: generic sink
          sink.writeAsciiChar(0x3a);
          store<i32>(f, i, 8);
          v = o.valueAtUnchecked(i);
          next = true;
          break;
        }
        // @ts-ignore: generic sink
        sink.writeAsciiChar(0x7d);
      }
      stackDepth--;
    }
    if (!next) break;
  }
}

const charSink = new CharSink(1024);

/** JSON.stringify(v) as a string. */
export function stringify(v: JsonValue): string {
  charSink.reset();
  stringifyInto<CharSink>(charSink, v);
  const s = charSink.toString();
  if (charSink.capacity > 1 << 23) {
    // Do not keep a huge scratch buffer alive after one big document.
    charSink.dispose();
    charSink.grow(1024);
  }
  return s;
}

/**
 * JSON.stringify(v) as UTF-8 into `out` (cleared first), or into a new ByteSink when `out` is null.
 * Returns the sink; pass its ptr/length to resultFromBytes.
 */
export function stringifyUtf8(v: JsonValue, out: ByteSink | null = null): ByteSink {
  let sink: ByteSink;
  if (out === null) sink = new ByteSink(1024);
  else {
    sink = out;
    sink.reset();
  }
  stringifyInto<ByteSink>(sink, v);
  return sink;
}

/** JSON.stringify(s) for a string (quoted and escaped). */
export function quoteJsonString(s: string): string {
  const sink = new CharSink(s.length + 2);
  writeJsonString<CharSink>(sink, s);
  const r = sink.toString();
  sink.dispose();
  return r;
}
