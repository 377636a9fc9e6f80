// A trivial module under the llms-wasm ABI, for bench/floor.mjs only: it does no work, so a call of it
// through module-kit's object path costs exactly the JSON boundary (JSON.stringify, UTF-8 into the
// input buffer, the export call, decode, JSON.parse).
//   keep(ptr, len)  stores the given bytes as the record every later `fixed` call returns
//   fixed(ptr, len) ignores its input and returns the kept record (an operation's real output); each
//                   tools operation's name is an export doing the same, so the kit binds them as 'json'
//   echo(ptr, len)  returns its input as the output
import { STATUS_OK, resultFromBytes } from '@llms-wasm/module-kit/assembly/abi';

export { alloc, free, abiVersion, inputBuffer } from '@llms-wasm/module-kit/assembly/abi';

let kept: usize = 0;
let keptCap: i32 = 0;

export function keep(ptr: usize, len: i32): usize {
  if (len + 8 > keptCap) {
    if (kept != 0) heap.free(kept);
    keptCap = len + 8;
    kept = heap.alloc(<usize>keptCap);
  }
  store<u32>(kept, STATUS_OK);
  store<u32>(kept, <u32>len, 4);
  memory.copy(kept + 8, ptr, <usize>len);
  return kept;
}

export function fixed(ptr: usize, len: i32): usize {
  return kept;
}

export function echo(ptr: usize, len: i32): usize {
  return resultFromBytes(STATUS_OK, ptr, len);
}

export function canonicalizeToolCalls(ptr: usize, len: i32): usize {
  return kept;
}

export function repairArguments(ptr: usize, len: i32): usize {
  return kept;
}

export function parseLenient(ptr: usize, len: i32): usize {
  return kept;
}

export function parseToolArgs(ptr: usize, len: i32): usize {
  return kept;
}

export function normalizeCallId(ptr: usize, len: i32): usize {
  return kept;
}

export function validateToolCall(ptr: usize, len: i32): usize {
  return kept;
}

export function canonicalizeChatResponse(ptr: usize, len: i32): usize {
  return kept;
}

export function finalizeChatResponse(ptr: usize, len: i32): usize {
  return kept;
}

export function packShellArgs(ptr: usize, len: i32): usize {
  return kept;
}

export function harvestTextToolCalls(ptr: usize, len: i32): usize {
  return kept;
}
