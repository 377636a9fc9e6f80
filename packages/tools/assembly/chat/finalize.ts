// llms 0.4.2 `finalizeOpenAIChatResponse` (conversion/shared/openai-finalizer.js): the first choice's
// tool-call arguments stringified and finish_reason set; for `{messages}`, tool messages get the
// calling tool's name and a string content. A JavaScript TypeError midway (assigning `arguments` on a
// primitive `function`) ends the whole rewrite, as the outer try/catch does in llms.
import { JsonArray, JsonKind, JsonObject, JsonValue, jsTrim, jsonString, stringify } from '@llms-wasm/module-kit/assembly';
import { isTruthy } from '@llms-wasm/module-kit/assembly';
import { jsToString, lowerEquals } from '../js/strings';
import { stringifyArgs } from './canonicalize';

const EMPTY = 'Command succeeded (no output).';

/** toStringContent. */
function toStringContent(v: JsonValue | null): string {
  if (v === null || v.kind == JsonKind.Null) return EMPTY;
  if (v.kind == JsonKind.String) {
    const t = jsTrim(changetype<string>(v.asString()));
    return t.length > 0 ? t : EMPTY;
  }
  if (v.kind == JsonKind.Array || v.kind == JsonKind.Object) return stringify(v);
  const s = jsToString(v);
  return jsTrim(s).length > 0 ? s : EMPTY;
}

function firstChoice(obj: JsonObject): void {
  const choices = obj.get('choices');
  if (choices === null || choices.kind != JsonKind.Array) return;
  const items = changetype<JsonArray>(choices).items;
  if (items.length == 0) return;
  const first = unchecked(items[0]);
  if (first.kind != JsonKind.Object) return;
  const choice = changetype<JsonObject>(first);
  const msg = choice.get('message');
  if (msg === null || msg.kind != JsonKind.Object) return;
  const tcs = changetype<JsonObject>(msg).get('tool_calls');
  if (tcs === null || tcs.kind != JsonKind.Array) return;
  const calls = changetype<JsonArray>(tcs).items;
  for (let i = 0; i < calls.length; i++) {
    const tc = unchecked(calls[i]);
    if (tc.kind != JsonKind.Object) continue;
    const fn = changetype<JsonObject>(tc).get('function');
    if (fn === null || fn.kind != JsonKind.Object) continue;
    const f = changetype<JsonObject>(fn);
    f.set('arguments', stringifyArgs(f.get('arguments')));
  }
  const finish = choice.get('finish_reason');
  if (finish === null || finish.kind == JsonKind.Null) choice.set('finish_reason', jsonString('tool_calls'));
}

/** The messages rewrite; false when llms's TypeError would have ended it. */
function messages(obj: JsonObject): bool {
  const value = obj.get('messages');
  if (value === null || value.kind != JsonKind.Array) return true;
  const msgs = changetype<JsonArray>(value).items;
  const ids = new Map<string, string>();
  for (let i = msgs.length - 1; i >= 0; i--) {
    const m = unchecked(msgs[i]);
    if (m.kind != JsonKind.Object) continue;
    const mo = changetype<JsonObject>(m);
    const role = mo.get('role');
    const tcs = mo.get('tool_calls');
    if (role === null || role.kind != JsonKind.String || changetype<string>(role.asString()) != 'assistant') continue;
    if (tcs === null || tcs.kind != JsonKind.Array || changetype<JsonArray>(tcs).items.length == 0) continue;
    const calls = changetype<JsonArray>(tcs).items;
    for (let k = 0; k < calls.length; k++) {
      const tc = unchecked(calls[k]);
      if (tc.kind != JsonKind.Object) continue;
      const call = changetype<JsonObject>(tc);
      const id = call.get('id');
      const fn = call.get('function');
      const name = fn !== null && fn.kind == JsonKind.Object ? changetype<JsonObject>(fn).get('name') : null;
      if (id !== null && id.kind == JsonKind.String && isTruthy(id) && name !== null && name.kind == JsonKind.String && isTruthy(name)) {
        ids.set(changetype<string>(id.asString()), changetype<string>(name.asString()));
      }
      if (!isTruthy(fn)) continue;
      const f = changetype<JsonValue>(fn);
      if (f.kind == JsonKind.Object) changetype<JsonObject>(f).set('arguments', stringifyArgs(changetype<JsonObject>(f).get('arguments')));
      else if (f.kind != JsonKind.Array) return false; // TypeError: cannot create property on a primitive
    }
    break;
  }
  for (let i = 0; i < msgs.length; i++) {
    const m = unchecked(msgs[i]);
    if (m.kind != JsonKind.Object) continue;
    const mo = changetype<JsonObject>(m);
    const role = mo.get('role');
    if (!isTruthy(role) || !lowerEquals(jsToString(role), 'tool')) continue;
    const cid = mo.get('tool_call_id');
    const key = cid !== null && cid.kind == JsonKind.String ? changetype<string>(cid.asString()) : '';
    if (key.length > 0 && ids.has(key)) {
      const name = mo.get('name');
      if (name === null || name.kind != JsonKind.String) mo.set('name', jsonString(ids.get(key)));
    }
    mo.set('content', jsonString(toStringContent(mo.get('content'))));
  }
  return true;
}

export function finalizeOpenAIChatResponse(payload: JsonValue): JsonValue {
  if (payload.kind != JsonKind.Object) return payload;
  const obj = changetype<JsonObject>(payload);
  firstChoice(obj);
  messages(obj);
  return obj;
}
