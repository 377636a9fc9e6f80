// Internal helpers exposed for unit tests (dist/tools-harness.wasm; not part of the module).
import { CharSink, JsonArray, parse, utf8Decode } from '@llms-wasm/module-kit/assembly';
import { resultFromBytes, STATUS_OK } from '@llms-wasm/module-kit/assembly/abi';
import { find, replaceAllOf } from './js/find';
import { fractionToRadix } from './js/random';

export { alloc, free, abiVersion, inputBuffer } from '@llms-wasm/module-kit/assembly/abi';

const sink = new CharSink(64);

/** V8's x.toString(radix) for 0 <= x < 1, as an ok record with the UTF-16 text. */
export function radixOf(x: f64, radix: i32): usize {
  const s = fractionToRadix(x, radix);
  sink.reset();
  sink.writeString(s);
  return resultFromBytes(STATUS_OK, changetype<usize>(s), s.length << 1);
}

export function echoUtf8(ptr: usize, len: i32): usize {
  const s = utf8Decode(ptr, len);
  return resultFromBytes(STATUS_OK, changetype<usize>(s), s.length << 1);
}

/** The UTF-16 text of a string, as an ok record. */
function textRecord(s: string): usize {
  return resultFromBytes(STATUS_OK, changetype<usize>(s), s.length << 1);
}

/** `[s, search, from]` (UTF-8 JSON) -> find(s, search, from) as decimal text. */
export function findOf(ptr: usize, len: i32): usize {
  const a = changetype<JsonArray>(parse(utf8Decode(ptr, len)).value);
  const at = find(changetype<string>(a.at(0)!.asString()), changetype<string>(a.at(1)!.asString()), <i32>a.at(2)!.asNumber());
  return textRecord(at.toString());
}

/** `[s, search, replacement]` (UTF-8 JSON) -> replaceAllOf(s, search, replacement). */
export function replaceAllOfText(ptr: usize, len: i32): usize {
  const a = changetype<JsonArray>(parse(utf8Decode(ptr, len)).value);
  return textRecord(replaceAllOf(changetype<string>(a.at(0)!.asString()), changetype<string>(a.at(1)!.asString()), changetype<string>(a.at(2)!.asString())));
}
