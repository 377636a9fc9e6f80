// llms 0.4.2's think sanitizer, exactly as its regular expressions behave (non-unicode, /gi):
//   1. remove every `<think>…</think>` (ASCII case-insensitive, lazy, across lines)
//   2. remove every fenced block: three backticks, JS whitespace*, `think` (ASCII case-insensitive,
//      as a prefix), lazily up to the next three backticks
//   3. runs of 3+ LF become exactly two
//   4. String.prototype.trim
import { CharSink, indexOfUnit, isJsWhitespace, jsTrim } from '@llms-wasm/module-kit/assembly';

// Pieces of the result are appended here (linear), never concatenated string to string (quadratic).
const built = new CharSink(1024);

function append(s: string, from: i32, to: i32): void {
  built.writeUtf16(changetype<usize>(s) + (<usize>from << 1), to - from);
}

const OPEN = '<think>';
const CLOSE = '</think>';

// @ts-ignore: decorator
@inline
function lowerAscii(c: i32): i32 {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** True when `s` at `at` starts with `word` (lower-case ASCII), ignoring ASCII case. */
function matchesAt(s: string, at: i32, word: string): bool {
  const n = word.length;
  if (at < 0 || at + n > s.length) return false;
  for (let i = 0; i < n; i++) {
    if (lowerAscii(s.charCodeAt(at + i)) != word.charCodeAt(i)) return false;
  }
  return true;
}

/** First index >= from where `word` (starting with a non-letter, e.g. '<') occurs, ignoring ASCII case; -1 if none. */
function findCaseless(s: string, word: string, from: i32): i32 {
  const first = <u32>word.charCodeAt(0);
  for (let i = indexOfUnit(s, first, from); i >= 0; i = indexOfUnit(s, first, i + 1)) {
    if (matchesAt(s, i, word)) return i;
  }
  return -1;
}

/** First index >= from of three backticks; -1 if none. */
function findFence(s: string, from: i32): i32 {
  const p = changetype<usize>(s);
  const n = s.length;
  for (let i = indexOfUnit(s, 0x60, from); i >= 0 && i + 3 <= n; i = indexOfUnit(s, 0x60, i + 1)) {
    if (load<u16>(p + (<usize>(i + 1) << 1)) == 0x60 && load<u16>(p + (<usize>(i + 2) << 1)) == 0x60) return i;
  }
  return -1;
}

function removeThinkBlocks(s: string): string {
  built.reset();
  let kept = 0;
  let from = 0;
  for (;;) {
    const open = findCaseless(s, OPEN, from);
    if (open < 0) break;
    const close = findCaseless(s, CLOSE, open + OPEN.length);
    if (close < 0) break; // no later opener can close either
    append(s, kept, open);
    kept = close + CLOSE.length;
    from = kept;
  }
  if (kept == 0) return s;
  append(s, kept, s.length);
  return built.toString();
}

function removeThinkFences(s: string): string {
  built.reset();
  let kept = 0;
  let from = 0;
  const n = s.length;
  for (;;) {
    const open = findFence(s, from);
    if (open < 0) break;
    let k = open + 3;
    while (k < n && isJsWhitespace(<u32>s.charCodeAt(k))) k++;
    if (!matchesAt(s, k, 'think')) {
      from = open + 1; // the regex retries at the next position (e.g. a fourth backtick)
      continue;
    }
    const close = findFence(s, k + 5);
    if (close < 0) break;
    append(s, kept, open);
    kept = close + 3;
    from = kept;
  }
  if (kept == 0) return s;
  append(s, kept, s.length);
  return built.toString();
}

function collapseNewlines(s: string): string {
  const n = s.length;
  const p = changetype<usize>(s);
  built.reset();
  let kept = 0;
  for (let i = indexOfUnit(s, 10, 0); i >= 0; i = indexOfUnit(s, 10, i)) {
    let j = i;
    while (j < n && load<u16>(p + (<usize>j << 1)) == 10) j++;
    if (j - i >= 3) {
      append(s, kept, i);
      built.writeUnit(10);
      built.writeUnit(10);
      kept = j;
    }
    i = j;
  }
  if (kept == 0) return s;
  append(s, kept, n);
  return built.toString();
}

/** The sanitized text: think blocks and think fences removed, blank lines collapsed, trimmed. */
export function sanitizeThink(s: string): string {
  return jsTrim(collapseNewlines(removeThinkFences(removeThinkBlocks(s))));
}
