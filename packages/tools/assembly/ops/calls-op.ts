// canonicalizeToolCalls: the input checked against src/contract-calls.ts, then every entry canonicalized.
import { JsonArray, JsonKind, JsonObject, JsonValue } from '@llms-wasm/module-kit/assembly';
import { okResult } from '@llms-wasm/module-kit/assembly/result';
import { canonicalizeToolCalls } from '../calls/canonicalize-calls';
import { InputError, needObject, needString, onlyKeys, seg } from '../input';

const ENTRY_KEYS = new Map<string, Array<string>>();
ENTRY_KEYS.set('chat', ['format', 'call']);
ENTRY_KEYS.set('responses', ['format', 'item']);
ENTRY_KEYS.set('anthropic', ['format', 'block']);
ENTRY_KEYS.set('responses_sse', ['format', 'itemAdded', 'argumentDeltas', 'argumentsDone', 'itemDone']);
ENTRY_KEYS.set('text', ['format', 'field', 'text']);

function optionalString(o: JsonObject, key: string, path: string, errors: InputError): void {
  const v = o.get(key);
  if (v !== null) needString(v, path + seg(key), errors);
}

function checkStreamedItem(v: JsonValue | null, path: string, errors: InputError): void {
  const item = needObject(v, path, errors);
  if (item === null) return;
  const type = item.get('type');
  if (type === null || type.asString() != 'function_call') errors.fail(path + '/type', 'must be "function_call"');
  optionalString(item, 'id', path, errors);
  optionalString(item, 'call_id', path, errors);
  optionalString(item, 'name', path, errors);
}

function checkEntry(v: JsonValue, path: string, errors: InputError): void {
  const entry = needObject(v, path, errors);
  if (entry === null) return;
  const formatValue = entry.get('format');
  const format: string | null = formatValue === null ? null : formatValue.asString();
  if (format === null || !ENTRY_KEYS.has(format)) {
    errors.fail(path + '/format', 'must be one of chat, responses, responses_sse, anthropic, text');
    return;
  }
  onlyKeys(entry, ENTRY_KEYS.get(format), path, errors);
  if (format == 'chat') {
    const call = needObject(entry.get('call'), path + '/call', errors);
    if (call !== null && call.has('function')) needObject(call.get('function'), path + '/call/function', errors);
  } else if (format == 'responses') needObject(entry.get('item'), path + '/item', errors);
  else if (format == 'anthropic') needObject(entry.get('block'), path + '/block', errors);
  else if (format == 'text') {
    const field = entry.get('field');
    const f: string | null = field === null ? null : field.asString();
    if (f === null || (f != 'content' && f != 'reasoning_content')) errors.fail(path + '/field', 'must be "content" or "reasoning_content"');
    needString(entry.get('text'), path + '/text', errors);
  } else {
    checkStreamedItem(entry.get('itemAdded'), path + '/itemAdded', errors);
    const deltas = entry.get('argumentDeltas');
    if (deltas === null || deltas.kind != JsonKind.Array) errors.fail(path + '/argumentDeltas', 'must be an array');
    else {
      const items = changetype<JsonArray>(deltas).items;
      if (items.length > 1 << 20) errors.fail(path + '/argumentDeltas', 'must have at most 1048576 items');
      for (let i = 0; i < items.length && !errors.failed; i++) needString(unchecked(items[i]), path + '/argumentDeltas/' + i.toString(), errors);
    }
    optionalString(entry, 'argumentsDone', path, errors);
    if (entry.has('itemDone')) checkStreamedItem(entry.get('itemDone'), path + '/itemDone', errors);
  }
}

export function canonicalizeToolCallsOp(input: JsonObject, errors: InputError): usize {
  onlyKeys(input, ['calls', 'toolDefinitions'], '', errors);
  const calls = input.get('calls');
  if (calls === null || calls.kind != JsonKind.Array) errors.fail('/calls', 'must be an array');
  else {
    const items = changetype<JsonArray>(calls).items;
    if (items.length > 4096) errors.fail('/calls', 'must have at most 4096 items');
    for (let i = 0; i < items.length && !errors.failed; i++) checkEntry(unchecked(items[i]), '/calls/' + i.toString(), errors);
  }
  const defs = input.get('toolDefinitions');
  if (defs !== null && defs.kind != JsonKind.Array) errors.fail('/toolDefinitions', 'must be an array');
  if (errors.failed) return errors.record();
  return okResult(canonicalizeToolCalls(changetype<JsonArray>(calls)));
}
