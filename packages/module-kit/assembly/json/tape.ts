// The tape a JsonReader parses UTF-8 JSON into: 20 bytes per node, in document order, in raw memory
// (no garbage-collected object per value). Strings and numbers stay byte ranges of the input and are
// decoded only when read.
//
//   word 0: kind (bits 0-3) | flags (bits 4-15)
//   word 1: byte offset of the value in the input (strings: first byte after the opening quote)
//   word 2: strings/numbers: byte length of the content; arrays: elements; objects: members
//   word 3: index of the node after this value's subtree
//   word 4: containers: byte offset just after the closing bracket
//
// An object's members are (key string node, value subtree) pairs.
import { JsonKind } from './value';

export const NODE_BYTES: i32 = 20;

/** The string contains backslash escapes (it must be decoded to be read). */
export const F_ESCAPED: u32 = 1 << 4;
/**
 * The string has an escape JSON.stringify would not write (`\/`, `\u0041`, upper-case hex, an escaped
 * surrogate pair …): writing it means decoding and re-escaping. Without this flag its bytes are already
 * JSON.stringify's, escapes included.
 */
export const F_RESCAPE: u32 = 1 << 9;
/** The string contains bytes >= 0x80. */
export const F_NON_ASCII: u32 = 1 << 5;
/**
 * The number's text is already what JSON.stringify writes for its value: an integer of at most 15
 * digits (not -0), or a plain decimal of at most 15 significant digits, no trailing zero in its
 * fraction and at least 1e-6 (JavaScript writes smaller ones with an exponent).
 */
export const F_CANONICAL_NUMBER: u32 = 1 << 6;
/**
 * The object's members are not in JavaScript's own-property order as written: it has an array-index
 * key or a repeated key (or an escaped key, which might be either), so reading and writing it goes
 * through the ordered path.
 */
export const F_REORDER: u32 = 1 << 7;
/**
 * The container's bytes are already JSON.stringify(JSON.parse(them)): no whitespace inside, no escaped
 * string, every number canonical, every object in parse order. Writers copy such a subtree as bytes.
 */
export const F_CLEAN: u32 = 1 << 8;

// @ts-ignore: decorator
@inline
export function nodeAt(tape: usize, n: i32): usize {
  return tape + <usize>n * <usize>NODE_BYTES;
}

// @ts-ignore: decorator
@inline
export function nodeKind(tape: usize, n: i32): JsonKind {
  return <JsonKind>(load<u32>(nodeAt(tape, n)) & 15);
}

// @ts-ignore: decorator
@inline
export function nodeFlags(tape: usize, n: i32): u32 {
  return load<u32>(nodeAt(tape, n)) & 0xfff0;
}

// @ts-ignore: decorator
@inline
export function nodeStart(tape: usize, n: i32): u32 {
  return load<u32>(nodeAt(tape, n), 4);
}

// @ts-ignore: decorator
@inline
export function nodeSize(tape: usize, n: i32): u32 {
  return load<u32>(nodeAt(tape, n), 8);
}

// @ts-ignore: decorator
@inline
export function nodeNext(tape: usize, n: i32): i32 {
  return <i32>load<u32>(nodeAt(tape, n), 12);
}

// @ts-ignore: decorator
@inline
export function nodeEnd(tape: usize, n: i32): u32 {
  return load<u32>(nodeAt(tape, n), 16);
}
