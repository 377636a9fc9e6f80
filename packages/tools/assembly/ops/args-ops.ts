// The argument operations: repairArguments, parseLenient, parseToolArgs.
import { JsonKind, JsonObject, JsonValue, jsonBool, jsonObject, jsonString } from '@llms-wasm/module-kit/assembly';
import { errorResult, okBegin, okEnd, okResult } from '@llms-wasm/module-kit/assembly/result';
import { parseToolArgsJson } from '../args/args-json';
import { parseLenient } from '../args/lenient';
import { repairArgumentsToString } from '../args/repair';
import { InputError, nodeValue, onlyKeys, onlyRootKeys, reader, rootString } from '../input';
import { firstNonFinite } from './result-check';
import { RESULT_NOT_JSON } from '../generated/errors';

const REPAIR_KEYS: StaticArray<string> = ['arguments'];
const PARSE_TOOL_ARGS_KEYS: StaticArray<string> = ['text'];

/** Reads its input from the tape: a string argument is never turned into a value tree. */
export function repairArgumentsOp(errors: InputError): usize {
  onlyRootKeys(REPAIR_KEYS, errors);
  if (errors.failed) return errors.record();
  const n = reader.get(0, 'arguments');
  const raw: JsonValue | null = n < 0 ? null : reader.kind(n) == JsonKind.String ? jsonString(reader.string(n)) : nodeValue(n);
  const args = repairArgumentsToString(raw);
  const same = raw !== null && raw.kind == JsonKind.String && changetype<string>(raw.asString()) == args;
  okBegin().beginObject().key('arguments').string(args).key('repaired').bool(!same).endObject();
  return okEnd();
}

function valueResult(operation: string, value: JsonValue): usize {
  const bad = firstNonFinite(value, '/value');
  if (bad !== null) return errorResult(RESULT_NOT_JSON, 'tools.' + operation + ': llms returned a number JSON cannot carry at ' + bad, bad);
  const out = jsonObject();
  out.set('value', value);
  return okResult(out);
}

export function parseLenientOp(input: JsonObject, errors: InputError): usize {
  onlyKeys(input, ['value'], '', errors);
  if (errors.failed) return errors.record();
  return valueResult('parseLenient', parseLenient(input.get('value')));
}

export function parseToolArgsOp(errors: InputError): usize {
  onlyRootKeys(PARSE_TOOL_ARGS_KEYS, errors);
  const text = rootString('text', errors);
  if (errors.failed || text === null) return errors.record();
  return valueResult('parseToolArgs', parseToolArgsJson(text));
}
