// The tokenizer's WebAssembly module: the llms-wasm ABI (docs/decisions/0002-wasm-abi.md) plus fast paths.
//
// JSON operations (ptr, len) -> result record:
//   countTokens  { text } | { messages, tools?, parameters? }, model?, encoding?  ->  { tokens, encoding }
//   segment      { text } | { output }, options?                                  ->  { content, reasoning_content?, tokens }
// Fast paths (plain numbers):
//   selectEncoding(modelPtr, modelLen, encodingId) -> encoding name id (encodingId >= 0 wins)
//   encodingTable(id) -> the rank table to load for it (bpeLoad)
//   countText(id, ptr, len) -> tiktoken's encode(text).length, or SPECIAL_FOUND (-1000; see
//     lastSpecialOffset/Length) or a negative bpe error
import { JsonObject, JsonReader, badJsonResult, jsonNumber, jsonObject, jsonString, okBegin, okEnd, parseUtf8, utf8Decode } from '@llms-wasm/module-kit/assembly';
import { errorResult, okResult } from '@llms-wasm/module-kit/assembly/result';
import { bpeIsLoaded } from './bpe/index';
import { encodingForModel, encodingIdOf, encodingName, tableOf } from './count/encodings';
import { SPECIAL_FOUND, countString, countUtf8, lastSpecialToken } from './count/encode-text';
import { COUNT_FAILED, countRequestTokens, lastCountFailure } from './count/request-tokens';
import { InputError } from './input-error';
import { segmentOp } from './segment/segment-op';
import { SPECIAL_TOKEN_DISALLOWED } from './generated/errors';

export { alloc, free, abiVersion, inputBuffer } from '@llms-wasm/module-kit/assembly/abi';
export { bpeLoad, bpeIsLoaded, bpeEncode } from './bpe/index';
export { lastSpecialOffset, lastSpecialLength } from './count/encode-text';
export { SPECIAL_FOUND };

/** Inputs larger than this are refused with INPUT_TOO_LARGE (the host refuses earlier by default). */
const MAX_INPUT_BYTES: i32 = 256 << 20;

export function selectEncoding(modelPtr: usize, modelLen: i32, encodingId: i32): i32 {
  if (encodingId >= 0) return encodingId;
  return encodingForModel(modelLen < 0 ? null : utf8Decode(modelPtr, modelLen));
}

export function encodingTable(id: i32): i32 {
  return tableOf(id);
}

export function countText(id: i32, ptr: usize, len: i32): i32 {
  return countUtf8(id, ptr, len);
}

function badInput(errors: InputError): usize {
  return errorResult('BAD_INPUT', 'input' + errors.path + ' ' + errors.message, errors.path.length > 0 ? errors.path : '/');
}

function countFailure(failure: i32): usize {
  if (failure == SPECIAL_FOUND) {
    const token = lastSpecialToken();
    return errorResult(SPECIAL_TOKEN_DISALLOWED, 'the text contains a special token that is not allowed: ' + token);
  }
  return errorResult('ENCODING_NOT_READY', 'the byte-pair encoder failed with code ' + failure.toString() + ' (rank table not loaded?)');
}

/** A parsed input object, or the error record to return instead. */
class Parsed {
  constructor(public input: JsonObject | null, public record: usize) {}
}

function parseInput(ptr: usize, len: i32): Parsed {
  if (len > MAX_INPUT_BYTES) return new Parsed(null, errorResult('INPUT_TOO_LARGE', 'input is ' + len.toString() + ' bytes, the limit is ' + MAX_INPUT_BYTES.toString()));
  const parsed = parseUtf8(ptr, len);
  if (!parsed.ok) return new Parsed(null, errorResult('BAD_JSON', parsed.error + ' at byte ' + parsed.offset.toString()));
  const obj = parsed.value.asObject();
  if (obj === null) return new Parsed(null, errorResult('BAD_INPUT', 'input must be an object', '/'));
  return new Parsed(obj, 0);
}

function selectFrom(input: JsonObject, errors: InputError): i32 {
  const encoding = input.get('encoding');
  if (encoding !== null) {
    const name = encoding.asString();
    const id = name === null ? -1 : encodingIdOf(name);
    if (id < 0) errors.fail('/encoding', 'must be one of cl100k_base, o200k_base, p50k_base, p50k_edit, r50k_base, gpt2');
    return id;
  }
  const model = input.get('model');
  if (model === null) return encodingForModel(null);
  const name = model.asString();
  if (name === null) errors.fail('/model', 'must be a string');
  return encodingForModel(name);
}

export function countTokens(ptr: usize, len: i32): usize {
  const p = parseInput(ptr, len);
  if (p.input === null) return p.record;
  const input = changetype<JsonObject>(p.input);
  const errors = new InputError();
  const id = selectFrom(input, errors);
  if (errors.failed) return badInput(errors);
  if (bpeIsLoaded(tableOf(id)) == 0) return errorResult('ENCODING_NOT_READY', 'rank table for ' + encodingName(id) + ' is not loaded');
  let tokens: i64;
  const text = input.get('text');
  if (text !== null) {
    const s = text.asString();
    if (s === null) return errorResult('BAD_INPUT', 'input/text must be a string', '/text');
    const n = countString(id, s);
    if (n < 0) return countFailure(n);
    tokens = n;
  } else {
    tokens = countRequestTokens(input, id, errors);
    if (tokens == COUNT_FAILED) return errors.failed ? badInput(errors) : countFailure(lastCountFailure());
  }
  const out = jsonObject();
  out.set('tokens', jsonNumber(<f64>tokens));
  out.set('encoding', jsonString(encodingName(id)));
  return okResult(out);
}

const reader = new JsonReader();

export function segment(ptr: usize, len: i32): usize {
  if (len > MAX_INPUT_BYTES) return errorResult('INPUT_TOO_LARGE', 'input is ' + len.toString() + ' bytes, the limit is ' + MAX_INPUT_BYTES.toString());
  if (!reader.parse(ptr, len)) return badJsonResult(reader);
  const errors = new InputError();
  const w = okBegin();
  if (!segmentOp(reader, reader.root(), w, errors)) return badInput(errors);
  return okEnd();
}
