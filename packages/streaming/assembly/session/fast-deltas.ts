// The hot path of Responses streams: text and argument deltas (most of their events) read with the
// tape reader and written back with the JSON writer — no value objects for the payload — when their
// shape is the plain one (an object whose item_id / content_index are scalars and whose delta is a
// string). Anything else returns false and takes the general path, which gives the same output.
import { ByteSink, F_ESCAPED, JsonKind, JsonReader, JsonValue, JsonWriter, jsonBool, jsonNull, jsonNumber, jsonObject, jsonString, writeJsonString } from '@llms-wasm/module-kit/assembly';
import { Decoder } from '../decode/decoder';
import { ResponsesDecoder } from '../decode/responses';
import { argumentsDeltaBytes, emptyTextDelta, textDeltaBytes } from '../decode/responses-fast';
import { ParsedFrame } from '../frame/sse-frame';
import { Val, mapKey } from '../js/values';
import { digestOne, keyPart } from './tokens';
import { writeByteDigest, writeUint } from './byte-digest';
import { materialize, materializeKeys } from './materialize';

/** The event types rcc-llmswitch-core 0.4.2's Responses builder acts on (every other one only resets its state). */
const HANDLED = new Set<string>();
const HANDLED_LIST: Array<string> = [
  'response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added', 'response.output_text.delta',
  'response.output_text.done', 'response.function_call_arguments.delta', 'response.function_call_arguments.done', 'response.reasoning_text.delta',
  'response.reasoning_signature.delta', 'response.reasoning_image.delta', 'response.reasoning_text.done', 'response.completed', 'response.start',
  'output_item.start', 'content_part.start', 'content_part.delta', 'content_part.done', 'function_call.start', 'function_call.delta',
  'function_call.done', 'reasoning.start', 'reasoning.delta', 'reasoning.done', 'output_item.done', 'response.done', 'response.content_part.done',
];
for (let i = 0; i < HANDLED_LIST.length; i++) HANDLED.add(HANDLED_LIST[i]);

/** The members of response.created's response that handleResponseStart reads. */
const START_KEYS: Array<string> = ['id', 'created_at', 'status', 'model', 'user', 'temperature', 'top_p', 'max_output_tokens', 'metadata'];
const COMPLETED_KEYS: Array<string> = ['usage', 'status'];
/** response.in_progress: the builder reads only its status. */
const IN_PROGRESS_KEYS: Array<string> = ['status'];

// The event type last written, as the JSON string bytes writeJsonString writes for it.
let lastType: string = '';
const lastTypeJson = new ByteSink(64);

/** writeJsonString(out, type), from the bytes of the last type written when it is the same string. */
function writeType(out: ByteSink, type: string): void {
  if (type != lastType) {
    lastType = type;
    lastTypeJson.reset();
    writeJsonString(lastTypeJson, type);
  }
  out.writeBytes(lastTypeJson.ptr, lastTypeJson.length);
}

/** The token stream prefix of a Responses event that carries one (as src/internal/tokens.ts names them), or null. */
function tokenStream(type: string): string | null {
  if (type == 'response.output_text.delta') return 'text/';
  if (type == 'response.function_call_arguments.delta') return 'arguments/';
  if (type == 'response.reasoning_text.delta') return 'reasoning/';
  if (type == 'response.reasoning_summary_text.delta') return 'summary/';
  return null;
}

/** The member holding the second key part of the stream (none for arguments). */
function indexKey(type: string): string | null {
  if (type == 'response.function_call_arguments.delta') return null;
  return type == 'response.reasoning_summary_text.delta' ? 'summary_index' : 'content_index';
}

const reader = new JsonReader();
const writer = new JsonWriter(new ByteSink(16));

/** Marks a member that is an object or array (not read on the fast path). */
class Scalar {
  constructor(public complex: bool, public value: Val) {}
}

/** A scalar member's value for a stream key (objects and arrays print as nothing, as keyPart does). */
function scalarOrNull(n: i32): Val {
  if (n < 0) return null;
  const k = reader.kind(n);
  if (k == JsonKind.String) return jsonString(reader.string(n));
  if (k == JsonKind.Number) return jsonNumber(reader.number(n));
  return null;
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

// The last item id and content_index read (consecutive deltas repeat them): their bytes and values,
// shared by every session (a value depends only on the bytes; the buffers are raw memory, kept for
// the module's lifetime like the other scratch sinks).
const itemBytes = new ByteSink(64);
let itemValue: Val = null;
let itemKey: string = 'u';
let itemCached: bool = false;
const indexBytes = new ByteSink(16);
let indexValue: Val = null;
let indexCached: bool = false;

export class FastDeltas {
  /**
   * Any other Responses event: the payload written back from the tape, the decoder given only what the
   * 0.4.2 builder reads of it (nothing for the events it ignores, the read members of response.created
   * and response.completed, the whole value otherwise). False when the data is not one JSON text.
   */
  responsesEvent(frame: ParsedFrame, ordinal: i32, comma: bool, out: ByteSink, decoder: Decoder): bool {
    if (!reader.parse(frame.dataPtr, frame.dataLen)) return false;
    const type = frame.type;
    if (comma) out.writeByte(0x2c);
    out.writeAscii('{"event_type":');
    writeType(out, type);
    out.writeAscii(',"ordinal_index":');
    writeUint(out, ordinal);
    out.writeAscii(',"normalized_payload":');
    writer.sink = out;
    writer.reset();
    writer.node(reader, 0);
    out.writeAscii(',"token_digest":');
    const isObject = reader.kind(0) == JsonKind.Object;
    const prefix = tokenStream(type);
    const d = isObject && prefix !== null ? reader.get(0, 'delta') : -1;
    if (d >= 0 && reader.kind(d) == JsonKind.String) {
      const itemNode = reader.get(0, 'item_id');
      const ik = indexKey(type);
      const indexNode = ik === null ? -2 : reader.get(0, ik);
      if (!writeByteDigest(out, reader, changetype<string>(prefix), itemNode, indexNode, d)) {
        const item = keyPart(scalarOrNull(itemNode));
        const stream = ik === null ? changetype<string>(prefix) + item : changetype<string>(prefix) + item + '/' + keyPart(scalarOrNull(indexNode));
        writeJsonString(out, digestOne(stream, reader.string(d)));
      }
    } else out.writeAscii('null');
    out.writeByte(0x7d);
    let data: JsonValue;
    if (!HANDLED.has(type)) data = jsonNull();
    else if (type == 'response.completed' && isObject) data = materializeKeys(reader, 0, COMPLETED_KEYS);
    else if (type == 'response.in_progress' && isObject) data = materializeKeys(reader, 0, IN_PROGRESS_KEYS);
    else if (type == 'response.created' && isObject) {
      const resp = reader.get(0, 'response');
      if (resp >= 0 && reader.kind(resp) == JsonKind.Object) {
        const wrap = jsonObject();
        wrap.set('response', materializeKeys(reader, resp, START_KEYS));
        data = wrap;
      } else if (resp >= 0 && reader.kind(resp) != JsonKind.Null) {
        data = materialize(reader, 0);
      } else data = materializeKeys(reader, 0, START_KEYS);
    } else data = materialize(reader, 0);
    decoder.onEvent(type, data);
    return true;
  }

  /** Writes the event and feeds the decoder when `frame` is a plain delta; false otherwise (nothing written). */
  responsesDelta(frame: ParsedFrame, ordinal: i32, comma: bool, out: ByteSink, decoder: Decoder): bool {
    const text = frame.type == 'response.output_text.delta';
    if (!text && frame.type != 'response.function_call_arguments.delta') return false;
    if (!reader.parse(frame.dataPtr, frame.dataLen) || reader.kind(0) != JsonKind.Object) return false;
    const d = reader.get(0, 'delta');
    if (d < 0 || reader.kind(d) != JsonKind.String) return false;
    const itemNode = reader.get(0, 'item_id');
    if (itemNode >= 0 && reader.isContainer(itemNode)) return false;
    const indexNode = text ? reader.get(0, 'content_index') : -2;
    if (indexNode >= 0 && reader.isContainer(indexNode)) return false;
    if (comma) out.writeByte(0x2c);
    out.writeAscii('{"event_type":');
    writeType(out, frame.type);
    out.writeAscii(',"ordinal_index":');
    writeUint(out, ordinal);
    out.writeAscii(',"normalized_payload":');
    writer.sink = out;
    writer.reset();
    writer.node(reader, 0);
    out.writeAscii(',"token_digest":');
    if (!writeByteDigest(out, reader, text ? 'text/' : 'arguments/', itemNode, indexNode, d)) {
      const item = this.item(itemNode);
      const stream = text ? 'text/' + keyPart(item) + '/' + keyPart(this.index(indexNode)) : 'arguments/' + keyPart(item);
      writeJsonString(out, digestOne(stream, reader.string(d)));
    }
    out.writeByte(0x7d);
    const r = changetype<ResponsesDecoder>(decoder);
    const item = this.item(itemNode);
    const dlen = <i32>reader.byteLength(d);
    const dp = reader.base + <usize>reader.start(d);
    const escaped = (reader.flags(d) & F_ESCAPED) != 0;
    if (text && dlen > 0) textDeltaBytes(r, item, itemKey, this.index(indexNode), dp, dlen, escaped);
    else if (text) emptyTextDelta(r, item, itemKey, this.index(indexNode));
    else argumentsDeltaBytes(r, item, itemKey, dp, dlen, escaped);
    return true;
  }

  /** The scalar value of content_index node `n` (-1: undefined; -2: none), reused while the same number text repeats. */
  private index(n: i32): Val {
    if (n < 0) return null;
    const k = reader.kind(n);
    if (k != JsonKind.Number) return k == JsonKind.Bool ? jsonBool(reader.bool(n)) : k == JsonKind.Null ? jsonNull() : scalarOrNull(n);
    const p = reader.base + <usize>reader.start(n);
    const len = <i32>reader.byteLength(n);
    if (indexCached && len == indexBytes.length && memory.compare(p, indexBytes.ptr, <usize>len) == 0) return indexValue;
    indexBytes.reset();
    indexBytes.writeBytes(p, len);
    indexValue = jsonNumber(reader.number(n));
    indexCached = true;
    return indexValue;
  }

  /** The scalar value of item_id node `n` (-1: undefined), reused while the same unescaped string repeats; sets `itemKey`. */
  private item(n: i32): Val {
    const plain = n >= 0 && reader.kind(n) == JsonKind.String && (reader.flags(n) & F_ESCAPED) == 0;
    if (plain) {
      const p = reader.base + <usize>reader.start(n);
      const len = <i32>reader.byteLength(n);
      if (itemCached && len == itemBytes.length && memory.compare(p, itemBytes.ptr, <usize>len) == 0) return itemValue;
      itemBytes.reset();
      itemBytes.writeBytes(p, len);
    }
    const v = scalarOrNull(n);
    itemValue = n >= 0 && reader.kind(n) == JsonKind.Bool ? jsonBool(reader.bool(n)) : n >= 0 && reader.kind(n) == JsonKind.Null ? jsonNull() : v;
    itemKey = mapKey(itemValue);
    itemCached = plain;
    return itemValue;
  }
}

export { JsonValue };
