import type { TrapKind } from '../runtime-stats.js';

/** An AssemblyScript `abort` (a failed assertion, a thrown Error, out of memory in the allocator). */
export class WasmAbort extends Error {
  override readonly name = 'WasmAbort';
}

/** True for what a trapping or aborting instance throws (never for the host's own errors). */
export function isTrap(error: unknown): boolean {
  return error instanceof WebAssembly.RuntimeError || error instanceof WasmAbort || error instanceof RangeError;
}

/** What kind of trap `error` is, for the runtime's `traps` counters. */
export function classifyTrap(error: unknown): TrapKind {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError || /call stack/i.test(message)) return 'stack_overflow';
  if (/memory access out of bounds|out of bounds/i.test(message)) return 'out_of_bounds';
  if (/out of memory|allocation|memory\.grow|Maximum memory/i.test(message)) return 'out_of_memory';
  if (error instanceof WasmAbort) return 'abort';
  if (/unreachable/i.test(message)) return 'unreachable';
  return 'other';
}
