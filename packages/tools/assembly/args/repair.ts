// llms 0.4.2 `repairArgumentsToString` (conversion/shared/jsonish.js): any value -> a JSON string, `{}`
// when nothing parses. Each regular expression of the original is a scanner below, with its global
// replace semantics (a failed attempt moves on by one character, a match resumes after itself).
import { CharSink, JsonKind, JsonValue, jsTrim, jsonObject, jsonString, stringify } from '@llms-wasm/module-kit/assembly';
import { isIdentPartDash, isIdentStart, isLineTerminator, isWs, lineEnd, skipWs } from '../js/chars';
import { jsToString } from '../js/strings';
import { isJsonText, tryParse } from '../js/json';
import { joinCommandArray } from './command-join';
import { findFence } from './fence';
import { find } from '../js/find';

/** `s.replace(/\/\/.*$/gm, '')`. */
export function stripLineComments(s: string): string {
  let k = find(s, '//');
  if (k < 0) return s;
  const out = new CharSink(s.length);
  let i = 0;
  while (k >= 0) {
    out.writeString(s.substring(i, k));
    i = lineEnd(s, k + 2);
    k = find(s, '//', i);
  }
  out.writeString(s.substring(i));
  const r = out.toString();
  out.dispose();
  return r;
}

/** `s.replace(/\/\*[\s\S]*?\*\//g, '')`. */
export function stripBlockComments(s: string): string {
  let k = find(s, '/*');
  if (k < 0) return s;
  const out = new CharSink(s.length);
  let i = 0;
  while (k >= 0) {
    const close = find(s, '*/', k + 2);
    if (close < 0) break; // no later opener can close either
    out.writeString(s.substring(i, k));
    i = close + 2;
    k = find(s, '/*', i);
  }
  out.writeString(s.substring(i));
  const r = out.toString();
  out.dispose();
  return r;
}

/** `s.replace(/,\s*(?=[}\]])/g, '')`. */
export function stripTrailingCommas(s: string): string {
  let k = find(s, ',');
  if (k < 0) return s;
  const out = new CharSink(s.length);
  let i = 0;
  while (k >= 0) {
    const j = skipWs(s, k + 1);
    const c = j < s.length ? <i32>s.charCodeAt(j) : -1;
    if (c == 0x7d || c == 0x5d) {
      out.writeString(s.substring(i, k));
      i = j;
      k = find(s, ',', j);
    } else {
      k = find(s, ',', k + 1);
    }
  }
  out.writeString(s.substring(i));
  const r = out.toString();
  out.dispose();
  return r;
}

/** `s.replace(/'([^'\\]*(?:\\.[^'\\]*)*)'/g, '"$1"')`. */
export function singleToDoubleEscaped(s: string): string {
  let k = find(s, "'");
  if (k < 0) return s;
  const out = new CharSink(s.length);
  const n = s.length;
  let i = 0;
  while (k >= 0) {
    let j = k + 1;
    let closed = -1;
    while (j < n) {
      const c = <i32>s.charCodeAt(j);
      if (c == 0x27) {
        closed = j;
        break;
      }
      if (c == 0x5c) {
        if (j + 1 >= n || isLineTerminator(s.charCodeAt(j + 1))) break;
        j += 2;
      } else j++;
    }
    if (closed < 0) {
      k = find(s, "'", k + 1);
      continue;
    }
    out.writeString(s.substring(i, k));
    out.writeUnit(0x22);
    out.writeString(s.substring(k + 1, closed));
    out.writeUnit(0x22);
    i = closed + 1;
    k = find(s, "'", i);
  }
  out.writeString(s.substring(i));
  const r = out.toString();
  out.dispose();
  return r;
}

/** `s.replace(/'([^']*)'/g, '"$1"')`. */
export function singleToDoubleSimple(s: string): string {
  let k = find(s, "'");
  if (k < 0) return s;
  const out = new CharSink(s.length);
  let i = 0;
  while (k >= 0) {
    const close = find(s, "'", k + 1);
    if (close < 0) break;
    out.writeString(s.substring(i, k));
    out.writeUnit(0x22);
    out.writeString(s.substring(k + 1, close));
    out.writeUnit(0x22);
    i = close + 1;
    k = find(s, "'", i);
  }
  out.writeString(s.substring(i));
  const r = out.toString();
  out.dispose();
  return r;
}

/** `s.replace(/([{,\s])([A-Za-z_][A-Za-z0-9_-]*)\s*:/g, '$1"$2":')`. */
export function quoteBareKeys(s: string): string {
  const n = s.length;
  let out: CharSink | null = null;
  let i = 0; // copied up to here
  let p = 0;
  while (p < n) {
    const c = <i32>s.charCodeAt(p);
    if ((c == 0x7b || c == 0x2c || isWs(c)) && p + 1 < n && isIdentStart(s.charCodeAt(p + 1))) {
      let k = p + 2;
      while (k < n && isIdentPartDash(s.charCodeAt(k))) k++;
      const m = skipWs(s, k);
      if (m < n && s.charCodeAt(m) == 0x3a) {
        if (out === null) out = new CharSink(n + 16);
        out.writeString(s.substring(i, p + 1));
        out.writeUnit(0x22);
        out.writeString(s.substring(p + 1, k));
        out.writeUnit(0x22);
        out.writeUnit(0x3a);
        i = m + 1;
        p = m + 1;
        continue;
      }
    }
    p++;
  }
  if (out === null) return s;
  out.writeString(s.substring(i));
  const r = out.toString();
  out.dispose();
  return r;
}

/** The leftmost match of /\{[\s\S]*\}|\[[\s\S]*\]/ (a `{` or `[` with its last closer after it), or null. */
export function firstContainer(s: string): string | null {
  const lastBrace = s.lastIndexOf('}');
  const lastBracket = s.lastIndexOf(']');
  for (let p = 0, n = s.length; p < n; p++) {
    const c = <i32>s.charCodeAt(p);
    if (c == 0x7b && lastBrace > p) return s.substring(p, lastBrace + 1);
    if (c == 0x5b && lastBracket > p) return s.substring(p, lastBracket + 1);
  }
  return null;
}

function parsedJoined(v: JsonValue): string {
  joinCommandArray(v);
  return stringify(v);
}

/** `repairArgumentsToString(value)`; `value` null means undefined. */
export function repairArgumentsToString(value: JsonValue | null): string {
  if (value === null || value.kind == JsonKind.Null) return '{}';
  if (value.kind == JsonKind.Object || value.kind == JsonKind.Array) return stringify(value);
  if (value.kind != JsonKind.String) {
    const o = jsonObject();
    o.set('_raw', jsonString(jsToString(value)));
    return stringify(o);
  }
  return repairText(changetype<string>(value.asString()));
}

/** The string branch of repairArgumentsToString. */
export function repairText(raw: string): string {
  let s = jsTrim(raw);
  if (s.length == 0) return '{}';
  if (isJsonText(s)) return s;
  const fence = findFence(s, 'json', 0);
  if (fence !== null && fence.bodyEnd > fence.bodyStart) s = jsTrim(s.substring(fence.bodyStart, fence.bodyEnd));
  s = stripLineComments(s);
  s = stripBlockComments(s);
  s = stripTrailingCommas(s);
  s = singleToDoubleEscaped(s);
  s = quoteBareKeys(s);
  const parsed = tryParse(s);
  if (parsed !== null) return parsedJoined(parsed);
  const m = firstContainer(s);
  if (m !== null) {
    const inner = tryParse(m);
    if (inner !== null) return parsedJoined(inner);
  }
  return '{}';
}
