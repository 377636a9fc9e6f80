// llms 0.6 validateExecCommandArgs / normalizeExecCommandArgs (tools/exec-command/): finding the command
// runs; the step after it (repairFindMeta) is native-only, so a call with a command is not bound.
import { JsonArray, JsonKind, JsonObject, JsonValue, jsTrim, numberToJsString } from '@llms-wasm/module-kit/assembly';
import { jsToString, joinStrings } from '../js/strings';
import { invalid, notBound } from './verdict';

/** asPrimitiveString: trimmed non-blank strings, finite numbers and booleans as text. */
function primitiveString(v: JsonValue | null): string | null {
  if (v === null) return null;
  if (v.kind == JsonKind.String) {
    const t = jsTrim(changetype<string>(v.asString()));
    return t.length > 0 ? t : null;
  }
  if (v.kind == JsonKind.Number) return isFinite(v.asNumber()) ? numberToJsString(v.asNumber()) : null;
  if (v.kind == JsonKind.Bool) return v.asBool() ? 'true' : 'false';
  return null;
}

/** asStringArray: strings kept, null skipped, the rest `String()`-ed; null when empty. */
function stringArray(v: JsonValue | null): Array<string> | null {
  if (v === null || v.kind != JsonKind.Array) return null;
  const a = changetype<JsonArray>(v);
  const out = new Array<string>();
  for (let i = 0; i < a.items.length; i++) {
    const e = unchecked(a.items[i]);
    if (e.kind == JsonKind.String) out.push(changetype<string>(e.asString()));
    else if (e.kind != JsonKind.Null) out.push(jsToString(e));
  }
  return out.length > 0 ? out : null;
}

export function validateExecCommand(parsed: JsonValue): JsonObject {
  const base: JsonObject | null = parsed.kind == JsonKind.Object ? changetype<JsonObject>(parsed) : null;
  let cmd: string | null = null;
  if (base !== null) {
    cmd = primitiveString(base.get('cmd'));
    if (cmd === null) cmd = primitiveString(base.get('command'));
    if (cmd === null) cmd = primitiveString(base.get('toon'));
    if (cmd === null) cmd = primitiveString(base.get('script'));
    if (cmd === null) {
      let arr = stringArray(base.get('command'));
      if (arr === null) arr = stringArray(base.get('cmd'));
      if (arr !== null) cmd = joinStrings(arr, ' ');
    }
  }
  if (cmd === null || cmd.length == 0) return invalid('missing_cmd');
  return notBound('repairFindMetaJson');
}
