// JSON.parse(text) exactly: the ECMA-404 grammar as V8 implements it (whitespace is SP TAB LF CR
// only; no trailing commas, leading zeros, single quotes, comments, NaN/Infinity or raw control
// characters in strings), numbers correctly rounded, \uD800-style escapes kept as lone surrogates,
// duplicate keys: last value wins at the first key's position. Bad input never traps: the result
// carries V8's error message and the offset (code units for a string, bytes for UTF-8).
// Iterative (explicit stack), so depth is bounded only by `maxDepth`.
import { CharSink } from '../sink';
import { decodeUtf8At, utf8Consumed } from '../utf8';
import { parseNumberSpan } from '../number/strtod';
import { JsonArray, JsonKind, JsonNumber, JsonString, JsonValue, jsonBool, jsonNull } from './value';
import { JsonObject } from './object';

/** Default nesting limit (V8's JSON.parse has none; its JSON.stringify fails near 10,000). */
export const DEFAULT_MAX_DEPTH: i32 = 100000;

/** Outcome of parse / parseUtf8: `ok` with `value`, or `error` (V8's message) at `offset`. */
export class JsonParseResult {
  constructor(
    /** The parsed value (the null value when !ok). */
    public value: JsonValue,
    /** Empty when ok; otherwise e.g. "Unexpected token ']'" or "Unterminated string". */
    public error: string,
    /** Where the error was detected: code units (parse) or bytes (parseUtf8); -1 when ok. */
    public offset: i32,
  ) {}

  get ok(): bool {
    return this.offset < 0;
  }
}

// Parser state (one parse at a time; nothing here calls back into user code).
let base: usize = 0;
let pos: usize = 0;
let end: usize = 0;
let errMsg: string = '';
let errAt: usize = 0;
let failed = false;
const scratch = new CharSink(256);

// Members of open containers are collected on two shared stacks and each container is built once,
// at its closing bracket, with exactly the right size and duplicate keys resolved in one pass.
const valueStack = new Array<JsonValue>();
const keyStack = new Array<string>();
// Open containers, in raw memory, 12 bytes each: kind (0 array, 1 object), value-stack start,
// key-stack start.
let frames: usize = heap.alloc(12 * 64);
let frameCapacity: i32 = 64;
let frameCount: i32 = 0;

function pushFrame(kind: i32, valueStart: i32, keyStart: i32): void {
  if (frameCount == frameCapacity) {
    frameCapacity *= 2;
    frames = heap.realloc(frames, <usize>frameCapacity * 12);
  }
  const f = frames + <usize>frameCount * 12;
  store<i32>(f, kind);
  store<i32>(f, valueStart, 4);
  store<i32>(f, keyStart, 8);
  frameCount++;
}

// Short strings (keys above all) repeat: a direct-mapped cache hands out the same immutable
// JsonString (and its string) instead of allocating both again.
const CACHE_SIZE = 1024;
const CACHE_MAX_UNITS: usize = 32;
const stringCache = new StaticArray<JsonString | null>(CACHE_SIZE);
const EMPTY_STRING = new JsonString('');
// Small non-negative integers share their (immutable) JsonNumber.
const SMALL_INT_LIMIT = 1024;
const smallInts = new StaticArray<JsonNumber | null>(SMALL_INT_LIMIT);

function numberValue(x: f64): JsonValue {
  if (x >= 0 && x < <f64>SMALL_INT_LIMIT && reinterpret<u64>(x) >> 63 == 0) {
    const i = <i32>x;
    if (<f64>i == x) {
      let v = unchecked(smallInts[i]);
      if (v === null) {
        v = new JsonNumber(x);
        unchecked((smallInts[i] = v));
      }
      return v;
    }
  }
  return new JsonNumber(x);
}

function fail(msg: string, at: usize): void {
  if (!failed) {
    failed = true;
    errMsg = msg;
    errAt = at;
  }
}

// @ts-ignore: decorator
@inline
function unitAt<T>(p: usize): u32 {
  return <u32>load<T>(p);
}

// @ts-ignore: decorator
@inline
function skipWhitespace<T>(): void {
  const unit = <usize>sizeof<T>();
  while (pos < end) {
    const c = unitAt<T>(pos);
    if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) break;
    pos += unit;
  }
}

// The character at `at` as a string, for "Unexpected token 'x'".
function charAt<T>(at: usize): string {
  if (sizeof<T>() == 1) {
    const b = unitAt<T>(at);
    if (b < 0x80) return String.fromCharCode(b);
    const cp = decodeUtf8At(at, end);
    // V8 shows one UTF-16 code unit: the high surrogate of an astral character.
    return String.fromCharCode(cp < 0x10000 ? cp : 0xd800 + ((cp - 0x10000) >> 10));
  }
  return String.fromCharCode(unitAt<T>(at));
}

// V8 names the token it did not expect: end of input, a number, a string, or the character.
function unexpected<T>(at: usize): void {
  if (at >= end) {
    fail('Unexpected end of JSON input', at);
    return;
  }
  const c = unitAt<T>(at);
  if (c == 0x2d || c - 0x30 <= 9) fail('Unexpected number', at);
  else if (c == 0x22) fail('Unexpected string', at);
  else if (isSpecialSource<T>()) fail('"' + sourceText<T>() + '" is not valid JSON', at);
  else fail("Unexpected token '" + charAt<T>(at) + "'", at);
}

// V8 words the error differently when the whole text is one of these (a common mistake).
function isSpecialSource<T>(): bool {
  const s = sourceText<T>();
  return s == 'NaN' || s == 'Infinity' || s == 'undefined' || s == '[object Object]';
}

function sourceText<T>(): string {
  const n = (end - base) / sizeof<T>();
  if (n > 15) return '';
  const sink = new CharSink(16);
  if (sizeof<T>() == 1) sink.writeBytes(base, <i32>n);
  else sink.writeUtf16(base, <i32>n);
  const s = sink.toString();
  sink.dispose();
  return s;
}

// A string value from `n` units of plain (no escapes, ASCII when T is u8) text at `p`.
function plainString<T>(p: usize, n: usize): JsonString {
  if (n == 0) return EMPTY_STRING;
  let slot: i32 = -1;
  if (n <= CACHE_MAX_UNITS) {
    let h: u32 = 0x811c9dc5;
    for (let i: usize = 0; i < n; i++) h = (h ^ <u32>load<T>(p + i * sizeof<T>())) * 0x01000193;
    slot = <i32>((h ^ (h >> 15)) & (CACHE_SIZE - 1));
    const cached = unchecked(stringCache[slot]);
    if (cached !== null && <usize>cached.value.length == n) {
      const c = changetype<usize>(cached.value);
      let same = true;
      if (sizeof<T>() == 2) same = memory.compare(c, p, n << 1) == 0;
      else {
        for (let i: usize = 0; i < n; i++) {
          if (load<u16>(c + (i << 1)) != <u16>load<u8>(p + i)) {
            same = false;
            break;
          }
        }
      }
      if (same) return cached;
    }
  }
  const s = __new(n << 1, idof<string>());
  if (sizeof<T>() == 2) {
    memory.copy(s, p, n << 1);
  } else {
    for (let i: usize = 0; i < n; i++) store<u16>(s + (i << 1), load<u8>(p + i));
  }
  const v = new JsonString(changetype<string>(s));
  if (slot >= 0) unchecked((stringCache[slot] = v));
  return v;
}

// @ts-ignore: decorator
@inline
function hexValue(c: u32): i32 {
  if (c - 0x30 <= 9) return <i32>(c - 0x30);
  const l = c | 0x20;
  if (l - 0x61 <= 5) return <i32>(l - 0x61 + 10);
  return -1;
}

// Parses the string whose opening quote is at `pos`; leaves `pos` after the closing quote.
function parseString<T>(): JsonString {
  const unit = <usize>sizeof<T>();
  const start = pos + unit;
  let p = start;
  // Fast path: no escapes (and ASCII only for UTF-8).
  if (sizeof<T>() == 1) {
    // Eight bytes at a time until one is '"', '\\', a control or non-ASCII.
    while (p + 8 <= end) {
      const x = load<u64>(p);
      if ((x & 0x8080808080808080) != 0) break;
      // All bytes < 0x80 now, so a byte's top bit after subtracting marks it below the bound
      // (a borrow can only add marks above a real one, and any mark hands over to the byte loop).
      const below20 = x - 0x2020202020202020;
      const quote = (x ^ 0x2222222222222222) - 0x0101010101010101;
      const slash = (x ^ 0x5c5c5c5c5c5c5c5c) - 0x0101010101010101;
      if (((below20 | quote | slash) & 0x8080808080808080) != 0) break;
      p += 8;
    }
  }
  while (p < end) {
    const c = unitAt<T>(p);
    if (c == 0x22) {
      pos = p + unit;
      return plainString<T>(start, (p - start) / unit);
    }
    if (c == 0x5c || c < 0x20 || (sizeof<T>() == 1 && c >= 0x80)) break;
    p += unit;
  }
  if (p >= end) {
    fail('Unterminated string', end);
    return EMPTY_STRING;
  }
  const sink = scratch;
  sink.reset();
  if (sizeof<T>() == 1) sink.writeBytes(start, <i32>(p - start));
  else sink.writeUtf16(start, <i32>((p - start) >> 1));
  while (true) {
    // Copy the run of plain units up to the next quote, escape, control or (UTF-8) non-ASCII byte.
    const run = p;
    while (p < end) {
      const u = unitAt<T>(p);
      if (u == 0x22 || u == 0x5c || u < 0x20 || (sizeof<T>() == 1 && u >= 0x80)) break;
      p += unit;
    }
    if (p > run) {
      if (sizeof<T>() == 1) sink.writeBytes(run, <i32>(p - run));
      else sink.writeUtf16(run, <i32>((p - run) >> 1));
    }
    if (p >= end) {
      fail('Unterminated string', end);
      return EMPTY_STRING;
    }
    const c = unitAt<T>(p);
    if (c == 0x22) {
      pos = p + unit;
      return new JsonString(sink.toString());
    }
    if (c == 0x5c) {
      p += unit;
      if (p >= end) {
        fail('Unexpected end of JSON input', p);
        return EMPTY_STRING;
      }
      const e = unitAt<T>(p);
      let out: u32;
      switch (e) {
        case 0x22:
        case 0x5c:
        case 0x2f:
          out = e;
          break;
        case 0x62:
          out = 0x08;
          break;
        case 0x66:
          out = 0x0c;
          break;
        case 0x6e:
          out = 0x0a;
          break;
        case 0x72:
          out = 0x0d;
          break;
        case 0x74:
          out = 0x09;
          break;
        case 0x75: {
          out = 0;
          for (let k = 0; k < 4; k++) {
            p += unit;
            const h = p < end ? hexValue(unitAt<T>(p)) : -1;
            if (h < 0) {
              fail('Bad Unicode escape', p);
              return EMPTY_STRING;
            }
            out = (out << 4) | <u32>h;
          }
          break;
        }
        default:
          // V8: an invalid escape below U+0100 is a "bad escaped character", above an unexpected token.
          if (e < 0x80 || (sizeof<T>() == 1 ? decodeUtf8At(p, end) < 0x100 : e < 0x100)) fail('Bad escaped character', p);
          else unexpected<T>(p);
          return EMPTY_STRING;
      }
      sink.writeUnit(out);
      p += unit;
      continue;
    }
    if (c < 0x20) {
      fail('Bad control character in string literal', p);
      return EMPTY_STRING;
    }
    // Only a non-ASCII UTF-8 sequence is left.
    sink.writeCodePoint(decodeUtf8At(p, end));
    p += <usize>utf8Consumed;
  }
  return EMPTY_STRING;
}

// Matches the rest of a literal ("true", "false", "null") whose first letter is at `pos`.
function parseLiteral<T>(word: string): bool {
  const unit = <usize>sizeof<T>();
  let p = pos + unit;
  for (let i = 1, n = word.length; i < n; i++) {
    if (p >= end || unitAt<T>(p) != <u32>word.charCodeAt(i)) {
      unexpected<T>(p);
      return false;
    }
    p += unit;
  }
  pos = p;
  return true;
}

// Validates the number at `pos` with V8's messages and converts it.
function parseNumber<T>(): f64 {
  const unit = <usize>sizeof<T>();
  const start = pos;
  let p = pos;
  if (unitAt<T>(p) == 0x2d) {
    p += unit;
    if (p >= end || unitAt<T>(p) - 0x30 > 9) {
      fail('No number after minus sign', p);
      return 0;
    }
  }
  const intStart = p;
  let acc: u64 = 0;
  if (unitAt<T>(p) == 0x30) {
    p += unit;
    if (p < end && unitAt<T>(p) - 0x30 <= 9) {
      fail('Unexpected number', p);
      return 0;
    }
  } else {
    while (p < end) {
      const d = unitAt<T>(p) - 0x30;
      if (d > 9) break;
      acc = acc * 10 + <u64>d;
      p += unit;
    }
  }
  // Integers of up to 15 digits are exact doubles: no conversion needed.
  if ((p >= end || (unitAt<T>(p) != 0x2e && (unitAt<T>(p) | 0x20) != 0x65)) && p - intStart <= 15 * unit) {
    pos = p;
    return start == intStart ? <f64>acc : -(<f64>acc);
  }
  if (p < end && unitAt<T>(p) == 0x2e) {
    p += unit;
    if (p >= end || unitAt<T>(p) - 0x30 > 9) {
      fail('Unterminated fractional number', p);
      return 0;
    }
    while (p < end && unitAt<T>(p) - 0x30 <= 9) p += unit;
  }
  if (p < end && (unitAt<T>(p) | 0x20) == 0x65) {
    p += unit;
    if (p < end && (unitAt<T>(p) == 0x2b || unitAt<T>(p) == 0x2d)) p += unit;
    if (p >= end || unitAt<T>(p) - 0x30 > 9) {
      fail('Exponent part is missing a number', p);
      return 0;
    }
    while (p < end && unitAt<T>(p) - 0x30 <= 9) p += unit;
  }
  pos = p;
  return parseNumberSpan<T>(start, <i32>((p - start) / unit));
}

function parseImpl<T>(ptr: usize, len: i32, maxDepth: i32): JsonParseResult {
  const unit = <usize>sizeof<T>();
  base = ptr;
  pos = ptr;
  end = ptr + <usize>len * unit;
  failed = false;
  const frameBase = frameCount;
  const valueBase = valueStack.length;
  const keyBase = keyStack.length;
  let value: JsonValue = jsonNull();
  while (!failed) {
    // ---- one value at `pos`, or open a container and loop for its first member
    skipWhitespace<T>();
    if (pos >= end) {
      fail('Unexpected end of JSON input', pos);
      break;
    }
    const c = unitAt<T>(pos);
    if (c == 0x7b) {
      if (frameCount - frameBase >= maxDepth) {
        fail('Maximum nesting depth exceeded', pos);
        break;
      }
      pos += unit;
      skipWhitespace<T>();
      if (pos < end && unitAt<T>(pos) == 0x7d) {
        pos += unit;
        value = new JsonObject();
      } else if (pos < end && unitAt<T>(pos) == 0x22) {
        const key = parseString<T>().value;
        if (failed) break;
        skipWhitespace<T>();
        if (pos >= end || unitAt<T>(pos) != 0x3a) {
          fail("Expected ':' after property name", pos);
          break;
        }
        pos += unit;
        pushFrame(1, valueStack.length, keyStack.length);
        keyStack.push(key);
        continue;
      } else {
        fail("Expected property name or '}'", pos);
        break;
      }
    } else if (c == 0x5b) {
      if (frameCount - frameBase >= maxDepth) {
        fail('Maximum nesting depth exceeded', pos);
        break;
      }
      pos += unit;
      skipWhitespace<T>();
      if (pos < end && unitAt<T>(pos) == 0x5d) {
        pos += unit;
        value = new JsonArray();
      } else {
        pushFrame(0, valueStack.length, keyStack.length);
        continue;
      }
    } else if (c == 0x22) {
      value = parseString<T>();
      if (failed) break;
    } else if (c == 0x2d || c - 0x30 <= 9) {
      const x = parseNumber<T>();
      if (failed) break;
      value = numberValue(x);
    } else if (c == 0x74) {
      if (!parseLiteral<T>('true')) break;
      value = jsonBool(true);
    } else if (c == 0x66) {
      if (!parseLiteral<T>('false')) break;
      value = jsonBool(false);
    } else if (c == 0x6e) {
      if (!parseLiteral<T>('null')) break;
      value = jsonNull();
    } else {
      unexpected<T>(pos);
      break;
    }
    // ---- add `value` to the innermost open container; build the containers that close here
    let needValue = false;
    while (frameCount > frameBase) {
      const frame = frames + <usize>(frameCount - 1) * 12;
      valueStack.push(value);
      skipWhitespace<T>();
      const isArray = load<i32>(frame) == 0;
      const next = pos < end ? unitAt<T>(pos) : 0;
      if (next == 0x2c) {
        pos += unit;
        if (!isArray) {
          skipWhitespace<T>();
          if (pos >= end || unitAt<T>(pos) != 0x22) {
            fail('Expected double-quoted property name', pos);
            break;
          }
          const key = parseString<T>().value;
          if (failed) break;
          skipWhitespace<T>();
          if (pos >= end || unitAt<T>(pos) != 0x3a) {
            unexpected<T>(pos); // V8 words this differently from the first property's
            break;
          }
          pos += unit;
          keyStack.push(key);
        }
        needValue = true;
        break;
      }
      const vstart = load<i32>(frame, 4);
      const n = valueStack.length - vstart;
      if (isArray && next == 0x5d) {
        pos += unit;
        const items = new Array<JsonValue>(n);
        for (let i = 0; i < n; i++) unchecked((items[i] = valueStack[vstart + i]));
        value = new JsonArray(items);
      } else if (!isArray && next == 0x7d) {
        pos += unit;
        const kstart = load<i32>(frame, 8);
        value = JsonObject.fromMembers(keyStack, kstart, valueStack, vstart, n);
        keyStack.length = kstart;
      } else {
        fail(isArray ? "Expected ',' or ']' after array element" : "Expected ',' or '}' after property value", pos);
        break;
      }
      valueStack.length = vstart;
      frameCount--;
    }
    if (failed || needValue) continue;
    // ---- the top-level value is complete
    skipWhitespace<T>();
    if (pos < end) {
      fail('Unexpected non-whitespace character after JSON', pos);
      break;
    }
    return new JsonParseResult(value, '', -1);
  }
  frameCount = frameBase;
  valueStack.length = valueBase;
  keyStack.length = keyBase;
  return new JsonParseResult(jsonNull(), errMsg, <i32>((errAt - base) / unit));
}

/** JSON.parse(text). Never traps on bad input: check `ok`, then read `value`. */
export function parse(text: string, maxDepth: i32 = DEFAULT_MAX_DEPTH): JsonParseResult {
  return parseImpl<u16>(changetype<usize>(text), text.length, maxDepth);
}

/**
 * JSON.parse(new TextDecoder().decode(bytes)) over `len` UTF-8 bytes at `ptr` (invalid UTF-8 in
 * strings decodes to U+FFFD like TextDecoder). Error offsets are byte offsets.
 */
export function parseUtf8(ptr: usize, len: i32, maxDepth: i32 = DEFAULT_MAX_DEPTH): JsonParseResult {
  return parseImpl<u8>(ptr, len, maxDepth);
}
