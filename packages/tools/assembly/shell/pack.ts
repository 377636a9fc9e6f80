// llms 0.4.2 `splitCommandString` and `packShellArgs` (conversion/shared/tooling.js).
import { CharSink, JsonArray, JsonKind, JsonObject, JsonValue, isTruthy, jsTrim, jsonString } from '@llms-wasm/module-kit/assembly';
import { isWs } from '../js/chars';
import { shallowCopy, stringArray } from '../js/json';
import { jsToString } from '../js/strings';

const token = new CharSink(64);

function flush(out: Array<string>): void {
  if (token.length > 0) {
    out.push(token.toString());
    token.reset();
  }
}

/** splitCommandString: whitespace-separated tokens, single quotes literal, double quotes with `\` escapes. */
export function splitCommandString(input: string): Array<string> {
  const s = jsTrim(input);
  const out = new Array<string>();
  if (s.length == 0) return out;
  token.reset();
  let inSingle = false;
  let inDouble = false;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const ch = <u32>s.charCodeAt(i);
    if (inSingle) {
      if (ch == 0x27) inSingle = false;
      else token.writeUnit(ch);
      continue;
    }
    if (inDouble) {
      if (ch == 0x22) inDouble = false;
      else if (ch == 0x5c && i + 1 < n) token.writeUnit(<u32>s.charCodeAt(++i));
      else token.writeUnit(ch);
      continue;
    }
    if (ch == 0x27) inSingle = true;
    else if (ch == 0x22) inDouble = true;
    else if (isWs(<i32>ch)) flush(out);
    else token.writeUnit(ch);
  }
  flush(out);
  return out;
}

/** toStringArray: arrays `String()`-ed element-wise, null/undefined empty, anything else one element. */
function toStringArray(v: JsonValue | null): Array<string> {
  const out = new Array<string>();
  if (v === null || v.kind == JsonKind.Null) return out;
  if (v.kind == JsonKind.Array) {
    const items = changetype<JsonArray>(v).items;
    for (let i = 0; i < items.length; i++) out.push(jsToString(unchecked(items[i])));
    return out;
  }
  out.push(jsToString(v));
  return out;
}

function isCd(tokens: Array<string>): bool {
  return tokens.length >= 2 && unchecked(tokens[0]) == 'cd' && unchecked(tokens[1]).length > 0;
}

export function packShellArgs(input: JsonObject): JsonObject {
  const out = shallowCopy(input);
  const cmdRaw = out.get('command');
  const workdir = out.get('workdir');
  if (cmdRaw !== null && cmdRaw.kind == JsonKind.String) {
    const tokens = splitCommandString(changetype<string>(cmdRaw.asString()));
    if (isCd(tokens)) {
      let rest = tokens.slice(2);
      if (rest.length > 0 && (unchecked(rest[0]) == '&&' || unchecked(rest[0]) == ';')) rest = rest.slice(1);
      if (!isTruthy(workdir)) out.set('workdir', jsonString(unchecked(tokens[1])));
      out.set('command', stringArray(rest.length > 0 ? rest : ['pwd']));
      return out;
    }
    out.set('command', stringArray(tokens.length > 0 ? tokens : ['pwd']));
    return out;
  }
  const tokens = toStringArray(cmdRaw);
  if (tokens.length == 0) {
    out.set('command', stringArray(['pwd']));
    return out;
  }
  if (isCd(tokens)) {
    const rest = tokens.slice(2);
    if (!isTruthy(workdir)) out.set('workdir', jsonString(unchecked(tokens[1])));
    out.set('command', stringArray(rest.length > 0 ? rest : ['pwd']));
    return out;
  }
  out.set('command', stringArray(tokens));
  return out;
}
