// canonicalizeToolCalls: each raw entry read per its format (the contract's mapping), then the ported
// llms steps in the order the TS runtime runs them: stream assembly, text harvesting, call id, name,
// argument repair, registry validation.
import { JsonArray, JsonKind, JsonObject, JsonValue, jsTrim, jsonArray, jsonBool, jsonNumber, jsonObject, jsonString } from '@llms-wasm/module-kit/assembly';
import { repairArgumentsToString } from '../args/repair';
import { normalizeFunctionCallId } from '../ids/call-id';
import { validateToolCall } from '../registry/validate';
import { assembleStreamedCall } from '../stream/builder';
import { normalizeAssistantTextToToolCalls } from '../text/markup';
import { find } from '../js/find';

/** llms 0.6 `canonicalizeToolName`: trimmed, cut at an `arg_` that is not at the start. */
export function canonicalizeToolName(raw: string): string {
  const t = jsTrim(raw);
  const at = find(t, 'arg_');
  return at > 0 ? t.substring(0, at) : t;
}

function canonical(source: i32, format: string, id: JsonValue | null, name: JsonValue | null, args: JsonValue | null): JsonObject {
  const nameText = name !== null && name.kind == JsonKind.String ? changetype<string>(name.asString()) : '';
  const canonicalName = canonicalizeToolName(nameText);
  const repaired = repairArgumentsToString(args);
  const unchanged = args !== null && args.kind == JsonKind.String && changetype<string>(args.asString()) == repaired;
  const o = jsonObject();
  o.set('source', jsonNumber(<f64>source));
  o.set('format', jsonString(format));
  o.set('id', jsonString(normalizeFunctionCallId(id, null)));
  o.set('name', jsonString(canonicalName));
  o.set('arguments', jsonString(repaired));
  o.set('repaired', jsonBool(!unchanged));
  o.set('validation', validateToolCall(canonicalName, repaired));
  return o;
}

function member(o: JsonValue | null, key: string): JsonValue | null {
  return o !== null && o.kind == JsonKind.Object ? changetype<JsonObject>(o).get(key) : null;
}

function fromChat(calls: JsonArray, source: i32, format: string, call: JsonValue): void {
  const fn = member(call, 'function');
  calls.push(canonical(source, format, member(call, 'id'), member(fn, 'name'), member(fn, 'arguments')));
}

function notBoundStep(source: i32, step: string, needs: string): JsonObject {
  const o = jsonObject();
  o.set('source', jsonNumber(<f64>source));
  o.set('step', jsonString(step));
  o.set('needs', jsonString(needs));
  return o;
}

/** One raw entry, already checked against the contract. */
export function canonicalizeEntry(raw: JsonObject, source: i32, calls: JsonArray, notBound: JsonArray): void {
  const format = changetype<string>(changetype<JsonValue>(raw.get('format')).asString());
  if (format == 'chat') fromChat(calls, source, 'chat', changetype<JsonValue>(raw.get('call')));
  else if (format == 'responses') {
    const item = raw.get('item');
    calls.push(canonical(source, 'responses', member(item, 'call_id'), member(item, 'name'), member(item, 'arguments')));
  } else if (format == 'anthropic') {
    const block = raw.get('block');
    calls.push(canonical(source, 'anthropic', member(block, 'id'), member(block, 'name'), member(block, 'input')));
  } else if (format == 'responses_sse') {
    const deltas = new Array<string>();
    const items = changetype<JsonArray>(raw.get('argumentDeltas')).items;
    for (let i = 0; i < items.length; i++) deltas.push(changetype<string>(unchecked(items[i]).asString()));
    const doneValue = raw.get('argumentsDone');
    const done: string | null = doneValue === null ? null : doneValue.asString();
    const itemDone = raw.get('itemDone');
    const built = assembleStreamedCall(changetype<JsonObject>(raw.get('itemAdded')), deltas, done, itemDone === null ? null : itemDone.asObject());
    if (built !== null) calls.push(canonical(source, 'responses_sse', jsonString(built.callId), jsonString(built.name), jsonString(built.args)));
  } else {
    const field = changetype<string>(changetype<JsonValue>(raw.get('field')).asString());
    if (field == 'reasoning_content') {
      notBound.push(notBoundStep(source, 'harvest tool calls from reasoning text', 'normalizeMessageReasoningToolsJson'));
      return;
    }
    const message = jsonObject();
    message.set('role', jsonString('assistant'));
    message.set('content', changetype<JsonValue>(raw.get('text')));
    const harvested = normalizeAssistantTextToToolCalls(message);
    const found = harvested.get('tool_calls');
    if (found === null || found.kind != JsonKind.Array) return;
    const list = changetype<JsonArray>(found).items;
    for (let i = 0; i < list.length; i++) fromChat(calls, source, 'text', unchecked(list[i]));
  }
}

export function canonicalizeToolCalls(entries: JsonArray): JsonObject {
  const calls = jsonArray();
  const notBound = jsonArray();
  for (let i = 0; i < entries.items.length; i++) canonicalizeEntry(changetype<JsonObject>(unchecked(entries.items[i])), i, calls, notBound);
  const out = jsonObject();
  out.set('calls', calls);
  out.set('notBound', notBound);
  return out;
}
