// The fenced-block regex llms uses in several places, /```(?:WORD)?\s*([\s\S]*?)\s*```/i, as a scanner.
// From the first ``` that has a closing ``` after it: the optional WORD (ASCII case-insensitive) is taken
// when present, then whitespace; the body runs lazily to the first later ```, minus the whitespace
// before it. (Backtracking cannot find another match at the same start: WORD holds no backtick.)
import { backWs, indexOfI, matchAt, matchAtI, skipWs } from '../js/chars';
import { find } from '../js/find';

export class Fence {
  constructor(
    public start: i32,
    public end: i32,
    public bodyStart: i32,
    public bodyEnd: i32,
  ) {}
}

const TICKS = '```';

/** The first match at or after `from`, or null. `word` is lower case ('' for none). */
export function findFence(s: string, word: string, from: i32): Fence | null {
  let p = find(s, TICKS, from);
  while (p >= 0) {
    let b = p + 3;
    if (word.length > 0 && matchAtI(s, b, word)) b += word.length;
    b = skipWs(s, b);
    const q = find(s, TICKS, b);
    if (q >= 0) return new Fence(p, q + 3, b, backWs(s, q, b));
    p = find(s, TICKS, p + 1);
  }
  return null;
}

/** True when `s` starts with ``` at `i` (for callers scanning by hand). */
export function ticksAt(s: string, i: i32): bool {
  return matchAt(s, i, TICKS);
}

/** First index of `lit` ignoring ASCII case (re-exported for the markup scanners). */
export function findI(s: string, lit: string, from: i32): i32 {
  return indexOfI(s, lit, from);
}
