// Header-level rewrites of llms 0.6 normalizeApplyPatchText (tools/apply-patch/patch-text/normalize.js):
// code fences, conflict markers, inline "Begin Patch ... File:" headers, Begin/End markers, file headers.
import { CharSink, jsTrim } from '@llms-wasm/module-kit/assembly';
import { isLineTerminator, isWs, lowerAscii, matchAt, matchAtI, skipWs } from '../../js/chars';
import { lazyGroupTrailingStars } from '../../js/lines';
import { crlfToLf, joinStrings, splitChar } from '../../js/strings';
import { find, replaceAllOf } from '../../js/find';

/** decodeEscapedNewlinesIfNeeded: literal `\n` become newlines when the text has no real newline. */
export function decodeEscapedNewlinesIfNeeded(v: string): string {
  if (v.length == 0 || find(v, '\n') >= 0 || find(v, '\\n') < 0) return v;
  return replaceAllOf(v, '\\n', '\n');
}

const LANGS: Array<string> = ['diff', 'patch', 'apply_patch', 'text', 'json'];

/** stripCodeFences: only when the whole payload starts with a fence. */
export function stripCodeFences(text: string): string {
  const t = jsTrim(text);
  if (!t.startsWith('```')) return text;
  const candidates = new Array<string>();
  let p = 0;
  const n = t.length;
  while (p >= 0 && p < n) {
    p = find(t, '```', p);
    if (p < 0) break;
    if (p > 0 && !isLineTerminator(t.charCodeAt(p - 1))) {
      p++;
      continue;
    }
    let a = p + 3;
    for (let i = 0; i < LANGS.length; i++) {
      if (matchAtI(t, a, unchecked(LANGS[i]))) {
        a += unchecked(LANGS[i]).length;
        break;
      }
    }
    while (a < n && (t.charCodeAt(a) == 0x20 || t.charCodeAt(a) == 0x09)) a++;
    if (a < n && t.charCodeAt(a) == 0x0a) {
      const b = a + 1;
      const close = find(t, '\n```', b);
      if (close >= 0) {
        const body = t.substring(b, close);
        if (body.length > 0) candidates.push(jsTrim(body));
        p = close + 4;
        continue;
      }
    }
    p++;
  }
  if (candidates.length == 0) return text;
  for (let i = 0; i < candidates.length; i++) {
    const c = unchecked(candidates[i]);
    if (find(c, '*** Begin Patch') >= 0 || find(c, '*** Update File:') >= 0 || find(c, 'diff --git') >= 0) return c;
  }
  return unchecked(candidates[0]);
}

/** stripConflictMarkers: lines starting with <<<<<<<, ======= or >>>>>>> dropped. */
export function stripConflictMarkers(text: string): string {
  const lines = splitChar(crlfToLf(text), 0x0a);
  const out = new Array<string>();
  for (let i = 0; i < lines.length; i++) {
    const l = unchecked(lines[i]);
    if (l.startsWith('<<<<<<<') || l.startsWith('=======') || l.startsWith('>>>>>>>')) continue;
    out.push(l);
  }
  return joinStrings(out, '\n');
}

const ACTIONS: Array<string> = ['create', 'add', 'update', 'delete'];

/** One match of the inline-header regex at `p`: [matchEnd, groupStart, groupEnd, action index], or null. */
function inlineHeaderAt(s: string, p: i32): StaticArray<i32> | null {
  const n = s.length;
  const k = skipWs(s, p + 3);
  if (!matchAtI(s, k, 'begin patch')) return null;
  const m = k + 11;
  const w = skipWs(s, m);
  const c = skipWs(s, matchAt(s, w, '***') ? w + 3 : m);
  let action = -1;
  for (let i = 0; i < ACTIONS.length; i++) {
    if (matchAtI(s, c, unchecked(ACTIONS[i]))) {
      action = i;
      break;
    }
  }
  if (action < 0) return null;
  const after = c + unchecked(ACTIONS[action]).length;
  if (after >= n || !isWs(s.charCodeAt(after))) return null;
  const f = skipWs(s, after);
  if (!matchAtI(s, f, 'file:')) return null;
  const g0 = f + 5;
  for (let g = skipWs(s, g0); g >= g0; g--) {
    for (let e = g + 1; e <= n; e++) {
      if (s.charCodeAt(e - 1) == 0x0a) break;
      const w2 = skipWs(s, e);
      if (w2 > e && matchAt(s, w2, '***') && (w2 + 3 == n || s.charCodeAt(w2 + 3) == 0x0a)) return [w2 + 3, g, e, action];
      if (e == n || s.charCodeAt(e) == 0x0a) return [e, g, e, action];
    }
  }
  return null;
}

/** splitInlineBeginPatchFileHeader: "*** Begin Patch *** Add File: x" -> two lines. */
export function splitInlineBeginPatchFileHeader(s: string): string {
  let p = find(s, '***');
  if (p < 0) return s;
  let out: CharSink | null = null;
  let i = 0;
  while (p >= 0) {
    const m = inlineHeaderAt(s, p);
    if (m === null) {
      p = find(s, '***', p + 1);
      continue;
    }
    if (out === null) out = new CharSink(s.length + 16);
    out.writeString(s.substring(i, p));
    const action = unchecked(ACTIONS[m[3]]);
    const mapped = action == 'create' ? 'Add' : String.fromCharCode(lowerAscii(action.charCodeAt(0)) - 32) + action.substring(1);
    out.writeString('*** Begin Patch\n*** ' + mapped + ' File: ' + jsTrim(s.substring(m[1], m[2])));
    i = m[0];
    p = find(s, '***', i);
  }
  if (out === null) return s;
  out.writeString(s.substring(i));
  const r = out.toString();
  out.dispose();
  return r;
}

/** `line.trim().toLowerCase().startsWith(lit)` for an ASCII lower-case `lit`. */
function trimmedLowerStartsWith(line: string, lit: string): bool {
  const t = jsTrim(line);
  if (t.length < lit.length) return false;
  for (let i = 0; i < lit.length; i++) {
    const c = <i32>t.charCodeAt(i);
    if (c >= 0x80 || lowerAscii(c) != lit.charCodeAt(i)) return false;
  }
  return true;
}

/** normalizeBeginEndMarkers: a first/last line that starts (any case) with the marker becomes the marker. */
export function normalizeBeginEndMarkers(input: string): string {
  const lines = splitChar(crlfToLf(input), 0x0a);
  if (trimmedLowerStartsWith(unchecked(lines[0]), '*** begin patch')) lines[0] = '*** Begin Patch';
  const last = lines.length - 1;
  if (trimmedLowerStartsWith(unchecked(lines[last]), '*** end patch')) lines[last] = '*** End Patch';
  return joinStrings(lines, '\n');
}

/** normalizeApplyPatchHeaderPath: trimmed, one pair of surrounding quotes or backticks removed. */
function headerPath(raw: string): string {
  let out = jsTrim(raw);
  if (out.length == 0) return out;
  const a = <i32>out.charCodeAt(0);
  const z = <i32>out.charCodeAt(out.length - 1);
  if ((a == 0x22 && z == 0x22) || (a == 0x27 && z == 0x27) || (a == 0x60 && z == 0x60)) out = jsTrim(out.substring(1, out.length - 1));
  return out;
}

const HEADERS: Array<string> = ['*** Add File:', '*** Update File:', '*** Delete File:'];

/** normalizeApplyPatchFileHeader for one line. */
export function normalizeFileHeader(line: string): string {
  for (let i = 0; i < HEADERS.length; i++) {
    const h = unchecked(HEADERS[i]);
    if (!line.startsWith(h)) continue;
    const span = lazyGroupTrailingStars(line, h.length);
    if (span !== null) return h + ' ' + headerPath(line.substring(span.start, span.end));
  }
  return line;
}
