// Prototypes llms sets by accident: `obj['__proto__'] = value` (a key cleaned to `__proto__`, or an
// injected pair named so) does not add a member, it makes `value` the object's prototype, and later
// reads of missing members find them there (`rawArgs.plan` may be inherited). Tracked per operation
// call for the objects of the registry's argument tree.
import { JsonKind, JsonObject, JsonValue } from '@llms-wasm/module-kit/assembly';

const protos = new Map<usize, JsonObject>();

/** Forgets every prototype (at the start of each argument parse: the tree of the previous one is gone). */
export function clearProtos(): void {
  if (protos.size > 0) protos.clear();
}

/** `o.__proto__ = value`: an object becomes the prototype; null and arrays lose every inherited named member; primitives do nothing. */
export function assignProto(o: JsonObject, value: JsonValue): void {
  const key = changetype<usize>(o);
  if (value.kind == JsonKind.Object) protos.set(key, changetype<JsonObject>(value));
  else if ((value.kind == JsonKind.Null || value.kind == JsonKind.Array) && protos.has(key)) protos.delete(key);
}

/** `o[key]`: the own member, else the first one up the prototype chain; null when absent. */
export function member(o: JsonObject, key: string): JsonValue | null {
  let cur: JsonObject = o;
  let v = cur.get(key);
  while (v === null && protos.has(changetype<usize>(cur))) {
    cur = protos.get(changetype<usize>(cur));
    v = cur.get(key);
  }
  return v;
}
