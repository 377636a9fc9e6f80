// canonicalizeChatResponse, finalizeChatResponse, packShellArgs, harvestTextToolCalls.
import { JsonObject, JsonValue, jsonObject } from '@llms-wasm/module-kit/assembly';
import { okResult } from '@llms-wasm/module-kit/assembly/result';
import { canonicalizeChatResponseTools } from '../chat/canonicalize';
import { finalizeOpenAIChatResponse } from '../chat/finalize';
import { InputError, needObject, onlyKeys } from '../input';
import { packShellArgs } from '../shell/pack';
import { normalizeAssistantTextToToolCalls } from '../text/markup';

function payloadOf(input: JsonObject, errors: InputError): JsonValue | null {
  onlyKeys(input, ['payload'], '', errors);
  const payload = input.get('payload');
  if (payload === null) errors.fail('/payload', 'is required');
  return payload;
}

function wrap(key: string, value: JsonValue): usize {
  const out = jsonObject();
  out.set(key, value);
  return okResult(out);
}

export function canonicalizeChatResponseOp(input: JsonObject, errors: InputError): usize {
  const payload = payloadOf(input, errors);
  if (errors.failed || payload === null) return errors.record();
  return wrap('payload', canonicalizeChatResponseTools(payload));
}

export function finalizeChatResponseOp(input: JsonObject, errors: InputError): usize {
  const payload = payloadOf(input, errors);
  if (errors.failed || payload === null) return errors.record();
  return wrap('payload', finalizeOpenAIChatResponse(payload));
}

export function packShellArgsOp(input: JsonObject, errors: InputError): usize {
  onlyKeys(input, ['args'], '', errors);
  const args = needObject(input.get('args'), '/args', errors);
  if (errors.failed || args === null) return errors.record();
  return wrap('args', packShellArgs(args));
}

export function harvestTextToolCallsOp(input: JsonObject, errors: InputError): usize {
  onlyKeys(input, ['message'], '', errors);
  const message = needObject(input.get('message'), '/message', errors);
  if (errors.failed || message === null) return errors.record();
  return wrap('message', normalizeAssistantTextToToolCalls(message));
}
