// llms 0.4.2 `parseLenient` (conversion/shared/jsonish.js): any value -> a parsed value, `{}` when
// nothing works. The last resort splits the text into `key = value` / `key: value` parts.
import { JsonKind, JsonObject, JsonValue, jsTrim, jsonBool, jsonNumber, jsonObject, jsonString, parseJsonNumber } from '@llms-wasm/module-kit/assembly';
import { isDigit, isIdentPartDash, isIdentStart, isLineTerminator, skipWs } from '../js/chars';
import { jsToString, lowerEquals } from '../js/strings';
import { tryParse } from '../js/json';
import { findFence } from './fence';
import { quoteBareKeys, singleToDoubleSimple } from './repair';
import { find } from '../js/find';

/** /^-?\d+(?:\.\d+)?$/ */
function isPlainDecimal(v: string): bool {
  const n = v.length;
  let i = 0;
  if (i < n && v.charCodeAt(i) == 0x2d) i++;
  const d0 = i;
  while (i < n && isDigit(v.charCodeAt(i))) i++;
  if (i == d0) return false;
  if (i == n) return true;
  if (v.charCodeAt(i) != 0x2e) return false;
  i++;
  const f0 = i;
  while (i < n && isDigit(v.charCodeAt(i))) i++;
  return i > f0 && i == n;
}

/** `Number(v)` for a string isPlainDecimal accepts: leading zeros do not matter. */
function plainDecimalNumber(v: string): f64 {
  const negative = v.charCodeAt(0) == 0x2d;
  let i = negative ? 1 : 0;
  while (i + 1 < v.length && v.charCodeAt(i) == 0x30 && isDigit(v.charCodeAt(i + 1))) i++;
  const x = parseJsonNumber(v.substring(i));
  return negative ? -x : x;
}

/** One trimmed part of the key/value fallback, matched against /^([A-Za-z_][A-Za-z0-9_-]*)\s*[:=]\s*(.+)$/. */
function addPair(obj: JsonObject, part: string): void {
  const n = part.length;
  if (n == 0 || !isIdentStart(part.charCodeAt(0))) return;
  let k = 1;
  while (k < n && isIdentPartDash(part.charCodeAt(k))) k++;
  const sep = skipWs(part, k);
  if (sep >= n) return;
  const c = <i32>part.charCodeAt(sep);
  if (c != 0x3a && c != 0x3d) return;
  const valueStart = skipWs(part, sep + 1);
  if (valueStart >= n) return;
  for (let i = valueStart; i < n; i++) if (isLineTerminator(part.charCodeAt(i))) return;
  const key = part.substring(0, k);
  let v = jsTrim(part.substring(valueStart));
  const first = v.length > 0 ? <i32>v.charCodeAt(0) : -1;
  const last = v.length > 0 ? <i32>v.charCodeAt(v.length - 1) : -1;
  if ((first == 0x22 && last == 0x22) || (first == 0x27 && last == 0x27)) v = v.length >= 2 ? v.substring(1, v.length - 1) : '';
  let value: JsonValue;
  const parsed = tryParse(v);
  if (parsed !== null) value = parsed;
  else if (lowerEquals(v, 'true')) value = jsonBool(true);
  else if (lowerEquals(v, 'false')) value = jsonBool(false);
  else if (isPlainDecimal(v)) value = jsonNumber(plainDecimalNumber(v));
  else value = jsonString(v);
  // `obj.__proto__ = x` sets the prototype (or does nothing): no own member appears.
  if (key == '__proto__') return;
  obj.set(key, value);
}

function keyValueFallback(candidate: string): JsonObject {
  const obj = jsonObject();
  let start = 0;
  const n = candidate.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? <i32>candidate.charCodeAt(i) : 0x0a;
    if (c == 0x0a || c == 0x2c) {
      if (i > start) {
        const part = jsTrim(candidate.substring(start, i));
        if (part.length > 0) addPair(obj, part);
      }
      start = i + 1;
    }
  }
  return obj;
}

/** The leftmost `{…}` (first `{` before the last `}`) or `[…]` (same for brackets), parsed; null if none parses. */
function parseSpan(candidate: string, open: string, close: string): JsonValue | null {
  const last = candidate.lastIndexOf(close);
  if (last < 0) return null;
  const first = find(candidate, open);
  if (first < 0 || first >= last) return null;
  return tryParse(candidate.substring(first, last + 1));
}

/** `parseLenient(value)`; `value` null means undefined. */
export function parseLenient(value: JsonValue | null): JsonValue {
  if (value === null || value.kind == JsonKind.Null) return jsonObject();
  if (value.kind == JsonKind.Object || value.kind == JsonKind.Array) return value;
  if (value.kind != JsonKind.String) {
    const o = jsonObject();
    o.set('_raw', jsonString(jsToString(value)));
    return o;
  }
  const s0 = jsTrim(changetype<string>(value.asString()));
  if (s0.length == 0) return jsonObject();
  const strict = tryParse(s0);
  if (strict !== null) return strict;
  const fence = findFence(s0, 'json', 0);
  const candidate = fence !== null ? s0.substring(fence.bodyStart, fence.bodyEnd) : s0;
  const obj = parseSpan(candidate, '{', '}');
  if (obj !== null) return obj;
  const arr = parseSpan(candidate, '[', ']');
  if (arr !== null) return arr;
  const quoted = tryParse(quoteBareKeys(singleToDoubleSimple(candidate)));
  if (quoted !== null) return quoted;
  return keyValueFallback(candidate);
}
