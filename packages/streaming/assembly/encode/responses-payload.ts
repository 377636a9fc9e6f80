// The `response` object of Responses start/completed events as rcc-llmswitch-core 0.4.2's
// createResponsePayload builds it: a fixed key order, undefined members dropped, `status` overridden,
// usage normalized to input/output/total tokens.
import { JsonObject, JsonValue, isTruthy, jsonArray, jsonBool, jsonNull, jsonNumber, jsonString } from '@llms-wasm/module-kit/assembly';
import { setDefined } from '../js/ordered';
import { Val, get, isObjectType, nullishOr } from '../js/values';
import { jsNumber } from '../js/to-number';

const PASSED_THROUGH = ['temperature', 'top_p', 'max_output_tokens', 'metadata', 'user', 'store', 'truncation', 'include', 'parallel_tool_calls', 'previous_response_id'];

/** normalizeUsage: Number() of input/prompt, output/completion and total tokens, non-finite as 0 (total: input + output). */
function normalizeUsage(usage: Val): JsonObject {
  const o = new JsonObject();
  if (!isTruthy(usage) || !isObjectType(usage)) {
    o.set('input_tokens', jsonNumber(0));
    o.set('output_tokens', jsonNumber(0));
    o.set('total_tokens', jsonNumber(0));
    return o;
  }
  const inputRaw = jsNumber(nullishOr(get(usage, 'input_tokens'), get(usage, 'prompt_tokens')));
  const outputRaw = jsNumber(nullishOr(get(usage, 'output_tokens'), get(usage, 'completion_tokens')));
  const input = isFinite(inputRaw) ? inputRaw : 0;
  const output = isFinite(outputRaw) ? outputRaw : 0;
  const totalRaw = jsNumber(get(usage, 'total_tokens'));
  o.set('input_tokens', jsonNumber(input));
  o.set('output_tokens', jsonNumber(output));
  o.set('total_tokens', jsonNumber(isFinite(totalRaw) ? totalRaw : input + output));
  return o;
}

/** createResponsePayload(response, { status }) for a response the converter validated (an object). */
export function responsePayload(response: JsonObject, status: JsonValue, nowMs: f64): JsonObject {
  const p = new JsonObject();
  setDefined(p, 'id', response.get('id'));
  p.set('object', changetype<JsonValue>(nullishOr(response.get('object'), jsonString('response'))));
  p.set('created_at', changetype<JsonValue>(nullishOr(response.get('created_at'), jsonNumber(Math.floor(nowMs / 1000)))));
  p.set('status', status);
  setDefined(p, 'model', response.get('model'));
  p.set('output', changetype<JsonValue>(nullishOr(response.get('output'), jsonArray())));
  p.set('usage', normalizeUsage(response.get('usage')));
  for (let i = 0; i < PASSED_THROUGH.length; i++) setDefined(p, PASSED_THROUGH[i], response.get(PASSED_THROUGH[i]));
  p.set('background', changetype<JsonValue>(nullishOr(response.get('background'), jsonBool(false))));
  const error = response.get('error');
  p.set('error', error !== null ? error : jsonNull());
  const incomplete = response.get('incomplete_details');
  p.set('incomplete_details', incomplete !== null ? incomplete : jsonNull());
  setDefined(p, 'instructions', response.get('instructions'));
  return p;
}
