// The function-call part of llms 0.6's Responses stream builder (sse/sse-to-json/builders/
// response-builder.js), fed the events the module rebuilds from a streamed call: item added, argument
// deltas, arguments done, item done. Only what such a stream reaches is ported.
import { JsonKind, JsonObject, JsonValue, jsTrim, stringify } from '@llms-wasm/module-kit/assembly';
import { objectWith } from '../js/json';
import { lowerEquals } from '../js/strings';

/** What the builder made of the stream: a completed function call, or nothing. */
export class BuiltCall {
  constructor(
    public callId: string,
    public name: string,
    public args: string,
  ) {}
}

/** shouldOverrideArguments(current, incoming). */
function shouldOverride(current: string, incoming: string): bool {
  if (incoming.length == 0) return false;
  const t = jsTrim(incoming);
  if (current.length == 0) return t.length > 0;
  if (t.length == 0) return false;
  if (t == '{}' || lowerEquals(t, 'null')) return false;
  return true;
}

/** The item's id as the builder's map key: absent, or a string (the contract allows nothing else). */
function idOf(item: JsonObject): string | null {
  const id = item.get('id');
  return id === null ? null : id.asString();
}

function sameKey(a: string | null, b: string | null): bool {
  return a === null ? b === null : b !== null && a == b;
}

function stringOrEmpty(v: JsonValue | null): string {
  if (v === null) return '';
  const s = v.asString();
  return s === null ? '' : s;
}

/** Assembles one streamed function call. `done` is null when no `.done` event came. */
export function assembleStreamedCall(added: JsonObject, deltas: Array<string>, done: string | null, itemDone: JsonObject | null): BuiltCall | null {
  const key = idOf(added);
  let callId = stringOrEmpty(added.get('call_id'));
  let name = stringOrEmpty(added.get('name'));
  let args = '';
  let completed = false;
  for (let i = 0; i < deltas.length; i++) args += unchecked(deltas[i]);
  if (done !== null) {
    if (shouldOverride(args, done)) args = done;
    else if (args.length == 0 && done.length > 0) args = done;
    completed = true;
  }
  if (itemDone !== null) {
    // A done item with another id is "not found": the builder records an error and fails the result.
    if (!sameKey(key, idOf(itemDone))) return null;
    if (name.length == 0) {
      const n = itemDone.get('name');
      if (n !== null && n.kind == JsonKind.String) name = changetype<string>(n.asString());
    }
    if (callId.length == 0) {
      const c = itemDone.get('call_id');
      if (c !== null && c.kind == JsonKind.String) callId = changetype<string>(c.asString());
    }
    if (args.length == 0) {
      const input = itemDone.get('input');
      if (input !== null) {
        if (input.kind == JsonKind.String) args = stringify(objectWith('input', input));
        else if (input.kind == JsonKind.Object || input.kind == JsonKind.Array) args = stringify(input);
      }
    }
    completed = true;
  }
  return completed ? new BuiltCall(callId, name, args) : null;
}
