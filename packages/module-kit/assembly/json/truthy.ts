// JavaScript truthiness of a JSON value (`if (value)` in the code being ported).
import { JsonKind, JsonValue } from './value';

/** False for absent (null pointer), JSON null, false, 0, NaN and ""; true otherwise (arrays and objects included). */
export function isTruthy(v: JsonValue | null): bool {
  if (v === null) return false;
  switch (v.kind) {
    case JsonKind.Null:
      return false;
    case JsonKind.Bool:
      return v.asBool();
    case JsonKind.Number: {
      const x = v.asNumber();
      return x != 0 && !isNaN(x);
    }
    case JsonKind.String:
      return changetype<string>(v.asString()).length > 0;
    default:
      return true;
  }
}
