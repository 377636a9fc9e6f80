// The handlers of rcc-llmswitch-core 0.4.2's Responses builder that only touch one output item's state
// (function calls, reasoning, output_item.done): each returns llms's error message, or null.
import { JsonValue, jsonArray, jsonObject, jsonString, stringify } from '@llms-wasm/module-kit/assembly';
import { isTruthy } from '@llms-wasm/module-kit/assembly';
import { Val, get, isNullish, isObjectType, isStr, isString, jsAdd, jsToString, mapKey, readError, truthyOr } from '../js/values';
import { UNDEFINED_SLOT } from './responses-output';
import { ItemState, ItemTable } from './responses-state';

function s(v: string): JsonValue {
  return jsonString(v);
}

/** The state of `data.item_id`, or null. */
export function found(items: ItemTable, data: Val): ItemState | null {
  return items.get(mapKey(get(data, 'item_id')));
}

/** llms's `Output item not found: ${data.item_id}`. */
export function notFound(data: Val): string {
  return 'Output item not found: ' + jsToString(get(data, 'item_id'));
}

export function functionCallStart(items: ItemTable, data: Val): string | null {
  if (isNullish(data)) return readError(data, 'item_id');
  const st = found(items, data);
  if (st === null) return notFound(data);
  st.callId = get(data, 'call_id');
  st.name = get(data, 'name');
  st.arguments = s('');
  return null;
}

export function functionCallDelta(items: ItemTable, data: Val): string | null {
  if (isNullish(data)) return readError(data, 'item_id');
  const st = found(items, data);
  if (st === null) return notFound(data);
  const d = get(data, 'delta');
  let chunk: Val = null;
  if (isTruthy(d) && isObjectType(d) && isString(get(d, 'arguments'))) chunk = get(d, 'arguments');
  else if (isString(d)) chunk = d;
  else if (isString(get(data, 'arguments'))) chunk = get(data, 'arguments');
  if (chunk !== null) st.arguments = jsAdd(truthyOr(st.arguments, s('')), chunk);
  return null;
}

export function functionCallDone(items: ItemTable, data: Val): string | null {
  if (isNullish(data)) return readError(data, 'item_id');
  const st = found(items, data);
  if (st === null) return notFound(data);
  const name = get(data, 'name');
  if (isString(name) && isTruthy(name)) st.name = name;
  const callId = get(data, 'call_id');
  if (isString(callId) && isTruthy(callId)) st.callId = callId;
  const args = get(data, 'arguments');
  if (isString(args) && isTruthy(args)) st.arguments = args;
  st.status = 'completed';
  return null;
}

export function reasoningStart(items: ItemTable, data: Val): string | null {
  if (isNullish(data)) return readError(data, 'item_id');
  const st = found(items, data);
  if (st === null) return notFound(data);
  st.accumulated = changetype<JsonValue>(truthyOr(get(data, 'summary'), jsonArray()));
  return null;
}

export function reasoningDelta(items: ItemTable, data: Val, owner: string): string | null {
  if (isNullish(data)) return readError(data, 'item_id');
  const st = found(items, data);
  if (st === null) return notFound(data);
  const acc = st.accumulated.asArray();
  if (acc === null) return owner + '.accumulatedContent.push is not a function';
  const d = get(data, 'delta');
  // push(undefined) stores a hole-like undefined that JSON.stringify prints as null; filter() drops it.
  acc.push(d === null ? UNDEFINED_SLOT : changetype<JsonValue>(d));
  return null;
}

export function reasoningDone(items: ItemTable, data: Val): string | null {
  if (isNullish(data)) return readError(data, 'item_id');
  const st = found(items, data);
  if (st === null) return notFound(data);
  st.status = 'completed';
  return null;
}

export function outputItemDone(items: ItemTable, data: Val): string | null {
  if (isNullish(data)) return readError(data, 'item_id');
  const st = found(items, data);
  if (st === null) return notFound(data);
  const item = truthyOr(get(data, 'item'), jsonObject());
  if (isStr(st.type, 'function_call')) {
    if (!isTruthy(st.name) && isString(get(item, 'name'))) st.name = get(item, 'name');
    if (!isTruthy(st.callId) && isString(get(item, 'call_id'))) st.callId = get(item, 'call_id');
    if (!isTruthy(st.arguments)) {
      const input = get(item, 'input');
      if (isString(input)) {
        const o = jsonObject();
        o.set('input', changetype<JsonValue>(input));
        st.arguments = s(stringify(o));
      } else if (isTruthy(input) && isObjectType(input)) {
        st.arguments = s(stringify(changetype<JsonValue>(input)));
      }
    }
  }
  st.status = 'completed';
  return null;
}
