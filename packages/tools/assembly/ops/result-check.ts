// Values JSON cannot carry (what RESULT_NOT_JSON reports): the JSON pointer of the first NaN/±Infinity.
import { JsonArray, JsonKind, JsonObject, JsonValue } from '@llms-wasm/module-kit/assembly';
import { seg } from '../input';

/** True when a NaN/±Infinity is anywhere inside `root`. */
function hasNonFinite(root: JsonValue): bool {
  const work = new Array<JsonValue>();
  work.push(root);
  while (work.length > 0) {
    const v = work.pop();
    if (v.kind == JsonKind.Number) {
      if (!isFinite(v.asNumber())) return true;
    } else if (v.kind == JsonKind.Array) {
      const items = changetype<JsonArray>(v).items;
      for (let i = 0; i < items.length; i++) work.push(unchecked(items[i]));
    } else if (v.kind == JsonKind.Object) {
      const o = changetype<JsonObject>(v);
      for (let i = 0, n = o.size; i < n; i++) work.push(o.valueAt(i));
    }
  }
  return false;
}

/** The first NaN/±Infinity in document order (a work list: nesting depth does not grow the stack). */
export function firstNonFinite(root: JsonValue, rootPath: string): string | null {
  if (!hasNonFinite(root)) return null;
  const values = new Array<JsonValue>();
  const paths = new Array<string>();
  values.push(root);
  paths.push(rootPath);
  while (values.length > 0) {
    const v = values.pop();
    const path = paths.pop();
    if (v.kind == JsonKind.Number) {
      if (!isFinite(v.asNumber())) return path.length > 0 ? path : '/';
    } else if (v.kind == JsonKind.Array) {
      const items = changetype<JsonArray>(v).items;
      for (let i = items.length - 1; i >= 0; i--) {
        values.push(unchecked(items[i]));
        paths.push(path + '/' + i.toString());
      }
    } else if (v.kind == JsonKind.Object) {
      const o = changetype<JsonObject>(v);
      for (let i = o.size - 1; i >= 0; i--) {
        values.push(o.valueAt(i));
        paths.push(path + seg(o.keyAt(i)));
      }
    }
  }
  return null;
}
