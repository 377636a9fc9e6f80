// normalizeCallId and validateToolCall.
import { JsonKind, JsonValue, jsonString } from '@llms-wasm/module-kit/assembly';
import { okBegin, okEnd, okResult } from '@llms-wasm/module-kit/assembly/result';
import { normalizeFunctionCallId } from '../ids/call-id';
import { InputError, nodeValue, onlyRootKeys, reader, rootString } from '../input';
import { validateToolCall } from '../registry/validate';

const CALL_ID_KEYS: StaticArray<string> = ['callId', 'fallback', 'kind'];
const VALIDATE_KEYS: StaticArray<string> = ['name', 'arguments'];

function member(key: string): JsonValue | null {
  const n = reader.get(0, key);
  if (n < 0) return null;
  return reader.kind(n) == JsonKind.String ? jsonString(reader.string(n)) : nodeValue(n);
}

export function normalizeCallIdOp(errors: InputError): usize {
  onlyRootKeys(CALL_ID_KEYS, errors);
  const kind = reader.get(0, 'kind');
  if (kind >= 0 && !(reader.stringIs(kind, 'call') || reader.stringIs(kind, 'output'))) errors.fail('/kind', 'must be "call" or "output"');
  if (errors.failed) return errors.record();
  // Both llms names are the same function.
  const id = normalizeFunctionCallId(member('callId'), member('fallback'));
  const w = okBegin();
  w.beginObject().key('id').string(id).endObject();
  return okEnd();
}

export function validateToolCallOp(errors: InputError): usize {
  onlyRootKeys(VALIDATE_KEYS, errors);
  const name = rootString('name', errors);
  const args = rootString('arguments', errors);
  if (errors.failed || name === null || args === null) return errors.record();
  return okResult(validateToolCall(name, args));
}
