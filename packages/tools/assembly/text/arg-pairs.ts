// The `<arg_key>K</arg_key><arg_value>V</arg_value>` pair regex of llms 0.4.2's text-markup
// normalizer, as a scanner with the regex's backtracking outcome:
//   /<\s*arg_key\s*>\s*([^<]+?)\s*<\/(\s*)?arg_key\s*>\s*<\s*arg_value\s*>\s*([\s\S]*?)\s*<\/(\s*)?arg_value\s*>/gi
// (`wsAfterSlash` selects the loose variant that allows whitespace after `</`).
import { backWs, matchAtI, skipWs } from '../js/chars';
import { find } from '../js/find';

export class Pair {
  constructor(
    public start: i32,
    public end: i32,
    public keyStart: i32,
    public keyEnd: i32,
    public valueStart: i32,
    public valueEnd: i32,
  ) {}
}

/** End of `<\s*NAME\s*>` at `i` (no slash), or -1. */
function openTag(s: string, i: i32, name: string): i32 {
  if (i >= s.length || s.charCodeAt(i) != 0x3c) return -1;
  const j = skipWs(s, i + 1);
  if (!matchAtI(s, j, name)) return -1;
  const k = skipWs(s, j + name.length);
  return k < s.length && s.charCodeAt(k) == 0x3e ? k + 1 : -1;
}

/** End of `<\/NAME\s*>` (or `<\/\s*NAME\s*>` when `wsAfterSlash`) at `i`, or -1. */
function closeTag(s: string, i: i32, name: string, wsAfterSlash: bool): i32 {
  if (i + 1 >= s.length || s.charCodeAt(i) != 0x3c || s.charCodeAt(i + 1) != 0x2f) return -1;
  const j = wsAfterSlash ? skipWs(s, i + 2) : i + 2;
  if (!matchAtI(s, j, name)) return -1;
  const k = skipWs(s, j + name.length);
  return k < s.length && s.charCodeAt(k) == 0x3e ? k + 1 : -1;
}

/** The pair starting at `p`, or null. */
function pairAt(s: string, p: i32, wsAfterSlash: bool): Pair | null {
  const afterOpen = openTag(s, p, 'arg_key');
  if (afterOpen < 0) return null;
  // Group 1 ([^<]+?): from the end of the greedy whitespace, or one whitespace character earlier when
  // the key is empty; it ends before the whitespace that precedes the next '<'.
  let g = skipWs(s, afterOpen);
  if (g >= s.length || s.charCodeAt(g) == 0x3c) {
    if (g == afterOpen) return null;
    g--;
  }
  const lt = find(s, '<', g);
  if (lt < 0) return null;
  const keyClose = closeTag(s, lt, 'arg_key', wsAfterSlash);
  if (keyClose < 0) return null;
  const keyEnd = backWs(s, lt, g + 1);
  const valueOpen = openTag(s, skipWs(s, keyClose), 'arg_value');
  if (valueOpen < 0) return null;
  const vs = skipWs(s, valueOpen);
  for (let c = find(s, '<', vs); c >= 0; c = find(s, '<', c + 1)) {
    const end = closeTag(s, c, 'arg_value', wsAfterSlash);
    if (end >= 0) return new Pair(p, end, g, keyEnd, vs, backWs(s, c, vs));
  }
  return null;
}

/** Every non-overlapping pair, left to right (global regex semantics). */
export function findPairs(s: string, wsAfterSlash: bool): Array<Pair> {
  const out = new Array<Pair>();
  let p = find(s, '<');
  while (p >= 0) {
    const pair = pairAt(s, p, wsAfterSlash);
    if (pair !== null) {
      out.push(pair);
      p = find(s, '<', pair.end);
    } else p = find(s, '<', p + 1);
  }
  return out;
}
