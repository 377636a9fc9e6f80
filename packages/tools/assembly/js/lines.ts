// Line-oriented matching helpers: `^`/`$` under the `m` flag, and the lazy-group-then-tail shape
// several header regular expressions share.
import { isLineTerminator, isWs, matchAt, skipWs } from './chars';
import { find } from './find';

/**
 * /^(?:\s*)LIT/m: some line start followed by optional whitespace (which may span lines) and `lit` at
 * `j`. True when the whitespace run before `j` starts the text or contains a line terminator.
 */
export function wsLineStartBefore(s: string, j: i32): bool {
  let i = j;
  while (i > 0 && isWs(s.charCodeAt(i - 1))) {
    if (isLineTerminator(s.charCodeAt(i - 1))) return true;
    i--;
  }
  return i == 0;
}

/** Positions `j` where `lit` occurs preceded (per wsLineStartBefore) by a line start, first one from `from`; -1 if none. */
export function findAfterWsLineStart(s: string, lit: string, from: i32): i32 {
  let j = find(s, lit, from);
  while (j >= 0) {
    if (wsLineStartBefore(s, j)) return j;
    j = find(s, lit, j + 1);
  }
  return -1;
}

/** /^LIT/m: `lit` at the start of some line. */
export function hasLineStarting(s: string, lit: string): bool {
  let j = find(s, lit);
  while (j >= 0) {
    if (j == 0 || isLineTerminator(s.charCodeAt(j - 1))) return true;
    j = find(s, lit, j + 1);
  }
  return false;
}

/** /^LIT\s+\S/m: `lit` at a line start, then whitespace (possibly across lines), then any non-space. */
export function hasLineStartingWsThenText(s: string, lit: string): bool {
  let j = find(s, lit);
  while (j >= 0) {
    if (j == 0 || isLineTerminator(s.charCodeAt(j - 1))) {
      const k = j + lit.length;
      if (k < s.length && isWs(s.charCodeAt(k)) && skipWs(s, k) < s.length) return true;
    }
    j = find(s, lit, j + 1);
  }
  return false;
}

/** /^LIT\s+/m (what `\s+` accepts: at least one whitespace character, a newline included). */
export function hasLineStartingWs(s: string, lit: string): bool {
  let j = find(s, lit);
  while (j >= 0) {
    if ((j == 0 || isLineTerminator(s.charCodeAt(j - 1))) && j + lit.length < s.length && isWs(s.charCodeAt(j + lit.length))) return true;
    j = find(s, lit, j + 1);
  }
  return false;
}

/** A lazy group's span. */
export class Span {
  constructor(
    public start: i32,
    public end: i32,
    public matchEnd: i32,
  ) {}
}

/**
 * `\s*(.+?)(?:\s+\*\*\*)?\s*$` (no `m`) matched from `from` to the end of `s`: the optional leading
 * whitespace is greedy and gives back characters one by one; the group (no line terminators) is lazy;
 * the optional ` ***` is tried before skipping it. Returns the group, or null.
 */
export function lazyGroupTrailingStars(s: string, from: i32): Span | null {
  const n = s.length;
  for (let g = skipWs(s, from); g >= from; g--) {
    for (let e = g + 1; e <= n; e++) {
      if (isLineTerminator(s.charCodeAt(e - 1))) break;
      const w = skipWs(s, e);
      if (w > e && matchAt(s, w, '***') && skipWs(s, w + 3) == n) return new Span(g, e, n);
      if (w == n) return new Span(g, e, n);
    }
  }
  return null;
}
