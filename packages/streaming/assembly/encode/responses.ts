// Responses JSON -> SSE as rcc-llmswitch-core 0.4.2 writes it (ResponsesJsonToSseConverter with its
// Responses sequencer and event generators, validation on, recovery off): response.created and
// response.in_progress, each output item's events (message parts with their text deltas, function-call
// argument deltas, reasoning), response.required_action when set, response.completed, response.done.
// A failure while generating (too many items or parts, an unknown item type, V8's TypeError on a
// missing member) ends the stream with an `error` event; a response the converter refuses is
// ENCODE_FAILED before any frame.
import { JsonArray, JsonObject, JsonValue, isTruthy, jsonArray, jsonNumber, jsonObject, jsonString } from '@llms-wasm/module-kit/assembly';
import { setDefined } from '../js/ordered';
import { Val, get, isNullish, isStr, jsToString, nullishOr, readError } from '../js/values';
import { lessThan } from '../js/to-number';
import { Frames } from './frames';
import { chunkText } from './text-chunks';
import { itemDone, itemStart, partDone, partStart } from './responses-items';
import { responsePayload } from './responses-payload';
import { ResponsesWriter } from './responses-writer';

const MAX_OUTPUT_ITEMS: i32 = 50;
const MAX_CONTENT_PARTS: i32 = 100;

/** The converter's refusal (before any frame), or null. */
function refusal(response: JsonValue): string | null {
  if (isNullish(response)) return readError(response, 'model'); // createResponseContext reads response.model
  if (!isTruthy(get(response, 'id')) || !isTruthy(get(response, 'model')) || !isTruthy(get(response, 'object'))) return 'Invalid ResponsesResponse: missing required fields';
  if (!isStr(get(response, 'object'), 'response')) return 'Invalid ResponsesResponse: object must be "response"';
  const output = get(response, 'output');
  if (output === null || !output.isArray()) return 'Invalid ResponsesResponse: output must be an array';
  return null;
}

class Item {
  constructor(public w: ResponsesWriter, public item: JsonValue, public index: i32) {}

  /** The generator's data object, starting with output_index. */
  data(): JsonObject {
    const d = jsonObject();
    d.set('output_index', jsonNumber(<f64>this.index));
    return d;
  }
}

function withKey(d: JsonObject, key: string, v: Val): JsonObject {
  setDefined(d, key, v);
  return d;
}

function startItem(it: Item): void {
  it.w.event('response.output_item.added', withKey(it.data(), 'item', itemStart(it.item)));
}

function endItem(it: Item): void {
  it.w.event('response.output_item.done', withKey(it.data(), 'item', itemDone(it.item)));
}

function message(it: Item): string | null {
  startItem(it);
  const content = get(it.item, 'content');
  if (isNullish(content)) return readError(content, 'length');
  const id = get(it.item, 'id');
  for (let i = 0; lessThan(<f64>i, get(content, 'length')); i++) {
    if (i >= MAX_CONTENT_PARTS) return 'Too many content parts: ' + i.toString() + ' >= ' + MAX_CONTENT_PARTS.toString();
    const part = get(content, i.toString());
    if (isNullish(part)) return readError(part, 'type');
    const p = changetype<JsonValue>(part);
    const added = withKey(withKey(it.data(), 'item_id', id), 'content_index', jsonNumber(<f64>i));
    added.set('part', partStart(p));
    it.w.event('response.content_part.added', added);
    const type = get(p, 'type');
    const text = get(p, 'text');
    if ((isStr(type, 'input_text') || isStr(type, 'output_text')) && isTruthy(text)) {
      const chunks = chunkText(changetype<JsonValue>(text));
      for (let c = 0; c < chunks.length; c++) {
        const d = withKey(withKey(it.data(), 'item_id', id), 'content_index', jsonNumber(<f64>i));
        d.set('delta', chunks[c]);
        d.set('logprobs', jsonArray());
        it.w.event('response.output_text.delta', d);
      }
      if (isStr(type, 'output_text')) {
        const d = withKey(withKey(it.data(), 'item_id', id), 'content_index', jsonNumber(<f64>i));
        setDefined(d, 'text', text);
        d.set('logprobs', jsonArray());
        it.w.event('response.output_text.done', d);
      }
    }
    const done = withKey(withKey(it.data(), 'item_id', id), 'content_index', jsonNumber(<f64>i));
    const pd = partDone(p);
    if (pd !== null) done.set('part', pd);
    it.w.event('response.content_part.done', done);
  }
  endItem(it);
  return null;
}

function functionCall(it: Item): string | null {
  startItem(it);
  const args = get(it.item, 'arguments');
  const id = get(it.item, 'id');
  const callId = get(it.item, 'call_id');
  if (isTruthy(args)) {
    const chunks = chunkText(changetype<JsonValue>(args));
    for (let c = 0; c < chunks.length; c++) {
      const d = withKey(withKey(it.data(), 'item_id', id), 'call_id', callId);
      d.set('delta', chunks[c]);
      it.w.event('response.function_call_arguments.delta', d);
    }
  }
  const d = withKey(withKey(withKey(withKey(it.data(), 'item_id', id), 'call_id', callId), 'name', get(it.item, 'name')), 'arguments', args);
  it.w.event('response.function_call_arguments.done', d);
  endItem(it);
  return null;
}

function reasoning(it: Item): string | null {
  startItem(it);
  const id = get(it.item, 'id');
  const start = withKey(jsonObject(), 'item_id', id);
  setDefined(start, 'summary', get(it.item, 'summary'));
  it.w.event('reasoning.start', start);
  const content = get(it.item, 'content');
  // for (const content of reasoning.content): arrays by element, strings by code point (whose `type` is undefined).
  if (content === null || !(content.isArray() || content.isString())) return 'reasoning.content is not iterable';
  if (content.isArray()) {
    const list = changetype<JsonArray>(content);
    for (let i = 0; i < list.length; i++) {
      const c = list.items[i];
      if (isNullish(c)) return readError(c, 'type');
      const type = get(c, 'type');
      if (isStr(type, 'reasoning_text')) {
        const text = get(c, 'text');
        if (!isTruthy(text)) continue;
        it.w.event('response.reasoning_text.delta', withKey(withKey(it.data(), 'item_id', id), 'delta', text));
      } else if (isStr(type, 'reasoning_signature')) {
        it.w.event('response.reasoning_signature.delta', withKey(withKey(it.data(), 'item_id', id), 'signature', get(c, 'signature')));
      } else if (isStr(type, 'reasoning_image')) {
        it.w.event('response.reasoning_image.delta', withKey(withKey(it.data(), 'item_id', id), 'image_url', get(c, 'image_url')));
      }
    }
  }
  it.w.event('reasoning.done', withKey(jsonObject(), 'item_id', id));
  endItem(it);
  return null;
}

function sequenceItem(it: Item): string | null {
  if (isNullish(it.item)) return readError(it.item, 'type');
  const type = get(it.item, 'type');
  if (isStr(type, 'message')) return message(it);
  if (isStr(type, 'function_call')) return functionCall(it);
  if (isStr(type, 'function_call_output')) {
    startItem(it);
    endItem(it);
    return null;
  }
  if (isStr(type, 'reasoning')) return reasoning(it);
  return 'Unknown output item type: ' + jsToString(type);
}

function errorEvent(w: ResponsesWriter, message: string): void {
  const e = jsonObject();
  e.set('message', jsonString(message));
  e.set('type', jsonString('internal_error'));
  e.set('code', jsonString('generation_error'));
  w.event('error', withKey(jsonObject(), 'error', e));
}

function sequence(r: JsonObject, w: ResponsesWriter, nowMs: f64): string | null {
  const output = changetype<JsonArray>(r.get('output'));
  if (output.length > MAX_OUTPUT_ITEMS) return 'Too many output items: ' + output.length.toString() + ' > ' + MAX_OUTPUT_ITEMS.toString();
  w.event('response.created', withKey(jsonObject(), 'response', responsePayload(r, jsonString('in_progress'), nowMs)));
  w.event('response.in_progress', withKey(jsonObject(), 'response', responsePayload(r, jsonString('in_progress'), nowMs)));
  for (let i = 0; i < output.length; i++) {
    const failed = sequenceItem(new Item(w, output.items[i], i));
    if (failed !== null) return failed;
  }
  const action = r.get('required_action');
  if (isTruthy(action)) {
    const d = withKey(jsonObject(), 'response', responsePayload(r, changetype<JsonValue>(nullishOr(r.get('status'), jsonString('requires_action'))), nowMs));
    setDefined(d, 'required_action', action);
    w.event('response.required_action', d);
  }
  w.event('response.completed', withKey(jsonObject(), 'response', responsePayload(r, changetype<JsonValue>(nullishOr(r.get('status'), jsonString('completed'))), nowMs)));
  w.done();
  return null;
}

/** Encodes a Responses response into `f`; returns the converter's refusal (ENCODE_FAILED) or null. */
export function encodeResponses(response: JsonValue, nowMs: f64, f: Frames): string | null {
  const refused = refusal(response);
  if (refused !== null) return isNullish(response) ? refused : 'STREAM_ERROR: RESPONSE_CONVERSION_ERROR: ' + refused;
  const w = new ResponsesWriter(f);
  const failed = sequence(changetype<JsonObject>(response), w, nowMs);
  if (failed !== null) errorEvent(w, failed);
  return null;
}
