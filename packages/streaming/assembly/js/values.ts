// JavaScript semantics over JSON values, for the decoders ported from llms. A `Val` is a JSON value or
// `null` for JavaScript's `undefined` (JSON null is the JsonNull value).
import { JsonArray, JsonKind, JsonObject, JsonValue, isTruthy, jsonNumber, jsonString, numberToJsString } from '@llms-wasm/module-kit/assembly';

export type Val = JsonValue | null;

/** `x === undefined || x === null` (what `??` and `?.` test). */
export function isNullish(v: Val): bool {
  return v === null || v.kind == JsonKind.Null;
}

/** `a ?? b`. */
export function nullishOr(a: Val, b: Val): Val {
  return isNullish(a) ? b : a;
}

/** `a || b`. */
export function truthyOr(a: Val, b: Val): Val {
  return isTruthy(a) ? a : b;
}

/** `typeof v === 'string'`. */
export function isString(v: Val): bool {
  return v !== null && v.kind == JsonKind.String;
}

/** `typeof v === 'number'`. */
export function isNumber(v: Val): bool {
  return v !== null && v.kind == JsonKind.Number;
}

/** `typeof v === 'object'` (null, arrays and objects). */
export function isObjectType(v: Val): bool {
  return v !== null && (v.kind == JsonKind.Null || v.kind == JsonKind.Array || v.kind == JsonKind.Object);
}

/** A plain object (not null, not an array). */
export function asObj(v: Val): JsonObject | null {
  return v === null ? null : v.asObject();
}

/** The string value (only for strings). */
export function str(v: Val): string {
  return changetype<string>(changetype<JsonValue>(v).asString());
}

/** `v.key` on a value that is not nullish (JS property read on primitives yields undefined, except string length). */
export function get(v: Val, key: string): Val {
  if (v === null) return null;
  if (v.kind == JsonKind.Object) return changetype<JsonObject>(v).get(key);
  if (v.kind == JsonKind.Array) {
    const a = changetype<JsonArray>(v);
    if (key == 'length') return jsonNumber(<f64>a.length);
    return a.at(<i32>arrayIndex(key));
  }
  if (v.kind == JsonKind.String) {
    const text = str(v);
    if (key == 'length') return jsonNumber(<f64>text.length);
    const i = arrayIndex(key);
    return i >= 0 && i < <i64>text.length ? jsonString(text.charAt(<i32>i)) : null;
  }
  return null;
}

/** The array index a property key denotes, or -1. */
export function arrayIndex(key: string): i64 {
  const n = key.length;
  if (n == 0 || n > 10) return -1;
  let x: i64 = 0;
  for (let i = 0; i < n; i++) {
    const d = <i32>key.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    if (i == 0 && d == 0 && n > 1) return -1;
    x = x * 10 + d;
  }
  return x <= 4294967294 ? x : -1;
}

// `String(v)` (what a template literal prints) is the kit's, shared with every module.
import { jsToString } from '@llms-wasm/module-kit/assembly';
export { jsToString };

/** `a + b` where `b` is a string (concatenation; `a` stringified). */
export function concat(a: Val, b: string): string {
  return jsToString(a) + b;
}

/** `x + 1` (numbers add; strings and objects concatenate "1"; null is 0, booleans 0/1, undefined NaN). */
export function plusOne(v: Val): Val {
  if (v === null) return jsonNumber(NaN);
  switch (v.kind) {
    case JsonKind.Number:
      return jsonNumber(v.asNumber() + 1);
    case JsonKind.Null:
      return jsonNumber(1);
    case JsonKind.Bool:
      return jsonNumber(v.asBool() ? 2 : 1);
    default:
      return jsonString(jsToString(v) + '1');
  }
}

/** `String(key)` as a property key (what `obj[key]` / `map key` stringifies to, for arrays). */
export function propertyKey(v: Val): string {
  return jsToString(v);
}

/** The V8 TypeError message of `x.key` when x is nullish. */
export function readError(v: Val, key: string): string {
  return 'Cannot read properties of ' + (v === null ? 'undefined' : 'null') + " (reading '" + key + "')";
}

/** ToNumber for the primitives `+` adds (undefined NaN, null 0, booleans 0/1). */
function toNumber(v: Val): f64 {
  if (v === null) return NaN;
  if (v.kind == JsonKind.Number) return v.asNumber();
  if (v.kind == JsonKind.Bool) return v.asBool() ? 1 : 0;
  return 0; // null
}

/** `a + b`: concatenation when either side is a string, an array or an object; numeric addition otherwise. */
export function jsAdd(a: Val, b: Val): JsonValue {
  const textual = (v: Val): bool => v !== null && (v.kind == JsonKind.String || v.kind == JsonKind.Array || v.kind == JsonKind.Object);
  if (textual(a) || textual(b)) return jsonString(jsToString(a) + jsToString(b));
  return jsonNumber(toNumber(a) + toNumber(b));
}

/** `a === b` for a value and a string literal. */
export function isStr(v: Val, lit: string): bool {
  return v !== null && v.kind == JsonKind.String && str(v) == lit;
}

/** A key for a JavaScript Map (SameValueZero): primitives by type and value, objects by identity. */
export function mapKey(v: Val): string {
  if (v === null) return 'u';
  switch (v.kind) {
    case JsonKind.Null:
      return 'z';
    case JsonKind.Bool:
      return v.asBool() ? 'b1' : 'b0';
    case JsonKind.Number:
      return 'n' + numberToJsString(v.asNumber());
    case JsonKind.String:
      return 's' + str(v);
    default:
      return 'o' + changetype<usize>(v).toString();
  }
}
