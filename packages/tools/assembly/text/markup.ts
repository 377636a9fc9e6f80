// llms 0.4.2 `normalizeAssistantTextToToolCalls` (conversion/shared/text-markup-normalizer.js): tool
// calls written as markup in an assistant message's content become `tool_calls` (ids random:
// `call_` + Math.random().toString(36).slice(2, 10)).
import { JsonArray, JsonKind, JsonObject, JsonValue, isTruthy, jsTrim, jsonArray, jsonObject, jsonString, stringify } from '@llms-wasm/module-kit/assembly';
import { indexOfI, isIdentStart, isNameChar, isWordChar, matchAt, matchAtI, skipWs } from '../js/chars';
import { shallowCopy, tryParse } from '../js/json';
import { randomBase36 } from '../js/random';
import { jsToString, lowerAsciiString, lowerForAsciiMatch, splitCrLf } from '../js/strings';
import { findPairs } from './arg-pairs';
import { ToolCallText, extractApplyPatchCalls, extractExecuteBlocks } from './blocks';
import { find } from '../js/find';

const KNOWN_KEYS = new Map<string, Array<string>>();
KNOWN_KEYS.set('shell', ['command', 'justification', 'timeout_ms', 'with_escalated_permissions', 'workdir']);
KNOWN_KEYS.set('apply_patch', ['patch']);
KNOWN_KEYS.set('update_plan', ['explanation', 'plan']);
KNOWN_KEYS.set('view_image', ['path']);
KNOWN_KEYS.set('list_mcp_resources', ['server', 'cursor', 'filter', 'root']);
KNOWN_KEYS.set('read_mcp_resource', ['server', 'uri', 'cursor']);
KNOWN_KEYS.set('list_mcp_resource_templates', ['server', 'cursor']);
const SAFE_KEYS: Array<string> = ['command', 'patch', 'plan', 'explanation', 'path', 'server', 'uri', 'cursor', 'filter', 'root'];

/** normalizeKey: the last identifier at the end of the trimmed key ('空的\n<tool_call>command' -> 'command'). */
function normalizeKey(raw: string): string {
  const t = jsTrim(raw);
  if (t.length == 0) return '';
  let start = t.length;
  while (start > 0 && isWordChar(t.charCodeAt(start - 1))) start--;
  while (start < t.length && !isIdentStart(t.charCodeAt(start))) start++;
  return start < t.length ? t.substring(start) : t;
}

/** `[..]`/`{..}` values are parsed when they parse; otherwise the text stays. */
function argValue(raw: string): JsonValue {
  const first = raw.length > 0 ? <i32>raw.charCodeAt(0) : -1;
  const last = raw.length > 0 ? <i32>raw.charCodeAt(raw.length - 1) : -1;
  if ((first == 0x5b && last == 0x5d) || (first == 0x7b && last == 0x7d)) {
    const parsed = tryParse(raw);
    if (parsed !== null) return parsed;
  }
  return jsonString(raw);
}

/** `obj[key] = value` (an `__proto__` key never becomes an own member). */
function assign(o: JsonObject, key: string, value: JsonValue): void {
  if (key != '__proto__') o.set(key, value);
}

/** filterArgsForTool; the names `constructor` and `__proto__` skip the filter (a swallowed TypeError in llms). */
function filterArgsForTool(lname: string, args: JsonObject): JsonObject {
  if (lname == 'constructor' || lname == '__proto__') return args;
  const allow: Array<string> = KNOWN_KEYS.has(lname) ? KNOWN_KEYS.get(lname) : SAFE_KEYS;
  const out = jsonObject();
  for (let i = 0, n = args.size; i < n; i++) {
    const key = normalizeKey(args.keyAt(i));
    if (allow.includes(key)) out.set(key, args.valueAt(i));
  }
  return out;
}

/** isImagePath of conversion/shared/media.js: `String(p || '').toLowerCase()` ends with an image extension. */
function isImagePath(p: JsonValue | null): bool {
  const s = lowerForAsciiMatch(p === null ? '' : jsToString(p));
  const exts = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'svg', 'tif', 'tiff', 'ico', 'heic', 'jxl'];
  for (let i = 0; i < exts.length; i++) {
    const ext = unchecked(exts[i]);
    const at = s.length - ext.length;
    if (at >= 1 && s.charCodeAt(at - 1) == 0x2e && matchAt(s, at, ext)) return true;
  }
  return false;
}

/** The view_image guard, then the call (null when the guard drops it). */
function finish(name: string, lname: string, args: JsonObject): ToolCallText | null {
  const filtered = filterArgsForTool(lname, args);
  if (lname == 'view_image') {
    const p = filtered.get('path');
    if (!isImagePath(isTruthy(p) ? p : null)) return null;
  }
  return new ToolCallText('call_' + randomBase36(), name, stringify(filtered));
}

/** /<\s*(?:function|name)\s*>\s*([a-zA-Z0-9_\-\.]+)\s*<\/(?:function|name)\s*>/i: the first name tag's name. */
function nameTag(inner: string): string | null {
  for (let p = find(inner, '<'); p >= 0; p = find(inner, '<', p + 1)) {
    let j = skipWs(inner, p + 1);
    if (matchAtI(inner, j, 'function')) j += 8;
    else if (matchAtI(inner, j, 'name')) j += 4;
    else continue;
    j = skipWs(inner, j);
    if (j >= inner.length || inner.charCodeAt(j) != 0x3e) continue;
    const a = skipWs(inner, j + 1);
    let b = a;
    while (b < inner.length && isNameChar(inner.charCodeAt(b))) b++;
    if (b == a) continue;
    let c = skipWs(inner, b);
    if (!matchAt(inner, c, '</')) continue;
    c += 2;
    if (matchAtI(inner, c, 'function')) c += 8;
    else if (matchAtI(inner, c, 'name')) c += 4;
    else continue;
    c = skipWs(inner, c);
    if (c < inner.length && inner.charCodeAt(c) == 0x3e) return inner.substring(a, b);
  }
  return null;
}

function isNameLine(l: string, min: i32): bool {
  if (l.length < min) return false;
  for (let i = 0; i < l.length; i++) if (!isNameChar(l.charCodeAt(i))) return false;
  return true;
}

function blockName(inner: string): string | null {
  const tagged = nameTag(inner);
  if (tagged !== null) return tagged;
  const lines = splitCrLf(inner);
  for (let i = 0; i < lines.length; i++) {
    const l = jsTrim(unchecked(lines[i]));
    if (l.length > 0 && !l.startsWith('<') && isNameLine(l, 1)) return l;
  }
  return null;
}

/** extractXMLToolCallsFromText. */
function extractXmlToolCalls(text: string): Array<ToolCallText> {
  const out = new Array<ToolCallText>();
  let p = indexOfI(text, '<tool_call', 0);
  while (p >= 0) {
    const q = find(text, '>', p + 10);
    if (q < 0) break;
    const r = indexOfI(text, '</tool_call>', q + 1);
    if (r < 0) break;
    const inner = jsTrim(text.substring(q + 1, r));
    p = indexOfI(text, '<tool_call', r + 12);
    if (inner.length == 0) continue;
    const name = blockName(inner);
    if (name === null) continue;
    const lname = lowerAsciiString(name);
    const args = jsonObject();
    const pairs = findPairs(inner, false);
    for (let i = 0; i < pairs.length; i++) {
      const pair = unchecked(pairs[i]);
      const k = normalizeKey(jsTrim(inner.substring(pair.keyStart, pair.keyEnd)));
      if (k.length == 0) continue;
      assign(args, k, argValue(jsTrim(inner.substring(pair.valueStart, pair.valueEnd))));
    }
    if (args.size == 0) {
      const m = firstBracketSpan(inner);
      if (m !== null) {
        const parsed = tryParse(m);
        if (parsed !== null) args.set('arguments', parsed);
      }
    }
    const call = finish(name, lname, args);
    if (call !== null) out.push(call);
  }
  // The loose pass: every pair in the whole text whose preceding non-empty line is a name.
  const loose = findPairs(text, true);
  for (let i = 0; i < loose.length; i++) {
    const pair = unchecked(loose[i]);
    const before = splitCrLf(text.substring(0, pair.start));
    let cand = '';
    for (let k = before.length - 1; k >= 0; k--) {
      const l = jsTrim(unchecked(before[k]));
      if (l.length > 0) {
        cand = l;
        break;
      }
    }
    if (!isNameLine(cand, 2)) continue;
    const k = normalizeKey(jsTrim(text.substring(pair.keyStart, pair.keyEnd)));
    const args = jsonObject();
    if (k.length > 0) assign(args, k, argValue(jsTrim(text.substring(pair.valueStart, pair.valueEnd))));
    const call = finish(cand, lowerAsciiString(cand), args);
    if (call !== null) out.push(call);
  }
  return out;
}

/** The leftmost match of /\{[\s\S]*\}|\[[\s\S]*\]/. */
function firstBracketSpan(s: string): string | null {
  const lastBrace = s.lastIndexOf('}');
  const lastBracket = s.lastIndexOf(']');
  for (let p = 0; p < s.length; p++) {
    const c = <i32>s.charCodeAt(p);
    if (c == 0x7b && lastBrace > p) return s.substring(p, lastBrace + 1);
    if (c == 0x5b && lastBracket > p) return s.substring(p, lastBracket + 1);
  }
  return null;
}

function toolCallsJson(calls: Array<ToolCallText>): JsonArray {
  const arr = jsonArray();
  for (let i = 0; i < calls.length; i++) {
    const c = unchecked(calls[i]);
    const fn = jsonObject();
    fn.set('name', jsonString(c.name));
    fn.set('arguments', jsonString(c.args));
    const tc = jsonObject();
    tc.set('id', jsonString(c.id));
    tc.set('type', jsonString('function'));
    tc.set('function', fn);
    arr.push(tc);
  }
  return arr;
}

/** normalizeAssistantTextToToolCalls(message). */
export function normalizeAssistantTextToToolCalls(message: JsonObject): JsonObject {
  const tcs = message.get('tool_calls');
  if (tcs !== null && tcs.kind == JsonKind.Array && changetype<JsonArray>(tcs).items.length > 0) return message;
  const content = message.get('content');
  if (content === null || content.kind != JsonKind.String) return message;
  const text = changetype<string>(content.asString());
  if (text.length == 0) return message;
  let calls = extractXmlToolCalls(text);
  if (calls.length == 0) calls = extractApplyPatchCalls(text);
  if (calls.length == 0) calls = extractExecuteBlocks(text);
  if (calls.length == 0) return message;
  const copy = shallowCopy(message);
  copy.set('tool_calls', toolCallsJson(calls));
  copy.set('content', jsonString(''));
  return copy;
}
