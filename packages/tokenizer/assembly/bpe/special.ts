// Special-token scan: tiktoken's encode() refuses any text containing one of the encoding's special
// tokens (all are disallowed by default). Every special token starts with "<|" (checked by
// scripts/gen-ranks.mjs), so the scan looks for "<|" and then compares the candidates.
import { ENC_SPECIALS, SPECIAL_POOL, SPECIAL_TRIPLES } from "../generated/encodings";

let foundId: i32 = -1;
let foundLen: i32 = 0;

/** Token id of the special token the last findSpecial found, or -1. */
export function specialFoundId(): i32 {
  return foundId;
}

/** Byte length of the special token the last findSpecial found, or 0. */
export function specialFoundLen(): i32 {
  return foundLen;
}

/** Byte offset of the first special token of `enc` in [ptr, ptr + len), or -1. */
export function findSpecial(enc: i32, ptr: usize, len: usize): i32 {
  foundId = -1;
  foundLen = 0;
  const first = <usize>load<u32>(ENC_SPECIALS + (<usize>enc << 3));
  const count = <usize>load<u32>(ENC_SPECIALS + (<usize>enc << 3), 4);
  if (len < 2) return -1;
  const last = ptr + len - 1;
  for (let p = ptr; p < last; p++) {
    // Eight bytes at a time while none of them is '<' (SWAR zero-byte test on w ^ "<<<<<<<<").
    while (p + 8 <= last) {
      const x = load<u64>(p) ^ 0x3c3c3c3c3c3c3c3c;
      if (((x - 0x0101010101010101) & ~x & 0x8080808080808080) != 0) break;
      p += 8;
    }
    if (p >= last) break;
    if (load<u8>(p) != 0x3c || load<u8>(p, 1) != 0x7c) continue; // "<|"
    const left = ptr + len - p;
    for (let k: usize = 0; k < count; k++) {
      const t = SPECIAL_TRIPLES + (first + k) * 12;
      const tlen = <usize>load<u32>(t, 4);
      if (tlen > left) continue;
      const src = SPECIAL_POOL + <usize>load<u32>(t);
      let same = true;
      for (let i: usize = 2; i < tlen; i++) {
        if (load<u8>(p + i) != load<u8>(src + i)) {
          same = false;
          break;
        }
      }
      if (same) {
        foundId = <i32>load<u32>(t, 8);
        foundLen = <i32>tlen;
        return <i32>(p - ptr);
      }
    }
  }
  return -1;
}
