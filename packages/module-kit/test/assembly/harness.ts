// AssemblyScript test harness: thin exports over the shared library so the vitest suites can
// compare it with V8. Inputs arrive through alloc() as UTF-8 bytes or raw UTF-16 code units;
// outputs are ABI result records ([u32 status][u32 length][bytes]).
import { STATUS_ERROR, STATUS_OK, resultFromBytes } from '../../assembly/abi';
import {
  ByteSink,
  CharSink,
  JsonArray,
  JsonObject,
  JsonParseResult,
  JsonReader,
  JsonValue,
  JsonWriter,
  compareUtf16,
  fnv1a32,
  isBlank,
  jsEndsWith,
  jsStartsWith,
  jsTrim,
  jsTrimEnd,
  jsTrimStart,
  jsonArray,
  jsonBool,
  jsonNull,
  jsonNumber,
  jsonObject,
  jsonString,
  utf8EncodeInto,
  utf8Length,
  writeJsonNumber,
  fnv1a32Update,
  FNV32_OFFSET,
  isJsonNumber,
  arrayIndexOf,
  numberToJsString,
  parse,
  parseJsonNumber,
  parseUtf8,
  quoteJsonString,
  sha256Hex,
  stringify,
  stringifyUtf8,
  utf8Decode,
  utf8Encode,
  writeJsonString,
} from '../../assembly/index';

export { alloc, free, abiVersion } from '../../assembly/abi';

const out = new ByteSink(1 << 16);

function utf16In(ptr: usize, units: i32): string {
  const s = __new(<usize>units << 1, idof<string>());
  memory.copy(s, ptr, <usize>units << 1);
  return changetype<string>(s);
}

function stringRecord(status: u32, s: string): usize {
  return resultFromBytes(status, changetype<usize>(s), s.length << 1);
}

function errorRecord(r: JsonParseResult): usize {
  out.reset();
  out.writeAscii('{"message":');
  writeJsonString<ByteSink>(out, r.error);
  out.writeAscii(',"offset":');
  out.writeAscii(r.offset.toString());
  out.writeByte(0x7d);
  return resultFromBytes(STATUS_ERROR, out.ptr, out.length);
}

const reader = new JsonReader();
const writerSink = new ByteSink(1 << 16);
const writer = new JsonWriter(writerSink);

function readerError(): usize {
  out.reset();
  out.writeAscii('{"message":');
  writeJsonString<ByteSink>(out, reader.error);
  out.writeAscii(',"offset":');
  out.writeAscii(reader.errorAt.toString());
  out.writeByte(0x7d);
  return resultFromBytes(STATUS_ERROR, out.ptr, out.length);
}

/** JsonReader.parse then JsonWriter.node of the root (the tape data path). */
export function readerRoundtrip(ptr: usize, len: i32, maxDepth: i32): usize {
  reader.maxDepth = maxDepth;
  if (!reader.parse(ptr, len)) return readerError();
  writerSink.reset();
  writer.reset();
  writer.node(reader, reader.root());
  return resultFromBytes(STATUS_OK, writerSink.ptr, writerSink.length);
}

/**
 * Parses the document, then follows `path` (a JSON array of keys and indices, after the document)
 * with get/at, and writes what it finds as [kind, value, size, stringIs(value, value)] or null.
 */
export function readerLookup(ptr: usize, totalLen: i32, docLen: i32): usize {
  const pathLen = totalLen - docLen;
  if (!reader.parse(ptr, docLen)) return readerError();
  const steps = changetype<JsonArray>(parseUtf8(ptr + <usize>docLen, pathLen).value);
  let n = reader.root();
  for (let i = 0; i < steps.length && n >= 0; i++) {
    const step = changetype<JsonValue>(steps.at(i));
    n = step.isNumber() ? reader.at(n, <i32>step.asNumber()) : reader.get(n, changetype<string>(step.asString()));
  }
  writerSink.reset();
  writer.reset();
  if (n < 0) writer.nul();
  else {
    writer.beginArray().integer(<i64>reader.kind(n));
    const k = reader.kind(n);
    if (k == 3) writer.string(reader.string(n));
    else if (k == 2) writer.number(reader.number(n));
    else if (k == 1) writer.bool(reader.bool(n));
    else writer.node(reader, n);
    writer.integer(reader.size(n));
    writer.bool(k == 3 ? reader.stringIs(n, reader.string(n)) && !reader.stringIs(n, reader.string(n) + 'x') : true);
    writer.endArray();
  }
  return resultFromBytes(STATUS_OK, writerSink.ptr, writerSink.length);
}

/** parseUtf8 then stringifyUtf8 (the ABI path). */
export function roundtripUtf8(ptr: usize, len: i32, maxDepth: i32): usize {
  const r = parseUtf8(ptr, len, maxDepth);
  if (!r.ok) return errorRecord(r);
  stringifyUtf8(r.value, out);
  return resultFromBytes(STATUS_OK, out.ptr, out.length);
}

/** parse(string) then stringify -> UTF-16 record. */
export function roundtripUtf16(ptr: usize, units: i32, maxDepth: i32): usize {
  const r = parse(utf16In(ptr, units), maxDepth);
  if (!r.ok) return errorRecord(r);
  return stringRecord(STATUS_OK, stringify(r.value));
}

/** Parses each '\n'-separated UTF-8 line as a JSON document holding one number; NaN on error. */
export function parseNumberLines(ptr: usize, len: i32): usize {
  const values = new Array<f64>();
  let start: usize = ptr;
  const end = ptr + <usize>len;
  for (let p = ptr; p <= end; p++) {
    if (p == end || load<u8>(p) == 0x0a) {
      const r = parseUtf8(start, <i32>(p - start));
      values.push(r.ok ? r.value.asNumber() : NaN);
      start = p + 1;
    }
  }
  return resultFromBytes(STATUS_OK, values.dataStart, values.length << 3);
}

/** parseJsonNumber over '\n'-separated UTF-16 lines. */
export function parseJsonNumberLines(ptr: usize, units: i32): usize {
  const lines = utf16In(ptr, units).split('\n');
  const values = new Array<f64>(lines.length);
  for (let i = 0; i < lines.length; i++) values[i] = parseJsonNumber(lines[i]);
  return resultFromBytes(STATUS_OK, values.dataStart, values.length << 3);
}

/** The builtin F64.parseFloat over '\n'-separated UTF-16 lines (for the comparison test). */
export function builtinParseFloatLines(ptr: usize, units: i32): usize {
  const lines = utf16In(ptr, units).split('\n');
  const values = new Array<f64>(lines.length);
  for (let i = 0; i < lines.length; i++) values[i] = F64.parseFloat(lines[i]);
  return resultFromBytes(STATUS_OK, values.dataStart, values.length << 3);
}

/** numberToJsString over `count` doubles, '\n'-joined, as a UTF-16 record. */
export function numberToJsStringBatch(ptr: usize, count: i32): usize {
  const sink = new CharSink(count * 24 + 16);
  for (let i = 0; i < count; i++) {
    if (i > 0) sink.writeUnit(0x0a);
    sink.writeString(numberToJsString(load<f64>(ptr + (<usize>i << 3))));
  }
  const rec = resultFromBytes(STATUS_OK, sink.ptr, sink.length << 1);
  sink.dispose();
  return rec;
}

/** The builtin f64.toString over `count` doubles (for the comparison test). */
export function builtinToStringBatch(ptr: usize, count: i32): usize {
  const sink = new CharSink(count * 24 + 16);
  for (let i = 0; i < count; i++) {
    if (i > 0) sink.writeUnit(0x0a);
    sink.writeString(load<f64>(ptr + (<usize>i << 3)).toString());
  }
  const rec = resultFromBytes(STATUS_OK, sink.ptr, sink.length << 1);
  sink.dispose();
  return rec;
}

/** JSON.stringify(number) for `count` doubles into the UTF-8 path, '\n'-joined. */
export function jsonNumberBatch(ptr: usize, count: i32): usize {
  out.reset();
  for (let i = 0; i < count; i++) {
    if (i > 0) out.writeByte(0x0a);
    stringifyUtf8Into(jsonNumber(load<f64>(ptr + (<usize>i << 3))));
  }
  return resultFromBytes(STATUS_OK, out.ptr, out.length);
}

const tmp = new ByteSink(64);
function stringifyUtf8Into(v: JsonValue): void {
  stringifyUtf8(v, tmp);
  out.writeBytes(tmp.ptr, tmp.length);
}

/** utf8Encode of UTF-16 input. */
export function encodeUtf8(ptr: usize, units: i32): usize {
  const sink = utf8Encode(utf16In(ptr, units), out);
  return resultFromBytes(STATUS_OK, sink.ptr, sink.length);
}

/** utf8Decode of bytes -> UTF-16 record. */
export function decodeUtf8(ptr: usize, len: i32): usize {
  return stringRecord(STATUS_OK, utf8Decode(ptr, len));
}

/** kind 0 trim, 1 trimStart, 2 trimEnd, 3 isBlank ("1"/"0"), 4 JSON.stringify(string). */
export function stringOp(kind: i32, ptr: usize, units: i32): usize {
  const s = utf16In(ptr, units);
  let r: string;
  switch (kind) {
    case 0:
      r = jsTrim(s);
      break;
    case 1:
      r = jsTrimStart(s);
      break;
    case 2:
      r = jsTrimEnd(s);
      break;
    case 3:
      r = isBlank(s) ? '1' : '0';
      break;
    default:
      r = quoteJsonString(s);
  }
  return stringRecord(STATUS_OK, r);
}

/** The first `split` units are the string, the rest the affix; which 0 startsWith, 1 endsWith. */
export function affixOp(which: i32, ptr: usize, units: i32, split: i32, position: i32): i32 {
  const all = utf16In(ptr, units);
  const s = all.substring(0, split);
  const affix = all.substring(split);
  if (which == 0) return jsStartsWith(s, affix, position) ? 1 : 0;
  return jsEndsWith(s, affix, position) ? 1 : 0;
}

export function sha256(ptr: usize, len: i32): usize {
  return stringRecord(STATUS_OK, sha256Hex(ptr, len));
}

export function fnv1a(ptr: usize, len: i32): u32 {
  return fnv1a32(ptr, len);
}

/** Sorts '\n'-separated UTF-16 lines with compareUtf16; returns them '\n'-joined. */
export function sortLines(ptr: usize, units: i32): usize {
  const lines = utf16In(ptr, units).split('\n');
  lines.sort((a: string, b: string): i32 => compareUtf16(a, b));
  return stringRecord(STATUS_OK, lines.join('\n'));
}

/**
 * Applies ops to a JsonObject. Input: a JSON array of ["set", key, value] | ["delete", key] |
 * ["get", key] | ["keys"]. Output: a JSON array of per-op observations, then the object itself.
 */
export function objectOps(ptr: usize, len: i32): usize {
  const r = parseUtf8(ptr, len);
  if (!r.ok) return errorRecord(r);
  const ops = changetype<JsonArray>(r.value).items;
  const obj = new JsonObject();
  const seen = new JsonArray();
  for (let i = 0; i < ops.length; i++) {
    const op = changetype<JsonArray>(ops[i]).items;
    const name = op[0].asString()!;
    if (name == 'set') {
      obj.set(op[1].asString()!, op[2]);
      seen.push(jsonNumber(obj.size));
    } else if (name == 'delete') {
      seen.push(jsonBool(obj.delete(op[1].asString()!)));
    } else if (name == 'get') {
      const v = obj.get(op[1].asString()!);
      seen.push(v === null ? jsonString('<missing>') : v);
    } else {
      const keys = obj.keys();
      const arr = new JsonArray();
      for (let k = 0; k < keys.length; k++) arr.push(jsonString(keys[k]));
      seen.push(arr);
    }
  }
  seen.push(obj);
  stringifyUtf8(seen, out);
  return resultFromBytes(STATUS_OK, out.ptr, out.length);
}

/** Exercises the rest of the public API; returns a JSON array of observations (see object.test). */
export function apiSmoke(): usize {
  const seen = jsonArray();
  const a = jsonArray().push(jsonNumber(1)).push(jsonBool(false)).push(jsonNull());
  seen.push(jsonNumber(a.length)).push(a.at(1)!).push(jsonBool(a.at(5) === null)).push(jsonBool(a.at(1)!.asBool()));
  const o = jsonObject().set('x', a).set('7', jsonString('seven'));
  seen.push(o).push(jsonNumber(<f64>arrayIndexOf('7'))).push(jsonNumber(<f64>arrayIndexOf('07')));
  seen.push(jsonNumber(utf8Length('a\u00e9\u20ac\ud83d\ude00\ud800'))).push(jsonBool(isJsonNumber('-0.5e+3'))).push(jsonBool(isJsonNumber('.5')));
  const sink = new ByteSink(4);
  utf8EncodeInto('h\u00e9', sink);
  utf8EncodeInto('llo', sink);
  seen.push(jsonNumber(sink.length));
  const h1 = fnv1a32Update(fnv1a32Update(FNV32_OFFSET, sink.ptr, 3), sink.ptr + 3, sink.length - 3);
  seen.push(jsonBool(h1 == fnv1a32(sink.ptr, sink.length)));
  sink.reset();
  writeJsonNumber<ByteSink>(sink, 1e21);
  sink.writeByte(0x20);
  writeJsonNumber<ByteSink>(sink, -Infinity);
  seen.push(jsonString(utf8Decode(sink.ptr, sink.length)));
  sink.dispose();
  stringifyUtf8(seen, out);
  return resultFromBytes(STATUS_OK, out.ptr, out.length);
}

/** Touches the value helpers so they are compiled (and type-checked) in the harness. */
export function valueHelpersSmoke(): i32 {
  const o = new JsonObject();
  o.set('s', jsonString('x')).set('n', jsonNumber(2)).set('b', jsonBool(true)).set('z', jsonNull());
  let ok = o.getString('s') == 'x' && o.getNumber('n') == 2 && o.getBool('b') && o.get('z')!.isNull();
  ok = ok && o.getObject('s') === null && o.getArray('s') === null && isNaN(o.getNumber('missing'));
  return ok ? 1 : 0;
}

// ---- benchmark hooks (bench-json.mjs): parse once into a kept value, stringify it again
let kept: JsonValue = jsonNull();

/** parseUtf8 and keep the value; returns 1 on success. */
export function parseKeep(ptr: usize, len: i32): i32 {
  const r = parseUtf8(ptr, len);
  kept = r.value;
  return r.ok ? 1 : 0;
}

/** stringifyUtf8 of the kept value into the reusable sink; returns the byte length. */
export function stringifyKept(): i32 {
  stringifyUtf8(kept, out);
  return out.length;
}

/** stringify (UTF-16 string) of the kept value; returns its length. */
export function stringifyKeptString(): i32 {
  return stringify(kept).length;
}
