// normalizeCallId and validateToolCall.
import { JsonObject, jsonObject, jsonString } from '@llms-wasm/module-kit/assembly';
import { okResult } from '@llms-wasm/module-kit/assembly/result';
import { normalizeFunctionCallId } from '../ids/call-id';
import { InputError, needString, onlyKeys } from '../input';
import { validateToolCall } from '../registry/validate';

export function normalizeCallIdOp(input: JsonObject, errors: InputError): usize {
  onlyKeys(input, ['callId', 'fallback', 'kind'], '', errors);
  const kind = input.get('kind');
  if (kind !== null) {
    const k = kind.asString();
    if (k === null || (k != 'call' && k != 'output')) errors.fail('/kind', 'must be "call" or "output"');
  }
  if (errors.failed) return errors.record();
  // Both llms names are the same function.
  const out = jsonObject();
  out.set('id', jsonString(normalizeFunctionCallId(input.get('callId'), input.get('fallback'))));
  return okResult(out);
}

export function validateToolCallOp(input: JsonObject, errors: InputError): usize {
  onlyKeys(input, ['name', 'arguments'], '', errors);
  const name = needString(input.get('name'), '/name', errors);
  const args = needString(input.get('arguments'), '/arguments', errors);
  if (errors.failed) return errors.record();
  return okResult(validateToolCall(name, args));
}
