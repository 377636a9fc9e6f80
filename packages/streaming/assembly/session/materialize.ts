// Values from the tape reader's nodes, exactly as JSON.parse would build them (JsonObject.set keeps a
// repeated key at its first position with its last value, and orders index keys first), for the parts
// of an event a decoder reads.
import { JsonArray, JsonKind, JsonObject, JsonReader, JsonValue, jsonBool, jsonNull, jsonNumber, jsonString } from '@llms-wasm/module-kit/assembly';
import { nodeNext } from '@llms-wasm/module-kit/assembly/json/tape';

export function materialize(r: JsonReader, n: i32): JsonValue {
  const k = r.kind(n);
  if (k == JsonKind.String) return jsonString(r.string(n));
  if (k == JsonKind.Number) return jsonNumber(r.number(n));
  if (k == JsonKind.Bool) return jsonBool(r.bool(n));
  if (k == JsonKind.Null) return jsonNull();
  if (k == JsonKind.Array) {
    const a = new JsonArray();
    let e = n + 1;
    for (let i = 0, m = r.size(n); i < m; i++) {
      a.push(materialize(r, e));
      e = nodeNext(r.tape, e);
    }
    return a;
  }
  const o = new JsonObject();
  let key = n + 1;
  for (let i = 0, m = r.size(n); i < m; i++) {
    o.set(r.string(key), materialize(r, key + 1));
    key = nodeNext(r.tape, key + 1);
  }
  return o;
}

/** Object `n` with only the members named in `keys` (each materialized), in JSON.parse's order. */
export function materializeKeys(r: JsonReader, n: i32, keys: Array<string>): JsonObject {
  const o = new JsonObject();
  let key = n + 1;
  for (let i = 0, m = r.size(n); i < m; i++) {
    const name = r.string(key);
    if (keys.includes(name)) o.set(name, materialize(r, key + 1));
    key = nodeNext(r.tape, key + 1);
  }
  return o;
}
