// Rank tables: built at load from a "BPE1" blob (scripts/gen-ranks.mjs) in raw heap memory, never
// freed. Lookup structures per table, chosen for the merge loop's access pattern (most lookups are
// 2- and 3-byte strings; most longer ones miss):
//   byte  u32[256]     rank of each single byte (all 256 are tokens)
//   pair  u32[65536]   rank of each 2-byte string, indexed by the little-endian u16
//   tri   u64 slots    3-byte tokens: (bytes | 1 << 24) | rank << 32, open addressing (load <= 1/2)
//   filter bit set     one bit per hash of each 4+-byte token (8+ bits per token): most misses stop here
//   slots 16-byte      4+-byte tokens: first 8 bytes, rank + 1, length | hash tag; linear probing,
//                      load <= 3/4; tokens longer than 8 bytes are verified against `bytes`
//   bytes, offsets     the token bytes in rank order, u32 start offset by rank
import { TABLE_COUNT } from "../generated/encodings";

/** No rank: the byte string is not a token. */
export const NONE: u32 = 0xffffffff;

export const ERR_BAD_TABLE: i32 = -1;
export const ERR_ALREADY_LOADED: i32 = -2;
export const ERR_BLOB_SHORT: i32 = -3;
export const ERR_BLOB_MAGIC: i32 = -4;
export const ERR_BLOB_VERSION: i32 = -5;
export const ERR_BLOB_SIZE: i32 = -6;
export const ERR_BLOB_CHECKSUM: i32 = -7;
export const ERR_BLOB_FORMAT: i32 = -8;
export const ERR_BLOB_DUPLICATE: i32 = -9;
export const ERR_BLOB_MISSING_BYTE: i32 = -10;

const HEADER: usize = 32;
const MAGIC: u32 = 0x31455042; // "BPE1" little-endian
const VERSION: u32 = 1;
/** Bytes after the token bytes, so word-sized reads near the end stay inside the allocation. */
const PAD: usize = 16;

// Table records: u32 fields.
const F_LOADED: usize = 0;
const F_BYTES: usize = 4;
const F_OFFSETS: usize = 8;
const F_SLOTS: usize = 12;
const F_MASK: usize = 16;
const F_PAIR: usize = 20;
const F_BYTE: usize = 24;
const F_MAXLEN: usize = 28;
const F_TRI: usize = 32;
const F_TRI_SHIFT: usize = 36;
const F_FILTER: usize = 40;
const F_FILTER_MASK: usize = 44;
const RECORD: usize = 48;
const TABLES: usize = memory.data(<i32>(RECORD * <usize>TABLE_COUNT));

// The table in use (set by selectTable before a run).
let curTable: u32 = 0;
let curBytes: usize = 0;
let curOffsets: usize = 0;
let curSlots: usize = 0;
let curMask: u32 = 0;
let curPair: usize = 0;
let curByte: usize = 0;
let curMaxLen: usize = 0;
let curTri: usize = 0;
let curTriShift: u32 = 0;
let curFilter: usize = 0;
let curFilterMask: u32 = 0;

export function tableLoaded(table: i32): bool {
  return table >= 0 && table < TABLE_COUNT && load<u32>(TABLES + <usize>table * RECORD + F_LOADED) != 0;
}

/** Makes `table` (loaded) the one rank lookups use. */
export function selectTable(table: i32): void {
  const rec = TABLES + <usize>table * RECORD;
  curTable = <u32>table;
  curBytes = <usize>load<u32>(rec + F_BYTES);
  curOffsets = <usize>load<u32>(rec + F_OFFSETS);
  curSlots = <usize>load<u32>(rec + F_SLOTS);
  curMask = load<u32>(rec + F_MASK);
  curPair = <usize>load<u32>(rec + F_PAIR);
  curByte = <usize>load<u32>(rec + F_BYTE);
  curMaxLen = <usize>load<u32>(rec + F_MAXLEN);
  curTri = <usize>load<u32>(rec + F_TRI);
  curTriShift = load<u32>(rec + F_TRI_SHIFT);
  curFilter = <usize>load<u32>(rec + F_FILTER);
  curFilterMask = load<u32>(rec + F_FILTER_MASK);
}

/** Id of the selected table. */
// @ts-ignore: decorator
@inline export function selectedTable(): u32 {
  return curTable;
}

/** Longest token of the selected table, in bytes. */
// @ts-ignore: decorator
@inline export function maxTokenLen(): usize {
  return curMaxLen;
}

/** Rank of the single byte at p (every byte is a token). */
// @ts-ignore: decorator
@inline export function byteRank(p: usize): u32 {
  return load<u32>(curByte + (<usize>load<u8>(p) << 2));
}

/** Rank of the two bytes at p, or NONE. */
// @ts-ignore: decorator
@inline export function pairRank(p: usize): u32 {
  return load<u32>(curPair + (<usize>load<u16>(p) << 2));
}

// ---- 3-byte tokens ----

// @ts-ignore: decorator
@inline function triKey(p: usize): u32 {
  return <u32>load<u16>(p) | (<u32>load<u8>(p, 2) << 16) | 0x1000000;
}

function triFind(tri: usize, shift: u32, key: u32): u32 {
  let i = (key * 0x9e3779b1) >> shift;
  const mask = (<u32>0xffffffff) >> shift;
  while (true) {
    const s = load<u64>(tri + (<usize>i << 3));
    const k = <u32>s;
    if (k == key) return <u32>(s >> 32);
    if (k == 0) return NONE;
    i = (i + 1) & mask;
  }
  return NONE;
}

// ---- 4+-byte tokens ----

// Masks keeping the first n bytes of a little-endian u64, n = 0..8.
const LOW_BYTES: usize = memory.data<u64>([
  0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff, 0xffffffffffffff, 0xffffffffffffffff,
]);

/** Bytes at or past this address may not be readable with a word load (end of the current input). */
let safeEnd: usize = 0;

/** Sets the end of the region the current run reads keys from. */
export function setReadLimit(end: usize): void {
  safeEnd = end;
}

/** The first min(len, 8) bytes at p as a little-endian u64 (zero above); reads only [p, p + len). */
// @ts-ignore: decorator
@inline function head8(p: usize, len: usize): u64 {
  const n = len < 8 ? len : 8;
  if (p + 8 <= safeEnd) return load<u64>(p) & load<u64>(LOW_BYTES + (n << 3));
  let v: u64 = 0;
  for (let i: usize = 0; i < n; i++) v |= <u64>load<u8>(p + i) << (<u64>i << 3);
  return v;
}

/** 64-bit hash of len bytes at p whose first bytes are `head` (= head8(p, len)). */
// @ts-ignore: decorator
@inline function hashKey(p: usize, len: usize, head: u64): u64 {
  let h: u64 = (head ^ (<u64>len << 56)) * 0x9e3779b97f4a7c15;
  if (len > 8) h = hashTail(h, p, len);
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9;
  h ^= h >> 32;
  return h;
}

function hashTail(h: u64, p: usize, len: usize): u64 {
  let i: usize = 8;
  while (i + 8 <= len) {
    h = (h ^ load<u64>(p + i)) * 0x94d049bb133111eb;
    h ^= h >> 31;
    i += 8;
  }
  if (i < len) h = (h ^ load<u64>(p + len - 8)) * 0x94d049bb133111eb; // overlapping last word
  return h;
}

/** Whether len bytes at a equal len bytes at b; reads only inside both ranges. */
function bytesEqual(a: usize, b: usize, len: usize): bool {
  let i: usize = 0;
  while (i + 8 <= len) {
    if (load<u64>(a + i) != load<u64>(b + i)) return false;
    i += 8;
  }
  if (i == len) return true;
  if (len >= 8) return load<u64>(a + len - 8) == load<u64>(b + len - 8);
  for (; i < len; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

const SLOT: usize = 16;

// @ts-ignore: decorator
@inline function slotMeta(len: usize, h: u64): u32 {
  return <u32>len | (<u32>(h >> 32) & 0xffffff00);
}

/** Filter bit of a hash (bits 8..31 of the low word; the slot index uses the lowest bits). */
// @ts-ignore: decorator
@inline function filterBit(h: u64, mask: u32): u32 {
  return (<u32>h >> 8) & mask;
}

function slotFind(slots: usize, mask: u32, bytes: usize, offsets: usize, p: usize, len: usize, head: u64, h: u64): u32 {
  const meta = slotMeta(len, h);
  let i = <u32>h & mask;
  while (true) {
    const s = slots + (<usize>i << 4);
    const rank1 = load<u32>(s, 8);
    if (rank1 == 0) return NONE;
    if (load<u32>(s, 12) == meta && load<u64>(s) == head) {
      if (len <= 8) return rank1 - 1;
      const off = <usize>load<u32>(offsets + (<usize>(rank1 - 1) << 2));
      if (bytesEqual(bytes + off + 8, p + 8, len - 8)) return rank1 - 1;
    }
    i = (i + 1) & mask;
  }
  return NONE;
}

/**
 * Inserts token `rank` (len >= 4 bytes at p) unless an equal token is there: one probe sequence
 * both finds a duplicate and the free slot. Offsets of earlier ranks must be written.
 */
function slotInsert(slots: usize, mask: u32, bytes: usize, offsets: usize, p: usize, len: usize, rank: u32): bool {
  const head = head8(p, len);
  const h = hashKey(p, len, head);
  const meta = slotMeta(len, h);
  let i = <u32>h & mask;
  while (true) {
    const s = slots + (<usize>i << 4);
    const rank1 = load<u32>(s, 8);
    if (rank1 == 0) {
      store<u64>(s, head);
      store<u32>(s, rank + 1, 8);
      store<u32>(s, meta, 12);
      return true;
    }
    if (load<u32>(s, 12) == meta && load<u64>(s) == head) {
      const off = <usize>load<u32>(offsets + (<usize>(rank1 - 1) << 2));
      if (len <= 8 || bytesEqual(bytes + off + 8, p + 8, len - 8)) return false;
    }
    i = (i + 1) & mask;
  }
  return false;
}

/** Zero-filled raw memory. */
function allocZeroed(size: usize): usize {
  const p = heap.alloc(size);
  memory.fill(p, 0, size);
  return p;
}

/** Rank of the len (>= 3) bytes at p in the selected table, or NONE. */
export function hashRank(p: usize, len: usize): u32 {
  if (len == 3) return triFind(curTri, curTriShift, triKey(p));
  if (len > curMaxLen) return NONE;
  const head = head8(p, len);
  const h = hashKey(p, len, head);
  const bit = filterBit(h, curFilterMask);
  if ((load<u8>(curFilter + <usize>(bit >> 3)) & (1 << (bit & 7))) == 0) return NONE;
  return slotFind(curSlots, curMask, curBytes, curOffsets, p, len, head, h);
}

/** Rank of the len (>= 1) bytes at p in the selected table, or NONE. */
// @ts-ignore: decorator
@inline export function rankOf(p: usize, len: usize): u32 {
  if (len == 2) return pairRank(p);
  if (len == 1) return byteRank(p);
  return hashRank(p, len);
}

// ---- loading ----

/** Blob checksum: over the little-endian u32 words of [p, p + len) (len zero-padded to 4), h = rotl(h ^ w, 13) * 0x9e3779b1. */
function checksum(p: usize, len: usize): u32 {
  let h: u32 = 0x811c9dc5;
  let i: usize = 0;
  for (; i + 4 <= len; i += 4) h = rotl<u32>(h ^ load<u32>(p + i), 13) * 0x9e3779b1;
  if (i < len) {
    let w: u32 = 0;
    for (let k: usize = 0; i + k < len; k++) w |= <u32>load<u8>(p + i + k) << (<u32>k << 3);
    h = rotl<u32>(h ^ w, 13) * 0x9e3779b1;
  }
  return h;
}

function pow2AtLeast(n: u32, min: u32): u32 {
  let c = min;
  while (c < n) c <<= 1;
  return c;
}

function log2(c: u32): u32 {
  return 31 - clz(c);
}

/** Builds the table from a BPE1 blob (copied; the caller keeps ownership of the blob). */
export function loadTable(table: i32, blob: usize, blobLen: i32): i32 {
  if (table < 0 || table >= TABLE_COUNT) return ERR_BAD_TABLE;
  const rec = TABLES + <usize>table * RECORD;
  if (load<u32>(rec + F_LOADED) != 0) return ERR_ALREADY_LOADED;
  if (blobLen < <i32>HEADER) return ERR_BLOB_SHORT;
  if (load<u32>(blob) != MAGIC) return ERR_BLOB_MAGIC;
  if (load<u32>(blob, 4) != VERSION) return ERR_BLOB_VERSION;
  const nRanks = load<u32>(blob, 8);
  const nTokens = load<u32>(blob, 12);
  const maxLen = load<u32>(blob, 16);
  const bytesLen = load<u32>(blob, 20);
  if (<u64>HEADER + <u64>nRanks + <u64>bytesLen != <u64>blobLen) return ERR_BLOB_SIZE;
  if (checksum(blob + HEADER, <usize>blobLen - HEADER) != load<u32>(blob, 24)) return ERR_BLOB_CHECKSUM;
  if (maxLen < 3 || maxLen > 255 || nTokens < 256 || nTokens > nRanks) return ERR_BLOB_FORMAT;

  const lens = blob + HEADER;
  let total: u64 = 0;
  let count: u32 = 0;
  let n3: u32 = 0;
  let n4: u32 = 0;
  for (let r: u32 = 0; r < nRanks; r++) {
    const l = <u32>load<u8>(lens + <usize>r);
    if (l == 0) continue;
    if (l > maxLen) return ERR_BLOB_FORMAT;
    total += l;
    count++;
    if (l == 3) n3++;
    else if (l > 3) n4++;
  }
  if (total != <u64>bytesLen || count != nTokens) return ERR_BLOB_FORMAT;

  const cap = pow2AtLeast((n4 * 4 + 2) / 3, 16); // load factor <= 3/4
  const triCap = pow2AtLeast(n3 * 2, 16);
  const filterBits = pow2AtLeast(n4 * 8, 1024);
  const bytes = heap.alloc(<usize>bytesLen + PAD);
  memory.copy(bytes, lens + <usize>nRanks, <usize>bytesLen);
  memory.fill(bytes + <usize>bytesLen, 0, PAD);
  const offsets = heap.alloc((<usize>nRanks + 1) << 2);
  const slots = allocZeroed(<usize>cap * SLOT);
  const tri = allocZeroed(<usize>triCap << 3);
  const filter = allocZeroed(<usize>filterBits >> 3);
  const pair = heap.alloc(65536 << 2);
  memory.fill(pair, 0xff, 65536 << 2);
  const byteR = heap.alloc(256 << 2);
  memory.fill(byteR, 0xff, 256 << 2);
  const mask = cap - 1;
  const triShift = 32 - log2(triCap);
  const filterMask = filterBits - 1;

  let err: i32 = 0;
  let off: u32 = 0;
  setReadLimit(bytes + <usize>bytesLen + PAD);
  for (let r: u32 = 0; r < nRanks && err == 0; r++) {
    store<u32>(offsets + (<usize>r << 2), off);
    const l = <u32>load<u8>(lens + <usize>r);
    if (l == 0) continue;
    const tp = bytes + <usize>off;
    if (l <= 2) {
      const cell = l == 1 ? byteR + (<usize>load<u8>(tp) << 2) : pair + (<usize>load<u16>(tp) << 2);
      if (load<u32>(cell) != NONE) err = ERR_BLOB_DUPLICATE;
      else store<u32>(cell, r);
    } else if (l == 3) {
      const key = triKey(tp);
      if (triFind(tri, triShift, key) != NONE) {
        err = ERR_BLOB_DUPLICATE;
      } else {
        let i = (key * 0x9e3779b1) >> triShift;
        while (load<u32>(tri + (<usize>i << 3)) != 0) i = (i + 1) & (triCap - 1);
        store<u64>(tri + (<usize>i << 3), <u64>key | (<u64>r << 32));
      }
    } else {
      if (!slotInsert(slots, mask, bytes, offsets, tp, <usize>l, r)) {
        err = ERR_BLOB_DUPLICATE;
      } else {
        const bit = filterBit(hashKey(tp, <usize>l, head8(tp, <usize>l)), filterMask);
        const fb = filter + <usize>(bit >> 3);
        store<u8>(fb, <u8>(<u32>load<u8>(fb) | (<u32>1 << (bit & 7))));
      }
    }
    off += l;
  }
  store<u32>(offsets + (<usize>nRanks << 2), off);
  if (err == 0) {
    for (let b = 0; b < 256; b++) {
      if (load<u32>(byteR + (<usize>b << 2)) == NONE) {
        err = ERR_BLOB_MISSING_BYTE;
        break;
      }
    }
  }
  if (err != 0) {
    heap.free(bytes);
    heap.free(offsets);
    heap.free(slots);
    heap.free(tri);
    heap.free(filter);
    heap.free(pair);
    heap.free(byteR);
    return err;
  }
  store<u32>(rec + F_BYTES, <u32>bytes);
  store<u32>(rec + F_OFFSETS, <u32>offsets);
  store<u32>(rec + F_SLOTS, <u32>slots);
  store<u32>(rec + F_MASK, mask);
  store<u32>(rec + F_PAIR, <u32>pair);
  store<u32>(rec + F_BYTE, <u32>byteR);
  store<u32>(rec + F_MAXLEN, maxLen);
  store<u32>(rec + F_TRI, <u32>tri);
  store<u32>(rec + F_TRI_SHIFT, triShift);
  store<u32>(rec + F_FILTER, <u32>filter);
  store<u32>(rec + F_FILTER_MASK, filterMask);
  store<u32>(rec + F_LOADED, 1);
  return 0;
}
