// Values JSON cannot carry (what RESULT_NOT_JSON reports): the JSON pointer of the first NaN/±Infinity.
import { JsonArray, JsonKind, JsonObject, JsonValue } from '@llms-wasm/module-kit/assembly';
import { seg } from '../input';

export function firstNonFinite(v: JsonValue, path: string): string | null {
  if (v.kind == JsonKind.Number) {
    if (isFinite(v.asNumber())) return null;
    return path.length > 0 ? path : '/';
  }
  if (v.kind == JsonKind.Array) {
    const a = changetype<JsonArray>(v);
    for (let i = 0; i < a.items.length; i++) {
      const found = firstNonFinite(unchecked(a.items[i]), path + '/' + i.toString());
      if (found !== null) return found;
    }
  } else if (v.kind == JsonKind.Object) {
    const o = changetype<JsonObject>(v);
    for (let i = 0, n = o.size; i < n; i++) {
      const found = firstNonFinite(o.valueAt(i), path + seg(o.keyAt(i)));
      if (found !== null) return found;
    }
  }
  return null;
}
