// llms 0.4.2's think sanitizer, exactly as its regular expressions behave (non-unicode, /gi):
//   1. remove every `<think>…</think>` (ASCII case-insensitive, lazy, across lines)
//   2. remove every fenced block: three backticks, JS whitespace*, `think` (ASCII case-insensitive,
//      as a prefix), lazily up to the next three backticks
//   3. runs of 3+ LF become exactly two
//   4. String.prototype.trim
import { isJsWhitespace, jsTrim } from '@llms-wasm/module-kit/assembly';

const OPEN = '<think>';
const CLOSE = '</think>';
const FENCE = '```';

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

/** First index >= from where `word` occurs, ignoring ASCII case; -1 if none. */
function findCaseless(s: string, word: string, from: i32): i32 {
  const last = s.length - word.length;
  const first = word.charCodeAt(0);
  for (let i = from; i <= last; i++) {
    if (lowerAscii(s.charCodeAt(i)) == first && matchesAt(s, i, word)) return i;
  }
  return -1;
}

function removeThinkBlocks(s: string): string {
  let out = '';
  let kept = 0;
  let from = 0;
  for (;;) {
    const open = findCaseless(s, OPEN, from);
    if (open < 0) break;
    const close = findCaseless(s, CLOSE, open + OPEN.length);
    if (close < 0) break; // no later opener can close either
    out += s.substring(kept, open);
    kept = close + CLOSE.length;
    from = kept;
  }
  return kept == 0 ? s : out + s.substring(kept);
}

function removeThinkFences(s: string): string {
  let out = '';
  let kept = 0;
  let from = 0;
  const n = s.length;
  for (;;) {
    const open = s.indexOf(FENCE, from);
    if (open < 0) break;
    let k = open + 3;
    while (k < n && isJsWhitespace(<u32>s.charCodeAt(k))) k++;
    if (!matchesAt(s, k, 'think')) {
      from = open + 1; // the regex retries at the next position (e.g. a fourth backtick)
      continue;
    }
    const close = s.indexOf(FENCE, k + 5);
    if (close < 0) break;
    out += s.substring(kept, open);
    kept = close + 3;
    from = kept;
  }
  return kept == 0 ? s : out + s.substring(kept);
}

function collapseNewlines(s: string): string {
  const n = s.length;
  let out = '';
  let kept = 0;
  let i = 0;
  while (i < n) {
    if (s.charCodeAt(i) != 10) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && s.charCodeAt(j) == 10) j++;
    if (j - i >= 3) {
      out += s.substring(kept, i) + '\n\n';
      kept = j;
    }
    i = j;
  }
  return kept == 0 ? s : out + s.substring(kept);
}

/** The sanitized text: think blocks and think fences removed, blank lines collapsed, trimmed. */
export function sanitizeThink(s: string): string {
  return jsTrim(collapseNewlines(removeThinkFences(removeThinkBlocks(s))));
}
