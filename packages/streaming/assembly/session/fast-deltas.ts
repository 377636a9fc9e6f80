// The hot path of Responses streams: text and argument deltas (most of their events) read with the
// tape reader and written back with the JSON writer — no value objects for the payload — when their
// shape is the plain one (an object whose item_id / content_index are scalars and whose delta is a
// string). Anything else returns false and takes the general path, which gives the same output.
import { ByteSink, JsonKind, JsonReader, JsonValue, JsonWriter, jsonBool, jsonNull, jsonNumber, jsonString, writeJsonString } from '@llms-wasm/module-kit/assembly';
import { Decoder } from '../decode/decoder';
import { ResponsesDecoder } from '../decode/responses';
import { ParsedFrame } from '../frame/sse-frame';
import { Val } from '../js/values';
import { digestOne, keyPart } from './tokens';

const reader = new JsonReader();
const writer = new JsonWriter(new ByteSink(16));

/** Marks a member that is an object or array (not read on the fast path). */
class Scalar {
  constructor(public complex: bool, public value: Val) {}
}

function scalar(n: i32): Scalar {
  if (n < 0) return new Scalar(false, null);
  const k = reader.kind(n);
  if (k == JsonKind.String) return new Scalar(false, jsonString(reader.string(n)));
  if (k == JsonKind.Number) return new Scalar(false, jsonNumber(reader.number(n)));
  if (k == JsonKind.Bool) return new Scalar(false, jsonBool(reader.bool(n)));
  if (k == JsonKind.Null) return new Scalar(false, jsonNull());
  return new Scalar(true, null);
}

export class FastDeltas {
  /** Writes the event and feeds the decoder when `frame` is a plain delta; false otherwise (nothing written). */
  responsesDelta(frame: ParsedFrame, ordinal: i32, comma: bool, out: ByteSink, decoder: Decoder): bool {
    const text = frame.type == 'response.output_text.delta';
    if (!text && frame.type != 'response.function_call_arguments.delta') return false;
    if (!reader.parse(frame.dataPtr, frame.dataLen) || reader.kind(0) != JsonKind.Object) return false;
    const d = reader.get(0, 'delta');
    if (d < 0 || reader.kind(d) != JsonKind.String) return false;
    const item = scalar(reader.get(0, 'item_id'));
    if (item.complex) return false;
    let index = new Scalar(false, null);
    if (text) {
      index = scalar(reader.get(0, 'content_index'));
      if (index.complex) return false;
    }
    const delta = reader.string(d);
    if (comma) out.writeByte(0x2c);
    out.writeAscii('{"event_type":');
    writeJsonString(out, frame.type);
    out.writeAscii(',"ordinal_index":');
    out.writeAscii(ordinal.toString());
    out.writeAscii(',"normalized_payload":');
    writer.sink = out;
    writer.reset();
    writer.node(reader, 0);
    out.writeAscii(',"token_digest":');
    const stream = text ? 'text/' + keyPart(item.value) + '/' + keyPart(index.value) : 'arguments/' + keyPart(item.value);
    writeJsonString(out, digestOne(stream, delta));
    out.writeByte(0x7d);
    const r = changetype<ResponsesDecoder>(decoder);
    if (text) r.onTextDelta(item.value, index.value, jsonString(delta));
    else r.onArgumentsDelta(item.value, jsonString(delta));
    return true;
  }
}

export { JsonValue };
