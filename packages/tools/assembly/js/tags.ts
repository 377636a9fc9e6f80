// Scanners for the tag-shaped regular expressions llms uses on tool-call markup (all case-insensitive
// for the tag name, `\s` as in JavaScript).
import { CharSink } from '@llms-wasm/module-kit/assembly';
import { matchAtI, skipWs } from './chars';
import { find } from './find';

/** End of /<\/?\s*NAME\s*>/i matched at `i` (NAME in lower case), or -1. */
export function tagAt(s: string, i: i32, name: string, allowSlash: bool = true): i32 {
  if (i >= s.length || s.charCodeAt(i) != 0x3c) return -1;
  let j = i + 1;
  if (allowSlash && j < s.length && s.charCodeAt(j) == 0x2f) j++;
  j = skipWs(s, j);
  if (!matchAtI(s, j, name)) return -1;
  j = skipWs(s, j + name.length);
  return j < s.length && s.charCodeAt(j) == 0x3e ? j + 1 : -1;
}

/** End of /<\/\s*NAME\s*>/i (a closing tag only) at `i`, or -1. */
export function closingTagAt(s: string, i: i32, name: string): i32 {
  if (i + 1 >= s.length || s.charCodeAt(i) != 0x3c || s.charCodeAt(i + 1) != 0x2f) return -1;
  let j = skipWs(s, i + 2);
  if (!matchAtI(s, j, name)) return -1;
  j = skipWs(s, j + name.length);
  return j < s.length && s.charCodeAt(j) == 0x3e ? j + 1 : -1;
}

/** `s.replace(/<\/?\s*NAME\s*>/gi, '')`. */
export function stripTag(s: string, name: string): string {
  let k = find(s, '<');
  if (k < 0) return s;
  let out: CharSink | null = null;
  let i = 0;
  while (k >= 0) {
    const end = tagAt(s, k, name);
    if (end >= 0) {
      if (out === null) out = new CharSink(s.length);
      out.writeString(s.substring(i, k));
      i = end;
      k = find(s, '<', end);
    } else k = find(s, '<', k + 1);
  }
  if (out === null) return s;
  out.writeString(s.substring(i));
  const r = out.toString();
  out.dispose();
  return r;
}

/** `s.replace(/<\/?\s*tool_call[^>]*>/gi, '')`. */
export function stripToolCallTags(s: string): string {
  let k = find(s, '<');
  if (k < 0) return s;
  let out: CharSink | null = null;
  let i = 0;
  while (k >= 0) {
    let j = k + 1;
    if (j < s.length && s.charCodeAt(j) == 0x2f) j++;
    j = skipWs(s, j);
    let end = -1;
    if (matchAtI(s, j, 'tool_call')) {
      const close = find(s, '>', j + 9);
      if (close >= 0) end = close + 1;
    }
    if (end >= 0) {
      if (out === null) out = new CharSink(s.length);
      out.writeString(s.substring(i, k));
      i = end;
      k = find(s, '<', end);
    } else k = find(s, '<', k + 1);
  }
  if (out === null) return s;
  out.writeString(s.substring(i));
  const r = out.toString();
  out.dispose();
  return r;
}

/** `s.replace(/<[^>]+>/g, '')`. */
export function stripAnyTags(s: string): string {
  let k = find(s, '<');
  if (k < 0) return s;
  let out: CharSink | null = null;
  let i = 0;
  while (k >= 0) {
    const close = find(s, '>', k + 1);
    if (close < 0) break; // no later '<' has a '>' after it either
    if (close == k + 1) {
      k = find(s, '<', k + 1);
      continue;
    }
    if (out === null) out = new CharSink(s.length);
    out.writeString(s.substring(i, k));
    i = close + 1;
    k = find(s, '<', i);
  }
  if (out === null) return s;
  out.writeString(s.substring(i));
  const r = out.toString();
  out.dispose();
  return r;
}
