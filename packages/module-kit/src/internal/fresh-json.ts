import { MAX_DEPTH } from './validator.js';

// Values the kit itself just made with JSON.parse (a WASM runtime's object-path output). JSON.parse
// yields only plain JSON data: no NaN or ±Infinity, no undefined, functions, bigints or cycles. Its one
// way to fail the kit's non-JSON scan is nesting deeper than MAX_DEPTH, and that takes at least two
// bytes per level: text shorter than that cannot nest too deep. Such a value needs no non-JSON scan.

const fresh = new WeakSet<object>();

/** The shortest JSON text that can nest deeper than MAX_DEPTH (`[` and `]` per level). */
const MIN_TOO_DEEP_BYTES = 2 * (MAX_DEPTH + 1);

/** Notes `value`, just parsed from `byteLength` bytes of JSON, as plain JSON when it cannot be too deep. */
export function noteFreshJson(value: unknown, byteLength: number): void {
  if (typeof value === 'object' && value !== null && byteLength < MIN_TOO_DEEP_BYTES) fresh.add(value);
}

/**
 * True once for a value `noteFreshJson` noted (the note is used up: a value that has since left the
 * kit may be changed by its caller, so it is never trusted again).
 */
export function takeFreshJson(value: unknown): boolean {
  return typeof value === 'object' && value !== null && fresh.delete(value);
}
