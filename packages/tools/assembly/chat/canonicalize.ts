// llms 0.4.2 `canonicalizeChatResponseTools` (conversion/shared/tool-canonicalizer.js): for every choice
// with tool calls, finish_reason set when falsy, content null, arguments stringified.
import { JsonArray, JsonKind, JsonObject, JsonValue, isTruthy, jsonNull, jsonString, stringify } from '@llms-wasm/module-kit/assembly';
import { deepCopy } from '../js/json';

/** `typeof args === 'string' ? args : JSON.stringify(args ?? {})` */
export function stringifyArgs(args: JsonValue | null): JsonValue {
  if (args !== null && args.kind == JsonKind.String) return args;
  if (args === null || args.kind == JsonKind.Null) return jsonString('{}');
  return jsonString(stringify(args));
}

export function canonicalizeChatResponseTools(payload: JsonValue): JsonValue {
  if (payload.kind != JsonKind.Object) return payload;
  const out = changetype<JsonObject>(deepCopy(payload));
  const choices = out.get('choices');
  if (choices === null || choices.kind != JsonKind.Array) return out;
  const items = changetype<JsonArray>(choices).items;
  for (let i = 0; i < items.length; i++) {
    const ch = unchecked(items[i]);
    if (ch.kind != JsonKind.Object) continue; // `ch.message` of anything else is undefined
    const choice = changetype<JsonObject>(ch);
    const msg = choice.get('message');
    if (msg === null || msg.kind != JsonKind.Object) continue; // no `tool_calls` array on a primitive or an array
    const message = changetype<JsonObject>(msg);
    const tcs = message.get('tool_calls');
    if (tcs === null || tcs.kind != JsonKind.Array || changetype<JsonArray>(tcs).items.length == 0) continue;
    if (!isTruthy(choice.get('finish_reason'))) choice.set('finish_reason', jsonString('tool_calls'));
    message.set('content', jsonNull());
    const calls = changetype<JsonArray>(tcs).items;
    for (let k = 0; k < calls.length; k++) {
      const tc = unchecked(calls[k]);
      if (tc.kind != JsonKind.Object) continue;
      const fn = changetype<JsonObject>(tc).get('function');
      // Only an object takes the assignment (a primitive throws and is skipped; an array hides it).
      if (fn === null || fn.kind != JsonKind.Object) continue;
      const f = changetype<JsonObject>(fn);
      f.set('arguments', stringifyArgs(f.get('arguments')));
    }
  }
  return out;
}
