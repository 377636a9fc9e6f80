// Hand-written pre-tokenizers: each `next*` returns the end of the piece that tiktoken's regex
// (Rust regex / fancy-regex: leftmost-first alternation, greedy quantifiers with backtracking)
// matches at p, for p < end. Every alternative is resolved in the regex's order; the comments give
// the reasoning for the backtracking cases. Each function scans a character at most a constant
// number of times, so a whole text is pre-tokenized in linear time.
import {
  CLS_CRLF,
  CLS_LL,
  CLS_NUM,
  SET_L,
  SET_LOWER,
  SET_N,
  SET_OTHER,
  SET_PREFIX,
  SET_UPPER,
  SET_WS,
  charInfo,
  contractionLetter,
  decodeAt,
  inSet,
  infoClass,
  infoLen,
} from "./unicode";

const APOS: u32 = 0x27;
const SPACE: u32 = 0x20;

// Bytes a repeat check may skip after a character of 1..4 bytes: whole copies within 8 bytes.
const REPEAT_STEP: usize = memory.data<u8>([0, 8, 8, 6, 8]);

/**
 * Past copies of the character of `len` bytes just before q: while the 8 bytes at q equal the 8
 * bytes at q - len, the bytes from q - len on repeat with period len, so they hold whole copies of
 * that character (a fast path for long runs of one character; reads stay below end).
 */
// @ts-ignore: decorator
@inline function skipRepeats(q: usize, end: usize, len: usize): usize {
  while (q + 8 <= end && load<u64>(q) == load<u64>(q - len)) q += <usize>load<u8>(REPEAT_STEP + len);
  return q;
}

/** End of the maximal run of characters in `set` starting at q. */
function runOf(q: usize, end: usize, set: u32): usize {
  while (q < end) {
    const info = charInfo(q, end);
    if (!inSet(infoClass(info), set)) break;
    const len = infoLen(info);
    q = skipRepeats(q + len, end, len);
  }
  return q;
}

/** `\p{N}{1,3}` after its first digit (q is past it). */
function digits3(q: usize, end: usize): usize {
  for (let k = 0; k < 2 && q < end; k++) {
    const info = charInfo(q, end);
    if (infoClass(info) != CLS_NUM) break;
    q += infoLen(info);
  }
  return q;
}

/** `[\r\n]*` (slash = false) or `[\r\n/]*` (slash = true). */
function newlineRun(q: usize, end: usize, slash: bool): usize {
  while (q < end) {
    const b = <u32>load<u8>(q);
    if (b == 0x0a || b == 0x0d || (slash && b == 0x2f)) q++;
    else break;
  }
  return q;
}

/**
 * `(?i:'s|'t|'re|'ve|'m|'ll|'d)` at q: its byte length, or 0. (?i) uses simple case folding, so
 * e.g. 's' also matches 'S' and U+017F.
 */
function contractionCI(q: usize, end: usize): usize {
  if (q + 1 >= end || <u32>load<u8>(q) != APOS) return 0;
  const d1 = decodeAt(q + 1, end);
  const l1 = contractionLetter(d1 & 0xffffff);
  const n1 = <usize>(d1 >> 24);
  if (l1 == 0x73 || l1 == 0x74 || l1 == 0x6d || l1 == 0x64) return 1 + n1; // s t m d
  if (l1 != 0x72 && l1 != 0x76 && l1 != 0x6c) return 0; // r v l
  const q2 = q + 1 + n1;
  if (q2 >= end) return 0;
  const d2 = decodeAt(q2, end);
  const l2 = contractionLetter(d2 & 0xffffff);
  if ((l1 == 0x6c && l2 == 0x6c) || (l1 != 0x6c && l2 == 0x65)) return 1 + n1 + <usize>(d2 >> 24);
  return 0;
}

/**
 * `\s+(?!\S)|\s+` at p, p on white space. The greedy run stops before a non-space (or the end);
 * before a non-space the lookahead fails and the run gives back its last character (if that leaves
 * one); otherwise the whole run. With `newline`, `\s*[\r\n]+` comes first: it matches when the run
 * holds a CR or LF and ends right after the last one (backtracking \s* to it).
 */
function whitespace(p: usize, end: usize, newline: bool): usize {
  let q = p;
  let last = p;
  let nlEnd: usize = 0;
  while (q < end) {
    const info = charInfo(q, end);
    const cls = infoClass(info);
    if (!inSet(cls, SET_WS)) break;
    const len = infoLen(info);
    q = skipRepeats(q + len, end, len);
    last = q - len;
    if (cls == CLS_CRLF) nlEnd = q;
  }
  if (newline && nlEnd != 0) return nlEnd;
  if (q < end && last > p) return last;
  return q;
}

/** r50k/p50k: `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+` */
export function nextGpt2(p: usize, end: usize): usize {
  const b0 = <u32>load<u8>(p);
  if (b0 == APOS && p + 1 < end) {
    const b1 = <u32>load<u8>(p, 1);
    if (b1 == 0x73 || b1 == 0x74 || b1 == 0x6d || b1 == 0x64) return p + 2; // s t m d
    if (p + 2 < end) {
      const b2 = <u32>load<u8>(p, 2);
      if ((b1 == 0x72 || b1 == 0x76) && b2 == 0x65) return p + 3; // re ve
      if (b1 == 0x6c && b2 == 0x6c) return p + 3; // ll
    }
  }
  // ` ?X+` for X in L, N, other: the optional space is kept when a non-space follows it
  // (each X excludes \s, so one of the three then matches).
  let s = p;
  let info = charInfo(p, end);
  if (b0 == SPACE && p + 1 < end) {
    const next = charInfo(p + 1, end);
    if (!inSet(infoClass(next), SET_WS)) {
      s = p + 1;
      info = next;
    }
  }
  const cls = infoClass(info);
  const q = s + infoLen(info);
  if (inSet(cls, SET_L)) return runOf(q, end, SET_L);
  if (cls == CLS_NUM) return runOf(q, end, SET_N);
  if (inSet(cls, SET_OTHER)) return runOf(q, end, SET_OTHER);
  return whitespace(p, end, false);
}

/**
 * cl100k: `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
 */
export function nextCl100k(p: usize, end: usize): usize {
  const b0 = <u32>load<u8>(p);
  if (b0 == APOS) {
    const c = contractionCI(p, end);
    if (c != 0) return p + c;
  }
  const info = charInfo(p, end);
  const cls = infoClass(info);
  const q = p + infoLen(info);
  if (inSet(cls, SET_L)) return runOf(q, end, SET_L);
  // One prefix character, then letters (without the prefix \p{L}+ cannot start on it).
  if (inSet(cls, SET_PREFIX) && q < end) {
    const next = charInfo(q, end);
    if (inSet(infoClass(next), SET_L)) return runOf(q + infoLen(next), end, SET_L);
  }
  if (cls == CLS_NUM) return digits3(q, end);
  if (b0 == SPACE && q < end) {
    const next = charInfo(q, end);
    if (inSet(infoClass(next), SET_OTHER)) return newlineRun(runOf(q + infoLen(next), end, SET_OTHER), end, false);
  }
  if (inSet(cls, SET_OTHER)) return newlineRun(runOf(q, end, SET_OTHER), end, false);
  return whitespace(p, end, true);
}

/** `(?i:'s|'t|'re|'ve|'m|'ll|'d)?` at q: q plus the contraction's length. */
// @ts-ignore: decorator
@inline function optContraction(q: usize, end: usize): usize {
  return q < end && <u32>load<u8>(q) == APOS ? q + contractionCI(q, end) : q;
}

/**
 * o200k first alternative from s (after the optional prefix): `U*W+C?` with U = [Lu Lt Lm Lo M],
 * W = [Ll Lm Lo M], C the contractions. Greedy U* takes the maximal U run [s, u). If the next
 * character is in W (it can only be Ll), W+ takes the maximal W run from there. Otherwise U*
 * backtracks to the last character of its run that is also in W (Lm, Lo, M), W+ takes just that
 * one (what follows it is Lu/Lt or the non-W character at u). Returns the match end or 0.
 */
function o200kLowerWord(s: usize, end: usize): usize {
  let q = s;
  let lastBoth: usize = 0;
  let info: u32 = 0;
  while (q < end) {
    info = charInfo(q, end);
    const cls = infoClass(info);
    if (!inSet(cls, SET_UPPER)) break;
    const len = infoLen(info);
    q = skipRepeats(q + len, end, len);
    if (inSet(cls, SET_LOWER)) lastBoth = q;
  }
  if (q < end && infoClass(info) == CLS_LL) return optContraction(runOf(q + infoLen(info), end, SET_LOWER), end);
  if (lastBoth != 0) return optContraction(lastBoth, end);
  return 0;
}

/** o200k second alternative from s: `U+W*C?` (greedy, no backtracking needed). Returns the end or 0. */
function o200kUpperWord(s: usize, end: usize): usize {
  const u = runOf(s, end, SET_UPPER);
  if (u == s) return 0;
  return optContraction(runOf(u, end, SET_LOWER), end);
}

/**
 * o200k: `P?U*W+C?|P?U+W*C?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`
 * with P = [^\r\n\p{L}\p{N}] (tried with the prefix first, then without it: a mark is both a
 * prefix and in U and W).
 */
export function nextO200k(p: usize, end: usize): usize {
  const b0 = <u32>load<u8>(p);
  const info = charInfo(p, end);
  const cls = infoClass(info);
  const q = p + infoLen(info);
  const prefix = inSet(cls, SET_PREFIX);
  const wordy = inSet(cls, SET_UPPER | SET_LOWER);
  let r: usize;
  if (prefix && q < end) {
    r = o200kLowerWord(q, end);
    if (r != 0) return r;
  }
  if (wordy) {
    r = o200kLowerWord(p, end);
    if (r != 0) return r;
  }
  if (prefix && q < end) {
    r = o200kUpperWord(q, end);
    if (r != 0) return r;
  }
  if (wordy) {
    r = o200kUpperWord(p, end);
    if (r != 0) return r;
  }
  if (cls == CLS_NUM) return digits3(q, end);
  if (b0 == SPACE && q < end) {
    const next = charInfo(q, end);
    if (inSet(infoClass(next), SET_OTHER)) return newlineRun(runOf(q + infoLen(next), end, SET_OTHER), end, true);
  }
  if (inSet(cls, SET_OTHER)) return newlineRun(runOf(q, end, SET_OTHER), end, true);
  return whitespace(p, end, true);
}
