// The shared AssemblyScript library every llms-wasm module's assembly/ imports by package name:
//   import { JsonReader, okBegin, okEnd } from '@llms-wasm/module-kit/assembly';
// JavaScript-exact JSON (JSON.parse / JSON.stringify), numbers (String(x)), UTF-8, trim, hashing,
// and the ABI's result records. See docs/decisions/0004-assemblyscript-json.md and 0008.

// JSON value model
export {
  JsonKind,
  JsonValue,
  JsonNull,
  JsonBool,
  JsonNumber,
  JsonString,
  JsonArray,
  jsonNull,
  jsonBool,
  jsonNumber,
  jsonString,
  jsonArray,
  jsonObject,
} from './json/value';
export { JsonObject, arrayIndexOf } from './json/object';
export { isTruthy } from './json/truthy';
export { jsToString, joinArray } from './json/to-js-string';

// JSON text: the tape reader and the streaming writer (the data path of every operation) …
export { JsonReader, unescapeInto } from './json/reader';
export { JsonWriter } from './json/writer';
export { F_CANONICAL_NUMBER, F_CLEAN, F_ESCAPED, F_NON_ASCII, F_REORDER, F_RESCAPE } from './json/tape';
// … and the value model's parser (for code that needs to build and change values).
export { JsonParseResult, DEFAULT_MAX_DEPTH, parse, parseUtf8 } from './json/parse';
export { stringify, stringifyUtf8, stringifyInto, writeJsonString, writeJsonNumber, quoteJsonString } from './json/stringify';

// Numbers
export { numberToJsString, formatJsonNumber, numberScratchPtr } from './number/dtoa';
export { parseJsonNumber, isJsonNumber, parseNumberSpan } from './number/strtod';

// Text
export { ByteSink, CharSink } from './sink';
export { utf8Encode, utf8EncodeInto, utf8Decode, utf8Length, decodeUtf8At } from './utf8';
export { isJsWhitespace, jsTrim, jsTrimStart, jsTrimEnd, isBlank, compareUtf16, jsStartsWith, jsEndsWith, indexOfUnit } from './js-string';

// Hashing
export { fnv1a32, fnv1a32Update, FNV32_OFFSET, sha256Into, sha256Hex } from './hash';

// The ABI: exports every module re-exports, and result records
export { alloc, free, abiVersion, inputBuffer, STATUS_OK, STATUS_ERROR, ABI_VERSION, output, beginRecord, endRecord } from './abi';
export { okBegin, okEnd, okResult, okNode, errorResult, badJsonResult } from './result';
