// Anthropic JSON -> SSE as @jsonstudio/llms 0.6.3689 writes it (AnthropicJsonToSseConverter with
// createAnthropicSequencer): message_start, one block per text / thinking / tool_use / tool_result
// (text in 1024-unit slices, a thinking block's `text` dispatched to the reasoning channel, a tool's
// input as one input_json_delta), message_delta with stop_reason and usage, message_stop.
import { JsonArray, JsonObject, JsonValue, jsonArray, jsonNumber, jsonObject, jsonString, stringify } from '@llms-wasm/module-kit/assembly';
import { isTruthy } from '@llms-wasm/module-kit/assembly';
import { setDefined } from '../js/ordered';
import { Val, get, isNullish, isObjectType, isStr, isString, nullishOr, str, truthyOr } from '../js/values';
import { reasoningChannel } from '../decode/reasoning';
import { Frames } from './frames';

const CHUNK = 1024;

function event(type: string, body: JsonObject): JsonObject {
  const o = jsonObject();
  o.set('type', jsonString(type));
  const ks = body.keys();
  for (let i = 0; i < ks.length; i++) o.set(ks[i], changetype<JsonValue>(body.get(ks[i])));
  return o;
}

/** chunkText(input, 1024): slices of a string (or an array); anything without a length is one empty chunk. */
function chunks(input: Val): Array<JsonValue> {
  const out = new Array<JsonValue>();
  if (!isTruthy(input)) {
    if (input !== null) out.push(changetype<JsonValue>(input));
    return out;
  }
  const v = changetype<JsonValue>(input);
  if (v.isString()) {
    const s = str(v);
    for (let i = 0; i < s.length; i += CHUNK) out.push(jsonString(s.substring(i, i + CHUNK)));
  } else if (v.isArray()) {
    const a = changetype<JsonArray>(v);
    for (let i = 0; i < a.length; i += CHUNK) out.push(jsonArray(a.items.slice(i, i + CHUNK)));
  }
  if (out.length == 0) out.push(jsonString(''));
  return out;
}

function textBlock(f: Frames, index: i32, kind: string, deltaType: string, text: Val): void {
  const start = jsonObject();
  start.set('index', jsonNumber(index));
  const cb = jsonObject();
  cb.set('type', jsonString(kind));
  start.set('content_block', cb);
  f.add('content_block_start', event('content_block_start', start));
  const parts = chunks(text);
  for (let i = 0; i < parts.length; i++) {
    if (!isTruthy(parts[i])) continue;
    const d = jsonObject();
    d.set('index', jsonNumber(index));
    const delta = jsonObject();
    delta.set('type', jsonString(deltaType));
    delta.set('text', parts[i]);
    d.set('delta', delta);
    f.add('content_block_delta', event('content_block_delta', d));
  }
  const stop = jsonObject();
  stop.set('index', jsonNumber(index));
  f.add('content_block_stop', event('content_block_stop', stop));
}

/** The frames, or null with `message` set when the converter refuses the response. */
export function encodeAnthropic(response: JsonValue, requestId: string, f: Frames): string | null {
  if (!isTruthy(response) || !isObjectType(response)) return 'Invalid Anthropic response payload';
  const content = get(response, 'content');
  if (content === null || !content.isArray()) return 'Anthropic response content must be an array';
  const msg = jsonObject();
  msg.set('id', changetype<JsonValue>(truthyOr(get(response, 'id'), jsonString('msg_' + requestId))));
  msg.set('type', jsonString('message'));
  msg.set('role', changetype<JsonValue>(truthyOr(get(response, 'role'), jsonString('assistant'))));
  setDefined(msg, 'model', get(response, 'model'));
  const ms = jsonObject();
  ms.set('message', msg);
  f.add('message_start', event('message_start', ms));
  let index = 0;
  const blocks = changetype<JsonArray>(content);
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks.items[b];
    if (!isTruthy(block) || !isObjectType(block)) continue;
    const type = get(block, 'type');
    if (isStr(type, 'text')) {
      textBlock(f, index, 'text', 'text_delta', nullishOr(get(block, 'text'), jsonString('')));
      index++;
    } else if (isStr(type, 'thinking')) {
      const t = get(block, 'text');
      const channel = isString(t) ? reasoningChannel(str(t)) : null;
      if (channel !== null) {
        textBlock(f, index, 'thinking', 'thinking_delta', jsonString(channel));
        index++;
      }
    } else if (isStr(type, 'tool_use')) {
      const id = truthyOr(get(block, 'id'), jsonString('call_' + requestId + '_' + index.toString()));
      const start = jsonObject();
      start.set('index', jsonNumber(index));
      const cb = jsonObject();
      cb.set('type', jsonString('tool_use'));
      cb.set('id', changetype<JsonValue>(id));
      setDefined(cb, 'name', get(block, 'name'));
      setDefined(cb, 'input', get(block, 'input'));
      start.set('content_block', cb);
      f.add('content_block_start', event('content_block_start', start));
      const input = nullishOr(get(block, 'input'), jsonObject());
      const payload = isString(input) ? str(input) : stringify(changetype<JsonValue>(input));
      if (payload.length > 0) {
        const d = jsonObject();
        d.set('index', jsonNumber(index));
        const delta = jsonObject();
        delta.set('type', jsonString('input_json_delta'));
        delta.set('partial_json', jsonString(payload));
        d.set('delta', delta);
        f.add('content_block_delta', event('content_block_delta', d));
      }
      const stop = jsonObject();
      stop.set('index', jsonNumber(index));
      f.add('content_block_stop', event('content_block_stop', stop));
      index++;
    } else if (isStr(type, 'tool_result')) {
      const start = jsonObject();
      start.set('index', jsonNumber(index));
      const cb = jsonObject();
      cb.set('type', jsonString('tool_result'));
      setDefined(cb, 'tool_use_id', get(block, 'tool_use_id'));
      setDefined(cb, 'content', get(block, 'content'));
      setDefined(cb, 'is_error', get(block, 'is_error'));
      start.set('content_block', cb);
      f.add('content_block_start', event('content_block_start', start));
      const stop = jsonObject();
      stop.set('index', jsonNumber(index));
      f.add('content_block_stop', event('content_block_stop', stop));
      index++;
    }
  }
  const md = jsonObject();
  const delta = jsonObject();
  delta.set('stop_reason', changetype<JsonValue>(nullishOr(get(response, 'stop_reason'), jsonString('end_turn'))));
  setDefined(delta, 'usage', get(response, 'usage'));
  md.set('delta', delta);
  f.add('message_delta', event('message_delta', md));
  f.add('message_stop', event('message_stop', jsonObject()));
  return null;
}

export { isNullish };
