// The one ABI every llms-wasm module speaks (see docs/decisions/0002-wasm-abi.md and 0008).
//
// Host -> module: the host asks `inputBuffer(len)` for the module's reusable input buffer, writes the
// UTF-8 input there (JSON, or raw bytes for byte operations) and calls an operation export
// `(ptr, len) -> usize`.
// Module -> host: an operation returns the address of a result record in linear memory:
//   [u32 status][u32 byteLength][byteLength bytes]
// status 0 = ok (the bytes are the output JSON), 1 = error (the JSON is {"code","message","path"?}).
// The record lives in the module's reusable output buffer: the host copies what it needs out before
// its next call and never frees it.
import { ByteSink } from './sink';

export const STATUS_OK: u32 = 0;
export const STATUS_ERROR: u32 = 1;
export const ABI_VERSION: i32 = 2;

/** The module's one output buffer: result records are built here, header first. */
export const output = new ByteSink(1 << 16);

let inputPtr: usize = 0;
let inputCapacity: i32 = 0;

/** Raw (non-GC) allocation, for hosts that keep their own buffers in the module (rank tables …). */
export function alloc(size: i32): usize {
  return heap.alloc(<usize>size);
}

/** Releases memory from `alloc`. */
export function free(ptr: usize): void {
  if (ptr != 0) heap.free(ptr);
}

/** ABI revision, checked by the host at load. */
export function abiVersion(): i32 {
  return ABI_VERSION;
}

/** The reusable input buffer, grown to hold at least `len` bytes; valid until the next call to it. */
export function inputBuffer(len: i32): usize {
  if (len > inputCapacity) {
    let cap = inputCapacity < 4096 ? 4096 : inputCapacity;
    while (cap < len) cap = cap <= 0x3fffffff ? cap << 1 : 0x7fffffff;
    if (inputPtr != 0) heap.free(inputPtr);
    inputPtr = heap.alloc(<usize>cap);
    inputCapacity = cap;
  }
  return inputPtr;
}

/** Starts a result record in `output` (header reserved); write the payload into `output` next. */
export function beginRecord(): void {
  output.reset();
  output.ensure(8);
  output.length = 8;
}

/** Finishes the record begun by `beginRecord` and returns its address. */
export function endRecord(status: u32): usize {
  store<u32>(output.ptr, status);
  store<u32>(output.ptr, <u32>(output.length - 8), 4);
  return output.ptr;
}

/** A record holding a copy of `byteLength` bytes at `src`. */
export function resultFromBytes(status: u32, src: usize, byteLength: i32): usize {
  beginRecord();
  output.writeBytes(src, byteLength);
  return endRecord(status);
}

/** A record holding the bytes of an ASCII/UTF-8 buffer. */
export function resultFromBuffer(status: u32, buf: ArrayBuffer): usize {
  return resultFromBytes(status, changetype<usize>(buf), buf.byteLength);
}
