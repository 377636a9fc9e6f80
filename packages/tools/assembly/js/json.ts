// JSON helpers for ported code: JSON.parse that reports failure as null, copies, and property reads
// with JavaScript's meaning (`obj.key` on anything; absent is null here).
import { ByteSink, JsonArray, JsonKind, JsonObject, JsonReader, JsonValue, jsonArray, jsonObject, jsonString, parse, stringify, utf8Encode } from '@llms-wasm/module-kit/assembly';

/** `JSON.parse(s)`, or null where it throws. */
export function tryParse(s: string): JsonValue | null {
  const r = parse(s);
  return r.ok ? r.value : null;
}

const checkBytes = new ByteSink(4096);
const checker = new JsonReader();

/**
 * Whether `JSON.parse(s)` succeeds, without building the value: the text is encoded to UTF-8 and read
 * by module-kit's JsonReader (a tape, no objects). Exact: a lone surrogate (U+FFFD in UTF-8) is as
 * acceptable inside a string and as unacceptable outside one in both forms.
 */
export function isJsonText(s: string): bool {
  utf8Encode(s, checkBytes);
  const ok = checker.parse(checkBytes.ptr, checkBytes.length);
  if (checkBytes.capacity > 1 << 22) {
    checkBytes.dispose();
    checkBytes.grow(4096);
  }
  return ok;
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

/** A deep copy (what JSON.parse(JSON.stringify(v)) gives for JSON input), with a work list instead of recursion. */
export function deepCopy(v: JsonValue): JsonValue {
  const root = shell(v);
  if (root === v) return v;
  const from = new Array<JsonValue>();
  const to = new Array<JsonValue>();
  from.push(v);
  to.push(root);
  while (from.length > 0) {
    const src = from.pop();
    const dst = to.pop();
    if (src.kind == JsonKind.Array) {
      const items = changetype<JsonArray>(src).items;
      const out = changetype<JsonArray>(dst);
      for (let i = 0, n = items.length; i < n; i++) {
        const item = unchecked(items[i]);
        const copy = shell(item);
        out.push(copy);
        if (copy !== item) {
          from.push(item);
          to.push(copy);
        }
      }
    } else {
      const o = changetype<JsonObject>(src);
      const out = changetype<JsonObject>(dst);
      for (let i = 0, n = o.size; i < n; i++) {
        const item = o.valueAt(i);
        const copy = shell(item);
        out.set(o.keyAt(i), copy);
        if (copy !== item) {
          from.push(item);
          to.push(copy);
        }
      }
    }
  }
  return root;
}

/** An empty container of the same kind, or the (immutable) scalar itself. */
function shell(v: JsonValue): JsonValue {
  if (v.kind == JsonKind.Array) return jsonArray(new Array<JsonValue>());
  if (v.kind == JsonKind.Object) {
    const n = changetype<JsonObject>(v).size;
    return new JsonObject(n < 4 ? 4 : n);
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
