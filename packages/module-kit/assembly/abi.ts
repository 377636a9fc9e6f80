// The one ABI every llms-wasm module speaks (see docs/decisions/0002-wasm-abi.md).
//
// Host -> module: the host calls `alloc(len)`, writes UTF-8 JSON there, calls an operation export
// `(ptr, len) -> usize` and then `free(ptr)` on its input.
// Module -> host: an operation returns the address of a result record in linear memory:
//   [u32 status][u32 byteLength][byteLength bytes of UTF-8 JSON]
// status 0 = ok (the JSON is the output), 1 = error (the JSON is {"code","message","path"?}).
// The host copies the bytes out and calls `free(record)`.

export const STATUS_OK: u32 = 0;
export const STATUS_ERROR: u32 = 1;
export const ABI_VERSION: i32 = 1;

/** Raw (non-GC) allocation the host writes inputs into. */
export function alloc(size: i32): usize {
  return heap.alloc(<usize>size);
}

/** Releases memory from `alloc` or a result record. */
export function free(ptr: usize): void {
  if (ptr != 0) heap.free(ptr);
}

/** ABI revision, checked by the host at load. */
export function abiVersion(): i32 {
  return ABI_VERSION;
}

/** Copies `byteLength` bytes at `src` into a fresh result record. */
export function resultFromBytes(status: u32, src: usize, byteLength: i32): usize {
  const rec = heap.alloc(8 + <usize>byteLength);
  store<u32>(rec, status);
  store<u32>(rec, <u32>byteLength, 4);
  memory.copy(rec + 8, src, <usize>byteLength);
  return rec;
}

/** Builds a result record from an ASCII/UTF-8 buffer. */
export function resultFromBuffer(status: u32, buf: ArrayBuffer): usize {
  return resultFromBytes(status, changetype<usize>(buf), buf.byteLength);
}
