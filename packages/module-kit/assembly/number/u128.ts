// 64x64 -> 128-bit multiplication (WebAssembly has no wide multiply) and shared exponent helpers.
import { POW5_HI, POW5_LO, POW5_Q_MIN } from './pow5-table';

/** High half of the last umul128 product. */
export let mulHi: u64 = 0;

/** Returns the low 64 bits of a * b; the high 64 bits go to `mulHi`. */
// @ts-ignore: decorator
@inline
export function umul128(a: u64, b: u64): u64 {
  const aL = a & 0xffffffff;
  const aH = a >> 32;
  const bL = b & 0xffffffff;
  const bH = b >> 32;
  const ll = aL * bL;
  const lh = aL * bH;
  const hl = aH * bL;
  const hh = aH * bH;
  const mid = (ll >> 32) + (lh & 0xffffffff) + (hl & 0xffffffff);
  mulHi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
  return (mid << 32) | (ll & 0xffffffff);
}

/** 1 or 0. */
// @ts-ignore: decorator
@inline
export function bit(b: bool): u64 {
  return b ? 1 : 0;
}

/** floor(q * log2(10)), exact for |q| <= 1000 (checked against BigInt over the table range). */
// @ts-ignore: decorator
@inline
export function floorLog2Pow10(q: i32): i32 {
  return (q * 217706) >> 16;
}

/** E5(q) with 5^q = (T(q) + d) * 2^E5(q), d in [0, 1), T(q) the 128-bit table entry. */
// @ts-ignore: decorator
@inline
export function pow5Exponent(q: i32): i32 {
  return floorLog2Pow10(q) - q - 127;
}

/** High 64 bits of T(q). */
// @ts-ignore: decorator
@inline
export function pow5Hi(q: i32): u64 {
  return unchecked(POW5_HI[q - POW5_Q_MIN]);
}

/** Low 64 bits of T(q). */
// @ts-ignore: decorator
@inline
export function pow5Lo(q: i32): u64 {
  return unchecked(POW5_LO[q - POW5_Q_MIN]);
}
