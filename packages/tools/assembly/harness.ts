// Internal helpers exposed for unit tests (dist/tools-harness.wasm; not part of the module).
import { CharSink, utf8Decode } from '@llms-wasm/module-kit/assembly';
import { resultFromBytes, STATUS_OK } from '@llms-wasm/module-kit/assembly/abi';
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
