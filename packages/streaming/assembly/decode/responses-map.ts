// The event mappings of rcc-llmswitch-core 0.4.2's Responses builder (mapOutputItemAdded & co.): each
// turns a `response.*` event's data (never nullish here: the caller reports that as llms's TypeError)
// into the legacy event the builder's handlers take.
import { JsonObject, JsonValue, jsonObject, jsonString } from '@llms-wasm/module-kit/assembly';
import { isTruthy } from '@llms-wasm/module-kit/assembly';
import { setDefined } from '../js/ordered';
import { Val, get, isObjectType, isStr, isString, nullishOr, str, truthyOr } from '../js/values';

function s(v: string): JsonValue {
  return jsonString(v);
}

export function mapOutputItemAdded(data: Val): JsonObject {
  const item = truthyOr(get(data, 'item'), jsonObject());
  const rawType = nullishOr(get(item, 'type'), nullishOr(get(data, 'item_type'), get(data, 'type')));
  let normalized = 'message';
  if (isString(rawType)) {
    normalized = str(rawType);
    if (normalized.startsWith('response.')) normalized = normalized.substring(9);
  }
  if (normalized == 'custom_tool_call') normalized = 'function_call';
  const m = jsonObject();
  setDefined(m, 'item_id', nullishOr(get(data, 'item_id'), get(item, 'id')));
  m.set('type', s(normalized));
  m.set('status', changetype<JsonValue>(nullishOr(get(data, 'status'), nullishOr(get(item, 'status'), s('in_progress')))));
  setDefined(m, 'role', nullishOr(get(data, 'role'), get(item, 'role')));
  setDefined(m, 'call_id', nullishOr(get(data, 'call_id'), get(item, 'call_id')));
  setDefined(m, 'name', nullishOr(get(data, 'name'), get(item, 'name')));
  return m;
}

export function mapContentPartAdded(data: Val): JsonObject {
  const part = truthyOr(get(data, 'part'), jsonObject());
  const normalizedType = changetype<JsonValue>(nullishOr(get(part, 'type'), nullishOr(get(data, 'type'), s('output_text'))));
  const pt = get(part, 'text');
  const dt = get(data, 'text');
  const text = isString(pt) ? changetype<JsonValue>(pt) : isString(dt) ? changetype<JsonValue>(dt) : s('');
  const m = jsonObject();
  setDefined(m, 'item_id', nullishOr(get(data, 'item_id'), get(part, 'item_id')));
  m.set('type', normalizedType);
  setDefined(m, 'content_index', get(data, 'content_index'));
  m.set('text', text);
  if (isStr(normalizedType, 'output_text')) {
    const ot = jsonObject();
    ot.set('type', s('output_text'));
    ot.set('text', text);
    m.set('output_text', ot);
  }
  return m;
}

export function mapFunctionCallArgumentsDelta(data: Val): JsonObject {
  const d = get(data, 'delta');
  const deltaObj: Val = isTruthy(d) && isObjectType(d) ? d : null;
  let chunk: Val = null;
  if (isString(d)) chunk = d;
  else if (isTruthy(deltaObj) && isString(get(deltaObj, 'arguments'))) chunk = get(deltaObj, 'arguments');
  else if (isString(get(data, 'arguments'))) chunk = get(data, 'arguments');
  const m = jsonObject();
  setDefined(m, 'item_id', get(data, 'item_id'));
  const delta = jsonObject();
  setDefined(delta, 'arguments', chunk);
  setDefined(delta, 'name', nullishOr(deltaObj === null ? null : get(deltaObj, 'name'), get(data, 'name')));
  m.set('delta', delta);
  return m;
}

export function mapFunctionCallArgumentsDone(data: Val): JsonObject {
  const d = get(data, 'delta');
  const delta: Val = isTruthy(d) && isObjectType(d) ? d : jsonObject();
  const m = jsonObject();
  setDefined(m, 'item_id', get(data, 'item_id'));
  setDefined(m, 'call_id', get(data, 'call_id'));
  setDefined(m, 'name', nullishOr(get(data, 'name'), get(delta, 'name')));
  setDefined(m, 'arguments', nullishOr(get(data, 'arguments'), get(delta, 'arguments')));
  return m;
}

export function mapOutputTextDelta(data: Val): JsonObject {
  const m = jsonObject();
  setDefined(m, 'item_id', get(data, 'item_id'));
  setDefined(m, 'part_index', get(data, 'content_index'));
  const delta = jsonObject();
  delta.set('type', s('output_text'));
  setDefined(delta, 'text', get(data, 'delta'));
  m.set('delta', delta);
  return m;
}

export function mapOutputTextDone(data: Val): JsonObject {
  const m = jsonObject();
  setDefined(m, 'item_id', get(data, 'item_id'));
  setDefined(m, 'part_index', nullishOr(get(data, 'content_index'), get(data, 'part_index')));
  return m;
}

export function mapReasoningDelta(type: string, data: Val): JsonObject {
  const m = jsonObject();
  setDefined(m, 'item_id', get(data, 'item_id'));
  const delta = jsonObject();
  delta.set('type', s(type == 'response.reasoning_signature.delta' ? 'reasoning_signature' : type == 'response.reasoning_image.delta' ? 'reasoning_image' : 'reasoning_text'));
  setDefined(delta, 'text', get(data, 'delta'));
  setDefined(delta, 'signature', get(data, 'signature'));
  setDefined(delta, 'image_url', get(data, 'image_url'));
  m.set('delta', delta);
  return m;
}
