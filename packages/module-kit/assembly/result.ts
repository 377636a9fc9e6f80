// Result records written with the JSON writer (the ABI of abi.ts, the writer of json/writer.ts).
import { STATUS_ERROR, STATUS_OK, beginRecord, endRecord, output } from './abi';
import { JsonValue } from './json/value';
import { JsonWriter } from './json/writer';
import { JsonReader } from './json/reader';

const writer = new JsonWriter(output);

/**
 * Starts an ok record and returns the writer to put the output value in; finish with `okEnd()`.
 * @example const w = okBegin(); w.beginObject().key('tokens').integer(n).endObject(); return okEnd();
 */
export function okBegin(): JsonWriter {
  beginRecord();
  writer.reset();
  return writer;
}

/** Finishes the ok record begun by `okBegin` and returns its address. */
export function okEnd(): usize {
  return endRecord(STATUS_OK);
}

/** An ok record holding JSON.stringify(value). */
export function okResult(value: JsonValue): usize {
  okBegin().value(value);
  return okEnd();
}

/** An ok record holding node `n` of `reader` (a passthrough output). */
export function okNode(reader: JsonReader, n: i32): usize {
  okBegin().node(reader, n);
  return okEnd();
}

/** An error record `{ code, message, path? }` (path is a JSON pointer; empty means absent). */
export function errorResult(code: string, message: string, path: string = ''): usize {
  beginRecord();
  writer.reset();
  writer.beginObject().key('code').string(code).key('message').string(message);
  if (path.length > 0) writer.key('path').string(path);
  writer.endObject();
  return endRecord(STATUS_ERROR);
}

/** The error record for input that is not JSON (as a JsonReader found it). */
export function badJsonResult(reader: JsonReader): usize {
  return errorResult('BAD_JSON', reader.error + ' (at byte ' + reader.errorAt.toString() + ')');
}
