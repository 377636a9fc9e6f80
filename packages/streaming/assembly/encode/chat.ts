// Chat JSON -> SSE as rcc-llmswitch-core 0.4.2 writes it (ChatJsonToSseConverter with its chat sequencer
// and event generators): for the first choice, a role chunk, the reasoning and the content each as one
// chunk, per tool call a start chunk and one arguments chunk, a finish chunk, `chat.done [DONE]`; a
// failure while generating (an invalid message, a tool call without `function`) is an `error` frame
// after what was written. Every chunk is named req_<ms> and stamped `created` (the host clock).
import { JsonArray, JsonObject, JsonValue, jsTrim, jsonArray, jsonNull, jsonNumber, jsonObject, jsonString, numberToJsString, stringify } from '@llms-wasm/module-kit/assembly';
import { isTruthy } from '@llms-wasm/module-kit/assembly';
import { setDefined } from '../js/ordered';
import { Val, get, isNullish, isObjectType, isString, readError, str } from '../js/values';
import { Frames } from './frames';

class Ctx {
  constructor(public model: Val, public now: f64) {}
}

function hasMeaningfulContent(content: Val): bool {
  if (isNullish(content)) return false;
  const c = changetype<JsonValue>(content);
  if (c.isString()) return jsTrim(str(c)).length > 0;
  if (c.isArray()) return changetype<JsonArray>(c).length > 0;
  if (c.isObject()) return changetype<JsonObject>(c).size > 0;
  return false;
}

function chunk(f: Frames, ctx: Ctx, delta: JsonObject, finish: JsonValue): void {
  const o = jsonObject();
  o.set('id', jsonString('req_' + numberToJsString(ctx.now)));
  o.set('object', jsonString('chat.completion.chunk'));
  o.set('created', jsonNumber(Math.floor(ctx.now / 1000)));
  setDefined(o, 'model', ctx.model);
  const choice = jsonObject();
  choice.set('index', jsonNumber(0));
  choice.set('delta', delta);
  choice.set('logprobs', jsonNull());
  choice.set('finish_reason', finish);
  o.set('choices', jsonArray([changetype<JsonValue>(choice)]));
  f.add('chat_chunk', o);
}

function one(key: string, v: JsonValue): JsonObject {
  const o = jsonObject();
  o.set(key, v);
  return o;
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** `call_` + 8 random base-36 characters (llms uses Math.random; the ruleset normalizes it). */
function randomCallId(): string {
  let s = 'call_';
  for (let i = 0; i < 8; i++) s += BASE36.charAt(<i32>Math.floor(Math.random() * 36));
  return s;
}

/** normalizeFunctionCall: a legacy function_call becomes one tool call. */
function normalizeFunctionCall(message: Val): void {
  if (!isTruthy(message) || !isObjectType(message)) return;
  const m = changetype<JsonValue>(message);
  const calls = get(m, 'tool_calls');
  if (lengthTruthy(calls) || !isTruthy(get(m, 'function_call'))) return;
  const fc = get(m, 'function_call');
  const name = get(fc, 'name');
  const args = get(fc, 'arguments');
  const id = get(fc, 'id');
  const fn = jsonObject();
  fn.set('name', isString(name) ? changetype<JsonValue>(name) : jsonString('function'));
  fn.set('arguments', isString(args) ? changetype<JsonValue>(args) : jsonString(stringify(isNullish(args) ? jsonObject() : changetype<JsonValue>(args))));
  const call = jsonObject();
  call.set('id', isString(id) ? changetype<JsonValue>(id) : jsonString(randomCallId()));
  call.set('type', jsonString('function'));
  call.set('function', fn);
  const o = m.asObject();
  if (o !== null) o.set('tool_calls', jsonArray([changetype<JsonValue>(call)]));
}

/** `x && x.length` is truthy (strings and arrays with elements). */
function lengthTruthy(v: Val): bool {
  if (!isTruthy(v)) return false;
  const x = changetype<JsonValue>(v);
  if (x.isString()) return str(x).length > 0;
  if (x.isArray()) return changetype<JsonArray>(x).length > 0;
  return false;
}

function errorFrame(f: Frames, message: string): void {
  const e = jsonObject();
  e.set('message', jsonString(message));
  e.set('type', jsonString('internal_error'));
  e.set('code', jsonString('generation_error'));
  f.add('error', one('error', e));
}

/** sequenceChatResponse; returns the message of a generation failure (written as an error frame). */
function sequence(response: JsonValue, ctx: Ctx, f: Frames): string | null {
  const choices = changetype<JsonArray>(get(response, 'choices'));
  if (choices.length == 0) return 'Invalid ChatCompletionResponse: missing choices';
  const choice = choices.items[0];
  let message = get(choice, 'message');
  if (!isTruthy(message) && isTruthy(choice) && isObjectType(choice) && isTruthy(get(choice, 'delta'))) {
    const d = changetype<JsonValue>(get(choice, 'delta'));
    const m = jsonObject();
    const role = get(d, 'role');
    m.set('role', isString(role) ? changetype<JsonValue>(role) : jsonString('assistant'));
    const content = get(d, 'content');
    m.set('content', content === null ? jsonNull() : changetype<JsonValue>(content));
    const tc = get(d, 'tool_calls');
    const hasCalls = tc !== null && tc.isArray();
    if (hasCalls) m.set('tool_calls', changetype<JsonValue>(tc));
    const co = choice.asObject();
    if (co !== null && !co.has('finish_reason')) co.set('finish_reason', jsonString(hasCalls ? 'tool_calls' : 'stop'));
    message = m;
  }
  normalizeFunctionCall(message);
  const role = get(message, 'role');
  const content = get(message, 'content');
  const calls = get(message, 'tool_calls');
  const hasCalls = calls !== null && calls.isArray() && changetype<JsonArray>(calls).length > 0;
  if (!isTruthy(message) || !isString(role) || (!hasMeaningfulContent(content) && !hasCalls)) {
    return 'Invalid message sequence for role: ' + (isTruthy(message) && isString(role) ? str(role) : 'unknown');
  }
  chunk(f, ctx, one('role', changetype<JsonValue>(role)), jsonNull());
  const reasoning = get(message, 'reasoning');
  if (isTruthy(reasoning)) chunk(f, ctx, one('reasoning', changetype<JsonValue>(reasoning)), jsonNull());
  if (hasMeaningfulContent(content) && isTruthy(content)) chunk(f, ctx, one('content', changetype<JsonValue>(content)), jsonNull());
  if (lengthTruthy(calls)) {
    const list = changetype<JsonValue>(calls);
    const n = list.isArray() ? changetype<JsonArray>(list).length : str(list).length;
    for (let i = 0; i < n; i++) {
      const call: Val = list.isArray() ? changetype<JsonArray>(list).items[i] : jsonString(str(list).charAt(i));
      if (isNullish(call)) return readError(call, 'id');
      const fn = get(call, 'function');
      if (isNullish(fn)) return readError(fn, 'name');
      const start = jsonObject();
      start.set('index', jsonNumber(i));
      setDefined(start, 'id', get(call, 'id'));
      const type = get(call, 'type');
      start.set('type', isTruthy(type) ? changetype<JsonValue>(type) : jsonString('function'));
      const sf = jsonObject();
      setDefined(sf, 'name', get(fn, 'name'));
      start.set('function', sf);
      chunk(f, ctx, one('tool_calls', jsonArray([changetype<JsonValue>(start)])), jsonNull());
      const args = get(fn, 'arguments');
      if (isTruthy(args)) {
        const ac = jsonObject();
        ac.set('index', jsonNumber(i));
        ac.set('function', one('arguments', changetype<JsonValue>(args)));
        chunk(f, ctx, one('tool_calls', jsonArray([changetype<JsonValue>(ac)])), jsonNull());
      }
    }
  }
  const fr = get(choice, 'finish_reason');
  chunk(f, ctx, jsonObject(), isTruthy(fr) ? changetype<JsonValue>(fr) : jsonString(isTruthy(calls) ? 'tool_calls' : 'stop'));
  f.list.push('event: chat.done\ndata: [DONE]\n\n');
  return null;
}

/** The frames, or the refusal message (the converter destroys its stream before writing anything). */
export function encodeChat(response: JsonValue, now: f64, f: Frames): string | null {
  const choices = get(response, 'choices');
  if (!isTruthy(response) || !isObjectType(response) || choices === null || !choices.isArray() || !isTruthy(get(response, 'model'))) {
    return 'STREAM_ERROR: RESPONSE_CONVERSION_ERROR: Invalid ChatCompletionResponse format';
  }
  const err = sequence(response, new Ctx(get(response, 'model'), now), f);
  if (err !== null) errorFrame(f, err);
  return null;
}
