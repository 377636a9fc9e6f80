// What JavaScript prints for a JSON value: `String(v)` (a template literal) and `Array.prototype.join`,
// for ported code that builds text from parsed values the way llms's TypeScript does.
import { numberToJsString } from '../number/dtoa';
import { CharSink } from '../sink';
import { JsonArray, JsonKind, JsonValue } from './value';

/** `String(v)` for a JSON value; `null` (the absent value) is `undefined`, an object `[object Object]`. */
export function jsToString(v: JsonValue | null): string {
  if (v === null) return 'undefined';
  switch (v.kind) {
    case JsonKind.Null:
      return 'null';
    case JsonKind.Bool:
      return v.asBool() ? 'true' : 'false';
    case JsonKind.Number:
      return numberToJsString(v.asNumber());
    case JsonKind.String:
      return changetype<string>(v.asString());
    case JsonKind.Array:
      return joinArray(changetype<JsonArray>(v), ',');
    default:
      return '[object Object]';
  }
}

/** `Array.prototype.join`: null (and absent) elements are empty, others `String()`-ed. */
export function joinArray(a: JsonArray, sep: string): string {
  const sink = new CharSink(16);
  for (let i = 0, n = a.items.length; i < n; i++) {
    if (i > 0) sink.writeString(sep);
    const item = unchecked(a.items[i]);
    if (item.kind != JsonKind.Null) sink.writeString(jsToString(item));
  }
  const s = sink.toString();
  sink.dispose();
  return s;
}
