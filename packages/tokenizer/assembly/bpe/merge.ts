// Byte-pair merge of one piece, identical to tiktoken's: repeatedly merge the adjacent pair of
// parts whose concatenated bytes have the lowest rank (leftmost on ties) until no pair is a token;
// a piece that is itself a token is that token.
// Short pieces use tiktoken's own scheme (arrays, linear scan for the minimum: O(n^2) with a tiny
// constant); longer ones a linked list and a tournament tree keyed by (rank, start), which yields
// the pairs in the same order, in O(n log n). Merged pieces go through the piece cache (cache.ts).
// No GC allocation: static buffers for short pieces, one raw scratch buffer, grown on demand and
// reused, for long ones.
import { CACHE_MAX_PIECE, LONG_MAX, cacheGet, cacheHitCount, cachePut, longGet, longPut, pieceHash } from "./cache";
import { NONE, byteRank, hashRank, maxTokenLen, pairRank, rankOf, selectedTable } from "./ranks";

/** Pieces up to this many bytes use the linear-scan merge. */
export const SMALL_MAX: usize = 16;
/** Pieces of this many bytes or more go through the piece cache (shorter ones merge as fast). */
const CACHE_MIN: usize = 5;

const SMALL_POS: usize = memory.data(<i32>((SMALL_MAX + 1) << 2));
const SMALL_RANK: usize = memory.data(<i32>((SMALL_MAX + 1) << 2));
const SMALL_TOK: usize = memory.data(<i32>((SMALL_MAX + 1) << 2));

// Output sink of the current run: ids are stored while count < cap; count is always advanced.
let outPtr: usize = 0;
let outCap: u32 = 0;
let outCount: u32 = 0;

export function resetOutput(ptr: usize, cap: u32): void {
  outPtr = ptr;
  outCap = cap;
  outCount = 0;
}

export function outputCount(): u32 {
  return outCount;
}

// @ts-ignore: decorator
@inline function emit(tok: u32): void {
  if (outCount < outCap) store<u32>(outPtr + (<usize>outCount << 2), tok);
  outCount++;
}

/** Encodes the piece [p, q) (q > p) into the output sink. */
export function encodePiece(p: usize, q: usize): void {
  const n = q - p;
  if (n == 1) {
    emit(byteRank(p));
    return;
  }
  const whole = rankOf(p, n);
  if (whole != NONE) {
    emit(whole);
    return;
  }
  if (n < CACHE_MIN) {
    emitAll(mergeSmall(p, n), SMALL_TOK);
    return;
  }
  if (n > CACHE_MAX_PIECE) {
    if (n > LONG_MAX) {
      emitAll(mergeLarge(p, n), scratchTokens);
      return;
    }
    const longHit = longGet(p, n, selectedTable());
    if (longHit != 0) {
      emitAll(cacheHitCount(), longHit);
      return;
    }
    const count = mergeLarge(p, n);
    emitAll(count, scratchTokens);
    longPut(p, n, selectedTable(), scratchTokens, count);
    return;
  }
  const table = selectedTable();
  const hash = pieceHash(p, n, table);
  const hit = cacheGet(p, n, table, hash);
  if (hit != 0) {
    emitAll(cacheHitCount(), hit);
    return;
  }
  let count: usize;
  let toks: usize;
  if (n <= SMALL_MAX) {
    count = mergeSmall(p, n);
    toks = SMALL_TOK;
  } else {
    count = mergeLarge(p, n);
    toks = scratchTokens;
  }
  emitAll(count, toks);
  cachePut(p, n, table, hash, toks, count);
}

function emitAll(count: usize, toks: usize): void {
  if (outCount < outCap) {
    const room = <usize>(outCap - outCount);
    memory.copy(outPtr + (<usize>outCount << 2), toks, (count < room ? count : room) << 2);
  }
  outCount += <u32>count;
}

// @ts-ignore: decorator
@inline function ld(base: usize, i: usize): u32 {
  return load<u32>(base + (i << 2));
}

// @ts-ignore: decorator
@inline function st(base: usize, i: usize, v: u32): void {
  store<u32>(base + (i << 2), v);
}

/** Rank of [p + a, p + b) (b - a >= 3: a merged part and its neighbour). */
// @ts-ignore: decorator
@inline function spanRank(p: usize, a: usize, b: usize): u32 {
  return hashRank(p + a, b - a);
}

/** Merges [p, p + n) (n <= SMALL_MAX); leaves the tokens at SMALL_TOK and returns their count. */
function mergeSmall(p: usize, n: usize): usize {
  const pos = SMALL_POS;
  const rk = SMALL_RANK;
  const tk = SMALL_TOK;
  for (let i: usize = 0; i < n; i++) {
    st(pos, i, <u32>i);
    st(tk, i, byteRank(p + i));
  }
  st(pos, n, <u32>n);
  for (let i: usize = 0; i + 1 < n; i++) st(rk, i, pairRank(p + i));
  st(rk, n - 1, NONE);
  let m = n; // parts
  while (true) {
    let best = NONE;
    let bi: usize = 0;
    for (let i: usize = 0; i + 1 < m; i++) {
      const r = ld(rk, i);
      if (r < best) {
        best = r;
        bi = i;
      }
    }
    if (best == NONE) break;
    st(tk, bi, best);
    // Remove part bi + 1.
    memory.copy(pos + ((bi + 1) << 2), pos + ((bi + 2) << 2), (m - bi - 1) << 2);
    if (m > bi + 2) {
      memory.copy(tk + ((bi + 1) << 2), tk + ((bi + 2) << 2), (m - bi - 2) << 2);
      memory.copy(rk + ((bi + 1) << 2), rk + ((bi + 2) << 2), (m - bi - 2) << 2);
    }
    m--;
    const start = <usize>ld(pos, bi);
    st(rk, bi, bi + 1 < m ? spanRank(p, start, <usize>ld(pos, bi + 2)) : NONE);
    if (bi > 0) st(rk, bi - 1, spanRank(p, <usize>ld(pos, bi - 1), <usize>ld(pos, bi + 1)));
  }
  return m;
}

// Scratch for long pieces: next, prev and token (u32 per byte) and the tournament tree (u64, 2 per
// leaf, leaves rounded up to a power of two), raw memory grown on demand and reused.
let scratch: usize = 0;
let scratchBytes: usize = 0;

function ensureScratch(bytes: usize): usize {
  if (bytes > scratchBytes) {
    if (scratch != 0) heap.free(scratch);
    let size = scratchBytes == 0 ? <usize>65536 : scratchBytes;
    while (size < bytes) size <<= 1;
    scratch = heap.alloc(size);
    scratchBytes = size;
  }
  return scratch;
}

const EMPTY: u64 = 0xffffffffffffffff;

/** Tree key: rank, then start offset, so the minimum is the leftmost lowest-ranked pair. */
// @ts-ignore: decorator
@inline function treeKey(rank: u32, i: usize): u64 {
  return (<u64>rank << 32) | <u64>i;
}

/** Sets leaf i and recomputes its ancestors, stopping where a minimum does not change. */
// @ts-ignore: decorator
@inline function treeSet(tree: usize, leaves: usize, i: usize, key: u64): void {
  let v = leaves + i;
  store<u64>(tree + (v << 3), key);
  while (v > 1) {
    const sib = load<u64>(tree + ((v ^ 1) << 3));
    const m = key < sib ? key : sib;
    v >>= 1;
    if (load<u64>(tree + (v << 3)) == m) break;
    store<u64>(tree + (v << 3), m);
    key = m;
  }
}

/** Tokens of the last mergeLarge (u32, in the scratch buffer). */
let scratchTokens: usize = 0;

/**
 * Merges [p, p + n) using a tournament tree over part start offsets (min of (rank, offset)): each
 * merge is O(log n). Leaves the tokens at scratchTokens and returns their count.
 */
function mergeLarge(p: usize, n: usize): usize {
  let leaves: usize = 1;
  while (leaves < n) leaves <<= 1;
  const base = ensureScratch(n * 12 + leaves * 16 + 8);
  const nxt = base;
  const prv = nxt + (n << 2);
  const tk = prv + (n << 2);
  const tree = (tk + (n << 2) + 7) & ~(<usize>7);
  for (let i: usize = 0; i < n; i++) {
    st(nxt, i, <u32>(i + 1));
    st(prv, i, <u32>(i - 1));
    st(tk, i, byteRank(p + i));
  }
  const leaf = tree + (leaves << 3);
  for (let i: usize = 0; i + 1 < n; i++) store<u64>(leaf + (i << 3), treeKey(pairRank(p + i), i));
  for (let i: usize = n - 1; i < leaves; i++) store<u64>(leaf + (i << 3), EMPTY);
  for (let v = leaves - 1; v >= 1; v--) {
    const a = load<u64>(tree + ((2 * v) << 3));
    const b = load<u64>(tree + ((2 * v + 1) << 3));
    store<u64>(tree + (v << 3), a < b ? a : b);
  }
  const maxLen = maxTokenLen();
  while (true) {
    const top = load<u64>(tree + 8);
    const r = <u32>(top >> 32);
    if (r == NONE) break;
    const i = <usize>(<u32>top);
    // Merge part i with the next part j.
    const j = <usize>ld(nxt, i);
    const k = <usize>ld(nxt, j);
    st(tk, i, r);
    st(nxt, i, <u32>k);
    treeSet(tree, leaves, j, EMPTY);
    let nr = NONE;
    if (k < n) {
      st(prv, k, <u32>i);
      const kEnd = <usize>ld(nxt, k);
      if (kEnd - i <= maxLen) nr = hashRank(p + i, kEnd - i);
    }
    treeSet(tree, leaves, i, treeKey(nr, i));
    if (i > 0) {
      const h = <usize>ld(prv, i);
      treeSet(tree, leaves, h, treeKey(k - h <= maxLen ? hashRank(p + h, k - h) : NONE, h));
    }
  }
  // Compact the surviving parts' tokens to the front of tk (write index <= read index).
  let count: usize = 0;
  for (let i: usize = 0; i < n; i = <usize>ld(nxt, i)) {
    st(tk, count, ld(tk, i));
    count++;
  }
  scratchTokens = tk;
  return count;
}
