// The shared AssemblyScript library every llms-wasm module's assembly/ imports:
//   import { parseUtf8, stringifyUtf8, ByteSink } from '../../module-kit/assembly';
// JavaScript-exact JSON (JSON.parse / JSON.stringify), numbers (String(x)), UTF-8, trim, hashing.
// See docs/decisions/0004-assemblyscript-json.md.

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

// JSON text
export { JsonParseResult, DEFAULT_MAX_DEPTH, parse, parseUtf8 } from './json/parse';
export { stringify, stringifyUtf8, stringifyInto, writeJsonString, writeJsonNumber, quoteJsonString } from './json/stringify';

// Numbers
export { numberToJsString, formatJsonNumber, numberScratchPtr } from './number/dtoa';
export { parseJsonNumber, isJsonNumber, parseNumberSpan } from './number/strtod';

// Text
export { ByteSink, CharSink } from './sink';
export { utf8Encode, utf8EncodeInto, utf8Decode, utf8Length, decodeUtf8At } from './utf8';
export { isJsWhitespace, jsTrim, jsTrimStart, jsTrimEnd, isBlank, compareUtf16, jsStartsWith, jsEndsWith } from './js-string';

// Hashing
export { fnv1a32, fnv1a32Update, FNV32_OFFSET, sha256Into, sha256Hex } from './hash';
