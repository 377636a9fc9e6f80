// JSON helpers for ported code: JSON.parse that reports failure as null, copies, and property reads
// with JavaScript's meaning (`obj.key` on anything; absent is null here).
import { JsonArray, JsonKind, JsonObject, JsonValue, jsonArray, jsonObject, jsonString, parse, stringify } from '@llms-wasm/module-kit/assembly';

/** `JSON.parse(s)`, or null where it throws. */
export function tryParse(s: string): JsonValue | null {
  const r = parse(s);
  return r.ok ? r.value : null;
}

/** `JSON.stringify(v)` (v is never undefined here). */
// @ts-ignore: decorator
@inline
export function toJson(v: JsonValue): string {
  return stringify(v);
}

/** The object behind `v`, or null for any other kind. */
// @ts-ignore: decorator
@inline
export function asObject(v: JsonValue | null): JsonObject | null {
  if (v === null) return null;
  return v.asObject();
}

/** `v[key]` where `v` may be anything (null when `v` is not an object or has no such key). */
export function prop(v: JsonValue | null, key: string): JsonValue | null {
  if (v === null || v.kind != JsonKind.Object) return null;
  return changetype<JsonObject>(v).get(key);
}

/** `typeof v[key] === 'string' ? v[key] : null`. */
export function propString(v: JsonValue | null, key: string): string | null {
  const p = prop(v, key);
  if (p === null) return null;
  return p.asString();
}

/** True for a JSON object (JS `isRecord`: an object that is not an array). */
// @ts-ignore: decorator
@inline
export function isRecord(v: JsonValue | null): bool {
  return v !== null && v.kind == JsonKind.Object;
}

/** `{ ...o }`: own members in order, values shared. */
export function shallowCopy(o: JsonObject): JsonObject {
  const out = new JsonObject(o.size < 4 ? 4 : o.size);
  const n = o.size;
  for (let i = 0; i < n; i++) out.set(o.keyAt(i), o.valueAt(i));
  return out;
}

/** A deep copy (what JSON.parse(JSON.stringify(v)) gives for JSON input). */
export function deepCopy(v: JsonValue): JsonValue {
  if (v.kind == JsonKind.Array) {
    const a = changetype<JsonArray>(v);
    const out = new Array<JsonValue>(a.items.length);
    for (let i = 0, n = a.items.length; i < n; i++) unchecked((out[i] = deepCopy(unchecked(a.items[i]))));
    return jsonArray(out);
  }
  if (v.kind == JsonKind.Object) {
    const o = changetype<JsonObject>(v);
    const n = o.size;
    const out = new JsonObject(n < 4 ? 4 : n);
    for (let i = 0; i < n; i++) out.set(o.keyAt(i), deepCopy(o.valueAt(i)));
    return out;
  }
  return v;
}

/** A JSON array of strings. */
export function stringArray(items: Array<string>): JsonArray {
  const out = new Array<JsonValue>(items.length);
  for (let i = 0, n = items.length; i < n; i++) unchecked((out[i] = jsonString(unchecked(items[i]))));
  return jsonArray(out);
}

/** A new object with one member. */
export function objectWith(key: string, value: JsonValue): JsonObject {
  const o = jsonObject();
  o.set(key, value);
  return o;
}
