// The registry's verdicts as JSON objects in the contract's shape.
import { JsonArray, JsonObject, JsonValue, jsonBool, jsonNumber, jsonObject, jsonString, stringify } from '@llms-wasm/module-kit/assembly';

export function valid(normalizedArgs: JsonValue, warnings: JsonArray | null = null): JsonObject {
  const o = jsonObject();
  o.set('ok', jsonBool(true));
  o.set('normalizedArgs', jsonString(stringify(normalizedArgs)));
  if (warnings !== null) o.set('warnings', warnings);
  return o;
}

export function invalid(reason: string): JsonObject {
  const o = jsonObject();
  o.set('ok', jsonBool(false));
  o.set('reason', jsonString(reason));
  return o;
}

/** The one Linux gap: validation needs the llms 0.6 native capability `needs`. */
export function notBound(needs: string): JsonObject {
  const o = invalid('not_bound');
  o.set('needs', jsonString(needs));
  return o;
}

export function warning(kind: string, count: i32): JsonObject {
  const o = jsonObject();
  o.set('kind', jsonString(kind));
  o.set('count', jsonNumber(<f64>count));
  return o;
}
