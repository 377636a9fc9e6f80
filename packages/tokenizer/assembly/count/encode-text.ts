// tiktoken's encode(text).length, including its refusal of special tokens, on UTF-8 or on a string.
import { ByteSink, JsonValue, stringifyUtf8, utf8Encode } from '@llms-wasm/module-kit/assembly';
import { bpeCount, bpeFindSpecial, bpeSpecialLen } from '../bpe/index';
import { bpeOf } from './encodings';

/** Returned when the text contains a special token; see lastSpecialOffset/Length. */
export const SPECIAL_FOUND: i32 = -1000;

let specialOffset: i32 = -1;
let specialLength: i32 = 0;
const textBytes = new ByteSink(1 << 16);

/** Byte offset (in the last counted UTF-8) of the special token that made a count fail. */
export function lastSpecialOffset(): i32 {
  return specialOffset;
}

/** Byte length of that special token. */
export function lastSpecialLength(): i32 {
  return specialLength;
}

/** Token count of UTF-8 at [ptr, ptr+len) under encoding name id `id`; SPECIAL_FOUND or a negative bpe error. */
export function countUtf8(id: i32, ptr: usize, len: i32): i32 {
  const enc = bpeOf(id);
  const at = bpeFindSpecial(enc, ptr, len);
  if (at >= 0) {
    specialOffset = at;
    specialLength = bpeSpecialLen();
    return SPECIAL_FOUND;
  }
  if (at < -1) return at;
  return bpeCount(enc, ptr, len);
}

/** Token count of a string (lone surrogates become U+FFFD, as TextEncoder does for tiktoken). */
export function countString(id: i32, text: string): i32 {
  utf8Encode(text, textBytes);
  return countUtf8(id, textBytes.ptr, textBytes.length);
}

/** The special token found by the last failed count on a string, as text. */
export function lastSpecialToken(): string {
  return String.UTF8.decodeUnsafe(textBytes.ptr + <usize>specialOffset, <usize>specialLength);
}

/** Token count of JSON.stringify(value) (never blank, so never skipped). */
export function countJson(id: i32, value: JsonValue): i32 {
  stringifyUtf8(value, textBytes);
  return countUtf8(id, textBytes.ptr, textBytes.length);
}
