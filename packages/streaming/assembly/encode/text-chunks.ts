// rcc-llmswitch-core 0.4.2 StringUtils.chunkString(text, 12, TEXT_CHUNK_BOUNDARY) as the Responses event
// generators call it (chunkText): the units of Array.from(text), appended to a buffer that is flushed at
// 12 UTF-16 units, or at 6 once a unit contains a boundary character.
import { JsonArray, JsonKind, JsonObject, JsonValue, isJsWhitespace, jsonString } from '@llms-wasm/module-kit/assembly';
import { jsToString, str } from '../js/values';
import { jsNumber } from '../js/to-number';

const CHUNK_SIZE: i32 = 12;
const BOUNDARY_MIN: i32 = 6; // Math.max(4, Math.floor(12 / 2))

/** `/[\s,.!?;:]/.test(ch) || /[\n\r\t，。、“”‘’！？,\.\-:\u3000\s]/.test(ch)` */
function hasBoundary(ch: string): bool {
  for (let i = 0; i < ch.length; i++) {
    const c = <u32>ch.charCodeAt(i);
    if (isJsWhitespace(c)) return true;
    switch (c) {
      case 0x2c: case 0x2e: case 0x21: case 0x3f: case 0x3b: case 0x3a: case 0x2d:
      case 0xff0c: case 0x3002: case 0x3001: case 0x201c: case 0x201d: case 0x2018: case 0x2019: case 0xff01: case 0xff1f:
        return true;
    }
  }
  return false;
}

/** `Array.from(v)` as strings (`buf += ch` stringifies); null when Array.from throws (an array-like longer than 2^32 - 1). */
function units(v: JsonValue): Array<string> | null {
  const out = new Array<string>();
  if (v.kind == JsonKind.String) {
    const s = str(v);
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          out.push(s.substring(i, i + 2));
          i++;
          continue;
        }
      }
      out.push(s.charAt(i));
    }
  } else if (v.kind == JsonKind.Array) {
    const a = changetype<JsonArray>(v);
    for (let i = 0; i < a.length; i++) out.push(jsToString(a.items[i]));
  } else if (v.kind == JsonKind.Object) {
    // An array-like: ToLength(obj.length) elements obj[0..]; missing ones are undefined.
    const o = changetype<JsonObject>(v);
    const len = jsNumber(o.get('length'));
    const n = isNaN(len) || len <= 0 ? 0 : Math.floor(len);
    if (n > 4294967295) return null; // RangeError: Invalid array length
    for (let i = 0; i < <i64>n; i++) out.push(jsToString(o.get(i.toString())));
  }
  return out;
}

/** chunkText(text, config): the delta strings; `[text]` itself when chunkString throws. */
export function chunkText(text: JsonValue): Array<JsonValue> {
  const chunks = new Array<JsonValue>();
  const list = units(text);
  if (list === null) {
    chunks.push(text);
    return chunks;
  }
  let buf = '';
  for (let i = 0; i < list.length; i++) {
    const ch = unchecked(list[i]);
    buf += ch;
    if (buf.length >= CHUNK_SIZE || (hasBoundary(ch) && buf.length >= BOUNDARY_MIN)) {
      chunks.push(jsonString(buf));
      buf = '';
    }
  }
  if (buf.length > 0) chunks.push(jsonString(buf));
  return chunks;
}
