// The tools module's WebAssembly side: the llms-wasm ABI (docs/decisions/0002-wasm-abi.md), one export
// per operation of src/contract.ts, each `(ptr, len) -> result record`: the input JSON is read (size,
// UTF-8, JSON and shape checks naming the field), the ported llms code runs, the output JSON is written.
import { JsonObject } from '@llms-wasm/module-kit/assembly';
import { InputError, readInput, readTape } from './input';
import { parseLenientOp, parseToolArgsOp, repairArgumentsOp } from './ops/args-ops';
import { canonicalizeToolCallsOp } from './ops/calls-op';
import { canonicalizeChatResponseOp, finalizeChatResponseOp, harvestTextToolCallsOp, packShellArgsOp } from './ops/chat-ops';
import { normalizeCallIdOp, validateToolCallOp } from './ops/id-ops';

export { alloc, free, abiVersion, inputBuffer } from '@llms-wasm/module-kit/assembly/abi';

/** An operation on the whole input as a value tree. */
function run(ptr: usize, len: i32, op: (input: JsonObject, errors: InputError) => usize): usize {
  const p = readInput(ptr, len);
  if (p.input === null) return p.record;
  return op(changetype<JsonObject>(p.input), new InputError());
}

/** An operation that reads its (small, string-valued) input straight from the reader's tape. */
function runTape(ptr: usize, len: i32, op: (errors: InputError) => usize): usize {
  const failed = readTape(ptr, len);
  return failed != 0 ? failed : op(new InputError());
}

export function canonicalizeToolCalls(ptr: usize, len: i32): usize {
  return run(ptr, len, canonicalizeToolCallsOp);
}

export function repairArguments(ptr: usize, len: i32): usize {
  return runTape(ptr, len, repairArgumentsOp);
}

export function parseLenient(ptr: usize, len: i32): usize {
  return run(ptr, len, parseLenientOp);
}

export function parseToolArgs(ptr: usize, len: i32): usize {
  return runTape(ptr, len, parseToolArgsOp);
}

export function normalizeCallId(ptr: usize, len: i32): usize {
  return runTape(ptr, len, normalizeCallIdOp);
}

export function validateToolCall(ptr: usize, len: i32): usize {
  return runTape(ptr, len, validateToolCallOp);
}

export function canonicalizeChatResponse(ptr: usize, len: i32): usize {
  return run(ptr, len, canonicalizeChatResponseOp);
}

export function finalizeChatResponse(ptr: usize, len: i32): usize {
  return run(ptr, len, finalizeChatResponseOp);
}

export function packShellArgs(ptr: usize, len: i32): usize {
  return run(ptr, len, packShellArgsOp);
}

export function harvestTextToolCalls(ptr: usize, len: i32): usize {
  return run(ptr, len, harvestTextToolCallsOp);
}
