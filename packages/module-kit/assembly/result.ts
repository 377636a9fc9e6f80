// Result records built from JSON values (the ABI of abi.ts, with the JSON library of json/).
import { STATUS_ERROR, STATUS_OK, resultFromBytes } from './abi';
import { JsonValue, jsonString } from './json/value';
import { jsonObject } from './json/value';
import { stringifyUtf8 } from './json/stringify';
import { ByteSink } from './sink';

const out = new ByteSink(4096);

/** An ok record holding JSON.stringify(value). */
export function okResult(value: JsonValue): usize {
  stringifyUtf8(value, out);
  return resultFromBytes(STATUS_OK, out.ptr, out.length);
}

/** An error record `{ code, message, path? }` (path is a JSON pointer; empty means absent). */
export function errorResult(code: string, message: string, path: string = ''): usize {
  const err = jsonObject();
  err.set('code', jsonString(code));
  err.set('message', jsonString(message));
  if (path.length > 0) err.set('path', jsonString(path));
  stringifyUtf8(err, out);
  return resultFromBytes(STATUS_ERROR, out.ptr, out.length);
}
