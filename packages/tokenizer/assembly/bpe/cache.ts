// Piece cache: the tokens of recently merged pieces, so text seen again (chat history re-sent with
// every request, repeated system prompts) skips the merge. Raw memory, allocated on first use and
// kept: a ring arena of entries and a two-way set-associative index. Results never depend on it:
// a hit requires the entry to be intact (not yet overwritten by the ring) and its bytes to equal
// the piece's.
//
// Entry in the arena: u32 hash | u8 table | u8 piece length | u16 token count |
//                     piece bytes (padded to 4) | u32 tokens
// Index slot (u64): hash | (logical arena position + 1) << 32, 0 = empty.

const ARENA: u32 = 1 << 21;
const SETS: u32 = 1 << 14;
const ENTRY_HEADER: usize = 8;
/** Longest piece the cache takes (its length is a u8). */
export const CACHE_MAX_PIECE: usize = 255;

let arena: usize = 0;
let index: usize = 0;
/** Logical write position: bytes written to the ring since the last reset. */
let pos: u32 = 0;
let hitTokens: usize = 0;

// @ts-ignore: decorator
@inline function pad4(n: usize): usize {
  return (n + 3) & ~(<usize>3);
}

/** Hash of a piece for the cache (any deterministic function works). */
export function pieceHash(p: usize, len: usize, table: u32): u32 {
  let h: u64 = (<u64>len << 8) ^ <u64>table ^ 0x9e3779b97f4a7c15;
  let i: usize = 0;
  while (i + 8 <= len) {
    h = (h ^ load<u64>(p + i)) * 0xbf58476d1ce4e5b9;
    h ^= h >> 29;
    i += 8;
  }
  while (i < len) {
    h = (h ^ <u64>load<u8>(p + i)) * 0x94d049bb133111eb;
    i++;
  }
  h ^= h >> 32;
  return <u32>h;
}

/** Token count of the last cacheGet hit. */
export function cacheHitCount(): usize {
  return hitTokens;
}

/** Address of the piece's cached u32 tokens (count in cacheHitCount()), or 0. */
export function cacheGet(p: usize, len: usize, table: u32, hash: u32): usize {
  if (arena == 0) return 0;
  const set = index + (<usize>(hash & (SETS - 1)) << 4);
  for (let way: usize = 0; way < 16; way += 8) {
    const slot = load<u64>(set + way);
    if (<u32>slot != hash || slot == 0) continue;
    const at = <u32>(slot >> 32) - 1;
    if (pos - at > ARENA) continue; // overwritten since
    const e = arena + <usize>(at & (ARENA - 1));
    if (load<u32>(e) != hash || <u32>load<u8>(e, 4) != table || <usize>load<u8>(e, 5) != len) continue;
    const bytes = e + ENTRY_HEADER;
    let same = true;
    for (let i: usize = 0; i < len; i++) {
      if (load<u8>(bytes + i) != load<u8>(p + i)) {
        same = false;
        break;
      }
    }
    if (!same) continue;
    hitTokens = <usize>load<u16>(e, 6);
    return bytes + pad4(len);
  }
  return 0;
}

/** Stores the piece (len <= CACHE_MAX_PIECE) with its ntok tokens (u32 at toks). */
export function cachePut(p: usize, len: usize, table: u32, hash: u32, toks: usize, ntok: usize): void {
  if (arena == 0) {
    arena = heap.alloc(<usize>ARENA);
    index = heap.alloc(<usize>SETS << 4);
    memory.fill(index, 0, <usize>SETS << 4);
    pos = 0;
  }
  const size = <u32>(ENTRY_HEADER + pad4(len) + (ntok << 2));
  if (pos > 0xf0000000) {
    // Start over long before the logical position could wrap.
    memory.fill(index, 0, <usize>SETS << 4);
    pos = 0;
  }
  const phys = pos & (ARENA - 1);
  if (phys + size > ARENA) pos += ARENA - phys; // entries never straddle the ring's end
  const at = pos;
  pos += size;
  const e = arena + <usize>(at & (ARENA - 1));
  store<u32>(e, hash);
  store<u8>(e, <u8>table, 4);
  store<u8>(e, <u8>len, 5);
  store<u16>(e, <u16>ntok, 6);
  memory.copy(e + ENTRY_HEADER, p, len);
  memory.copy(e + ENTRY_HEADER + pad4(len), toks, ntok << 2);
  // Replace the older (or an empty / dead) way.
  const set = index + (<usize>(hash & (SETS - 1)) << 4);
  const a = load<u64>(set);
  const b = load<u64>(set, 8);
  const ageA = a == 0 ? 0xffffffff : pos - (<u32>(a >> 32) - 1);
  const ageB = b == 0 ? 0xffffffff : pos - (<u32>(b >> 32) - 1);
  store<u64>(set + (ageA >= ageB ? 0 : 8), <u64>hash | (<u64>(at + 1) << 32));
}

// ---- long pieces (more than CACHE_MAX_PIECE bytes, at most LONG_MAX): a few raw entries ----
// Entry: u32 table | u32 length | u32 token count | u32 pad | piece bytes (padded to 8) | u32 tokens.
// Freed when replaced; LONG_WAYS * (LONG_MAX * 5 + header) bytes at most.

const LONG_WAYS: u32 = 4;
/** Longest piece the long cache takes. */
export const LONG_MAX: usize = 1 << 20;
const LONG: usize = memory.data(<i32>(LONG_WAYS << 2));
let longNext: u32 = 0;

/** Which long entry could hold the piece: a cheap hash of its length, ends and middle (the bytes are compared in full). */
function longWay(p: usize, len: usize, table: u32): u32 {
  const h = pieceHash(p, 32, table) ^ pieceHash(p + len - 32, 32, <u32>len) ^ pieceHash(p + (len >> 1) - 16, 32, 0);
  return h;
}

function sameBytes(a: usize, b: usize, len: usize): bool {
  let i: usize = 0;
  for (; i + 8 <= len; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
  for (; i < len; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

/** Address of the long piece's cached tokens (count in cacheHitCount()), or 0. */
export function longGet(p: usize, len: usize, table: u32): usize {
  const key = longWay(p, len, table);
  for (let w: u32 = 0; w < LONG_WAYS; w++) {
    const e = <usize>load<u32>(LONG + (<usize>w << 2));
    if (e == 0 || load<u32>(e) != table || <usize>load<u32>(e, 4) != len || load<u32>(e, 12) != key) continue;
    if (!sameBytes(e + 16, p, len)) continue;
    hitTokens = <usize>load<u32>(e, 8);
    return e + 16 + ((len + 7) & ~(<usize>7));
  }
  return 0;
}

/** Stores a long piece (CACHE_MAX_PIECE < len <= LONG_MAX) with its tokens, replacing the oldest entry. */
export function longPut(p: usize, len: usize, table: u32, toks: usize, ntok: usize): void {
  const slot = LONG + (<usize>longNext << 2);
  longNext = (longNext + 1) % LONG_WAYS;
  const old = <usize>load<u32>(slot);
  if (old != 0) heap.free(old);
  const padded = (len + 7) & ~(<usize>7);
  const e = heap.alloc(16 + padded + (ntok << 2));
  store<u32>(e, table);
  store<u32>(e, <u32>len, 4);
  store<u32>(e, <u32>ntok, 8);
  store<u32>(e, longWay(p, len, table), 12);
  memory.copy(e + 16, p, len);
  memory.copy(e + 16 + padded, toks, ntok << 2);
  store<u32>(slot, <u32>e);
}

/** Empties the cache (the ring's memory stays allocated; long entries are freed). */
export function cacheClear(): void {
  if (index != 0) memory.fill(index, 0, <usize>SETS << 4);
  pos = 0;
  for (let w: u32 = 0; w < LONG_WAYS; w++) {
    const slot = LONG + (<usize>w << 2);
    const e = <usize>load<u32>(slot);
    if (e != 0) heap.free(e);
    store<u32>(slot, 0);
  }
}
