/**
 * Byte-pair-encoding core of the tokenizer's WASM side: produces exactly the token ids of
 * tiktoken@1.0.22 (r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base) for any valid UTF-8
 * input. See docs/decisions/0003-bpe-in-assemblyscript.md.
 *
 * Exports (all integers; text is UTF-8 at [ptr, ptr + len) in linear memory, written by the host
 * into an `alloc`ed buffer):
 *   ENC_R50K_BASE=0, ENC_P50K_BASE=1, ENC_P50K_EDIT=2, ENC_CL100K_BASE=3, ENC_O200K_BASE=4
 *   TABLE_R50K_BASE=0, TABLE_P50K_BASE=1, TABLE_CL100K_BASE=2, TABLE_O200K_BASE=3
 *     (rank blobs dist/ranks/<table name>.bin; dist/ranks/manifest.json lists both maps)
 *   bpeTableOf(enc) -> table id, or BPE_ERR_BAD_ENCODING
 *   bpeLoad(table, blobPtr, blobLen) -> 0, or a negative BPE_ERR_* (the blob is copied; free it after)
 *   bpeIsLoaded(table) -> 1 | 0
 *   bpeCount(enc, ptr, len) -> token count (no special-token check), or a negative BPE_ERR_*
 *   bpeEncode(enc, ptr, len, outPtr, outCap) -> token count; the first min(count, outCap) ids are
 *     stored as u32 at outPtr; or a negative BPE_ERR_*
 *   bpeFindSpecial(enc, ptr, len) -> byte offset of the first special token of enc, -1 if none,
 *     or BPE_ERR_BAD_ENCODING; then bpeSpecialId() / bpeSpecialLen() give its token id and byte length
 *   bpeCacheClear() -> empties the piece cache (results never depend on it; for benchmarks)
 */
import { ENC_COUNT, ENC_PATTERN, ENC_TABLE, PAT_CL100K, PAT_GPT2 } from "../generated/encodings";
import { cacheClear } from "./cache";
import { encodePiece, outputCount, resetOutput } from "./merge";
import { nextCl100k, nextGpt2, nextO200k } from "./pretokenize";
import { loadTable, selectTable, setReadLimit, tableLoaded } from "./ranks";
import { findSpecial, specialFoundId, specialFoundLen } from "./special";

export {
  ENC_R50K_BASE,
  ENC_P50K_BASE,
  ENC_P50K_EDIT,
  ENC_CL100K_BASE,
  ENC_O200K_BASE,
  TABLE_R50K_BASE,
  TABLE_P50K_BASE,
  TABLE_CL100K_BASE,
  TABLE_O200K_BASE,
} from "../generated/encodings";

export const BPE_ERR_BAD_TABLE: i32 = -1;
export const BPE_ERR_ALREADY_LOADED: i32 = -2;
export const BPE_ERR_BLOB_SHORT: i32 = -3;
export const BPE_ERR_BLOB_MAGIC: i32 = -4;
export const BPE_ERR_BLOB_VERSION: i32 = -5;
export const BPE_ERR_BLOB_SIZE: i32 = -6;
export const BPE_ERR_BLOB_CHECKSUM: i32 = -7;
export const BPE_ERR_BLOB_FORMAT: i32 = -8;
export const BPE_ERR_BLOB_DUPLICATE: i32 = -9;
export const BPE_ERR_BLOB_MISSING_BYTE: i32 = -10;
export const BPE_ERR_BAD_ENCODING: i32 = -11;
export const BPE_ERR_NOT_LOADED: i32 = -12;
export const BPE_ERR_BAD_ARGUMENT: i32 = -13;

/** Rank table id of an encoding, or BPE_ERR_BAD_ENCODING. */
export function bpeTableOf(enc: i32): i32 {
  if (enc < 0 || enc >= ENC_COUNT) return BPE_ERR_BAD_ENCODING;
  return <i32>load<u8>(ENC_TABLE + <usize>enc);
}

/** Loads a rank table from a BPE1 blob: 0, or a negative BPE_ERR_* code. */
export function bpeLoad(table: i32, blobPtr: usize, blobLen: i32): i32 {
  return loadTable(table, blobPtr, blobLen);
}

/** 1 when the rank table is loaded. */
export function bpeIsLoaded(table: i32): i32 {
  return tableLoaded(table) ? 1 : 0;
}

function run(enc: i32, ptr: usize, len: i32, outPtr: usize, outCap: i32): i32 {
  if (enc < 0 || enc >= ENC_COUNT) return BPE_ERR_BAD_ENCODING;
  if (len < 0 || outCap < 0) return BPE_ERR_BAD_ARGUMENT;
  const table = <i32>load<u8>(ENC_TABLE + <usize>enc);
  if (!tableLoaded(table)) return BPE_ERR_NOT_LOADED;
  selectTable(table);
  resetOutput(outPtr, <u32>outCap);
  const pattern = <u32>load<u8>(ENC_PATTERN + <usize>enc);
  const end = ptr + <usize>len;
  setReadLimit(end);
  let p = ptr;
  if (pattern == PAT_GPT2) {
    while (p < end) {
      const q = nextGpt2(p, end);
      encodePiece(p, q);
      p = q;
    }
  } else if (pattern == PAT_CL100K) {
    while (p < end) {
      const q = nextCl100k(p, end);
      encodePiece(p, q);
      p = q;
    }
  } else {
    while (p < end) {
      const q = nextO200k(p, end);
      encodePiece(p, q);
      p = q;
    }
  }
  return <i32>outputCount();
}

/** Number of tokens of the text (no special-token check), or a negative BPE_ERR_* code. */
export function bpeCount(enc: i32, ptr: usize, len: i32): i32 {
  return run(enc, ptr, len, 0, 0);
}

/** Token ids of the text: returns the count, stores the first min(count, outCap) ids (u32) at outPtr. */
export function bpeEncode(enc: i32, ptr: usize, len: i32, outPtr: usize, outCap: i32): i32 {
  return run(enc, ptr, len, outPtr, outCap);
}

/** Byte offset of the first special token of `enc` in the text, -1 if none, or BPE_ERR_BAD_ENCODING. */
export function bpeFindSpecial(enc: i32, ptr: usize, len: i32): i32 {
  if (enc < 0 || enc >= ENC_COUNT) return BPE_ERR_BAD_ENCODING;
  if (len < 0) return BPE_ERR_BAD_ARGUMENT;
  return findSpecial(enc, ptr, <usize>len);
}

/** Token id of the special token the last bpeFindSpecial found, or -1. */
export function bpeSpecialId(): i32 {
  return specialFoundId();
}

/** Byte length of the special token the last bpeFindSpecial found, or 0. */
export function bpeSpecialLen(): i32 {
  return specialFoundLen();
}

/** Empties the piece cache (results never depend on it; for cold-cache benchmarks). */
export function bpeCacheClear(): void {
  cacheClear();
}
