// The item descriptors and content-part descriptors of rcc-llmswitch-core 0.4.2's Responses event
// generators (buildOutputItemStartEvent / buildOutputItemDoneEvent / buildContentPart{Start,Done}Event).
import { JsonObject, JsonValue, isTruthy, jsonArray, jsonString } from '@llms-wasm/module-kit/assembly';
import { setDefined } from '../js/ordered';
import { Val, get, isStr, nullishOr } from '../js/values';

function setTruthy(o: JsonObject, key: string, v: Val): void {
  if (isTruthy(v)) o.set(key, changetype<JsonValue>(v));
}

/** The `item` of response.output_item.added. */
export function itemStart(item: JsonValue): JsonObject {
  const d = new JsonObject();
  const type = get(item, 'type');
  setDefined(d, 'id', get(item, 'id'));
  setDefined(d, 'type', type);
  d.set('status', jsonString('in_progress'));
  if (isStr(type, 'message')) {
    setTruthy(d, 'role', get(item, 'role'));
    d.set('content', jsonArray());
  } else if (isStr(type, 'function_call')) {
    setTruthy(d, 'name', get(item, 'name'));
    setTruthy(d, 'call_id', get(item, 'call_id'));
    d.set('arguments', jsonString(''));
  } else if (isStr(type, 'function_call_output')) {
    setTruthy(d, 'call_id', get(item, 'call_id'));
    setTruthy(d, 'tool_call_id', get(item, 'tool_call_id'));
    setDefined(d, 'output', get(item, 'output'));
  } else if (isStr(type, 'reasoning')) {
    setTruthy(d, 'summary', get(item, 'summary'));
  }
  return d;
}

/** The `item` of response.output_item.done. */
export function itemDone(item: JsonValue): JsonObject {
  const d = new JsonObject();
  const type = get(item, 'type');
  setDefined(d, 'id', get(item, 'id'));
  setDefined(d, 'type', type);
  d.set('status', jsonString('completed'));
  setTruthy(d, 'name', get(item, 'name'));
  setTruthy(d, 'arguments', get(item, 'arguments'));
  setTruthy(d, 'call_id', get(item, 'call_id'));
  if (isStr(type, 'function_call_output')) {
    setTruthy(d, 'tool_call_id', get(item, 'tool_call_id'));
    setDefined(d, 'output', get(item, 'output'));
  }
  return d;
}

/** The `part` of response.content_part.added (`content` is not nullish). */
export function partStart(content: JsonValue): JsonObject {
  const d = new JsonObject();
  const type = get(content, 'type');
  setDefined(d, 'type', type);
  if (isStr(type, 'input_text')) {
    d.set('text', changetype<JsonValue>(nullishOr(get(content, 'text'), jsonString(''))));
  } else if (isStr(type, 'output_text')) {
    d.set('text', jsonString(''));
    d.set('annotations', changetype<JsonValue>(nullishOr(get(content, 'annotations'), jsonArray())));
    d.set('logprobs', changetype<JsonValue>(nullishOr(get(content, 'logprobs'), jsonArray())));
  } else if (isStr(type, 'input_image')) {
    setDefined(d, 'image_url', get(content, 'image_url'));
    setTruthy(d, 'detail', get(content, 'detail'));
  } else if (isStr(type, 'file_search')) {
    setDefined(d, 'file_search', get(content, 'file_search'));
  } else if (isStr(type, 'computer_use')) {
    setDefined(d, 'computer_use', get(content, 'computer_use'));
  } else if (isStr(type, 'function_call')) {
    setDefined(d, 'name', get(content, 'name'));
    setDefined(d, 'arguments', get(content, 'arguments'));
  } else if (isStr(type, 'function_result')) {
    setDefined(d, 'result', get(content, 'result'));
    setDefined(d, 'tool_call_id', get(content, 'tool_call_id'));
  } else if (isStr(type, 'conversation')) {
    setDefined(d, 'conversation', get(content, 'conversation'));
  }
  return d;
}

/** The `part` of response.content_part.done, or null when `content` is falsy (no `part` key then). */
export function partDone(content: JsonValue): JsonObject | null {
  if (!isTruthy(content)) return null;
  const d = new JsonObject();
  const type = get(content, 'type');
  setDefined(d, 'type', type);
  if (isStr(type, 'input_text') || isStr(type, 'output_text')) {
    d.set('text', changetype<JsonValue>(nullishOr(get(content, 'text'), jsonString(''))));
    if (isStr(type, 'output_text')) {
      d.set('annotations', changetype<JsonValue>(nullishOr(get(content, 'annotations'), jsonArray())));
      d.set('logprobs', changetype<JsonValue>(nullishOr(get(content, 'logprobs'), jsonArray())));
    }
  } else if (isStr(type, 'input_image')) {
    setDefined(d, 'image_url', get(content, 'image_url'));
    setTruthy(d, 'detail', get(content, 'detail'));
  } else if (isStr(type, 'function_call')) {
    setDefined(d, 'name', get(content, 'name'));
    setDefined(d, 'arguments', get(content, 'arguments'));
  } else if (isStr(type, 'function_result')) {
    setDefined(d, 'result', get(content, 'result'));
    setDefined(d, 'tool_call_id', get(content, 'tool_call_id'));
  } else if (isStr(type, 'conversation')) {
    setDefined(d, 'conversation', get(content, 'conversation'));
  }
  return d;
}
