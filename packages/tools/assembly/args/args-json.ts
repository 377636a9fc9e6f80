// llms 0.6 `parseToolArgsJson` (tools/args-json.js): strict JSON, repairing `<arg_key>/<arg_value>`
// markup that providers leak into keys and values; a few raw-text repairs when JSON.parse fails.
import { CharSink, JsonArray, JsonKind, JsonObject, JsonValue, jsTrim, jsonBool, jsonNumber, jsonObject, jsonString } from '@llms-wasm/module-kit/assembly';
import { backWs, isDigit, isIdentPartDash, isIdentStart, skipWs } from '../js/chars';
import { lowerEquals } from '../js/strings';
import { tryParse } from '../js/json';
import { stripAnyTags, stripTag, stripToolCallTags, tagAt } from '../js/tags';
import { firstContainer } from './repair';
import { assignProto, clearProtos } from '../js/proto';
import { find } from '../js/find';

const DELIMITER = '</arg_key><arg_value>';

/** stripArgKeyArtifacts: tool_call, arg_key and arg_value tags removed. */
export function stripArgKeyArtifacts(s: string): string {
  return stripTag(stripTag(stripToolCallTags(s), 'arg_key'), 'arg_value');
}

/** End of /<\/?\s*arg_key\s*>\s*<\/?\s*arg_value\s*>/i at `t`, or -1. */
function pairTagsAt(s: string, t: i32): i32 {
  const a = tagAt(s, t, 'arg_key');
  return a < 0 ? -1 : tagAt(s, skipWs(s, a), 'arg_value');
}

/** `s.replace(/"([^"]+?)\s*<\/?\s*arg_key\s*>\s*<\/?\s*arg_value\s*>([^"]*?)"/gi, '"$1":"$2"')`. */
function rewritePairsInRaw(s: string): string {
  let p = find(s, '"');
  if (p < 0) return s;
  let out: CharSink | null = null;
  let i = 0;
  while (p >= 0) {
    const q = find(s, '"', p + 1);
    if (q < 0) break;
    let matched = false;
    for (let t = find(s, '<', p + 2); t >= 0 && t < q; t = find(s, '<', t + 1)) {
      const te = pairTagsAt(s, t);
      if (te < 0 || te > q) continue;
      const e = backWs(s, t, p + 2);
      if (out === null) out = new CharSink(s.length);
      out.writeString(s.substring(i, p));
      out.writeUnit(0x22);
      out.writeString(s.substring(p + 1, e));
      out.writeString('":"');
      out.writeString(s.substring(te, q));
      out.writeUnit(0x22);
      i = q + 1;
      matched = true;
      break;
    }
    p = matched ? find(s, '"', q + 1) : q;
  }
  if (out === null) return s;
  out.writeString(s.substring(i));
  const r = out.toString();
  out.dispose();
  return r;
}

/** repairArgKeyArtifactsInRawJson. */
function repairRaw(s: string): string {
  if (find(s, '<arg_key') < 0 && find(s, '<arg_value') < 0 && find(s, '</arg_key') < 0 && find(s, '</arg_value') < 0) return s;
  return stripArgKeyArtifacts(rewritePairsInRaw(s));
}

/** normalizeObjectKey: the key without markup, or the key itself when nothing would be left. */
function normalizeObjectKey(raw: string): string {
  const cleaned = jsTrim(stripAnyTags(stripArgKeyArtifacts(raw)));
  return cleaned.length == 0 ? raw : cleaned;
}

/** /^[A-Za-z_][A-Za-z0-9_-]*$/ */
function looksLikeKey(s: string): bool {
  if (s.length == 0 || !isIdentStart(s.charCodeAt(0))) return false;
  for (let i = 1; i < s.length; i++) if (!isIdentPartDash(s.charCodeAt(i))) return false;
  return true;
}

/** /^-?\d+(?:\.\d+)?$/ and its Number(). */
function plainDecimal(v: string): JsonValue | null {
  const n = v.length;
  let i = v.length > 0 && v.charCodeAt(0) == 0x2d ? 1 : 0;
  const d0 = i;
  while (i < n && isDigit(v.charCodeAt(i))) i++;
  if (i == d0) return null;
  if (i < n) {
    if (v.charCodeAt(i) != 0x2e) return null;
    i++;
    const f0 = i;
    while (i < n && isDigit(v.charCodeAt(i))) i++;
    if (i == f0 || i != n) return null;
  }
  let start = d0;
  while (start + 1 < n && v.charCodeAt(start) == 0x30 && isDigit(v.charCodeAt(start + 1))) start++;
  const parsed = tryParse(v.substring(start));
  if (parsed === null) return null;
  const x = parsed.asNumber();
  return jsonNumber(d0 == 1 ? -x : x);
}

/** coercePrimitive. */
function coercePrimitive(raw: string): JsonValue {
  const t = jsTrim(raw);
  if (t.length == 0) return jsonString('');
  if (lowerEquals(t, 'true')) return jsonBool(true);
  if (lowerEquals(t, 'false')) return jsonBool(false);
  const num = plainDecimal(t);
  if (num !== null) return num;
  const first = <i32>t.charCodeAt(0);
  const last = <i32>t.charCodeAt(t.length - 1);
  if ((first == 0x7b && last == 0x7d) || (first == 0x5b && last == 0x5d)) {
    const parsed = tryParse(t);
    if (parsed !== null) return parsed;
  }
  return jsonString(t);
}

/** extractInjectedArgPairs; returns false when `raw` holds no usable pair (else fills base and pairs). */
class Injected {
  base: string = '';
  keys: Array<string> = new Array<string>();
  values: Array<JsonValue> = new Array<JsonValue>();
}

function extractInjectedArgPairs(raw: string): Injected | null {
  if (find(raw, DELIMITER) < 0) return null;
  const parts = raw.split(DELIMITER);
  const out = new Injected();
  out.base = unchecked(parts[0]);
  if (parts.length == 2) {
    const k = jsTrim(unchecked(parts[0]));
    const v = jsTrim(unchecked(parts[1]));
    if (looksLikeKey(k) && v.length > 0) {
      out.base = '';
      out.keys.push(k);
      out.values.push(coercePrimitive(v));
    }
    return out.keys.length > 0 ? out : null;
  }
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const key = jsTrim(unchecked(parts[i]));
    const value = jsTrim(unchecked(parts[i + 1]));
    if (!looksLikeKey(key) || value.length == 0) continue;
    out.keys.push(key);
    out.values.push(coercePrimitive(value));
  }
  return out.keys.length > 0 ? out : null;
}

/**
 * repairArgKeyArtifactsInKeys: every object's keys cleaned of markup. llms walks the tree recursively;
 * each node's rewrite depends on that node alone, so a work list gives the same result at any depth.
 */
function repairKeys(root: JsonValue): void {
  const work = new Array<JsonValue>();
  work.push(root);
  while (work.length > 0) {
    const node = work.pop();
    if (node.kind == JsonKind.Array) {
      const items = changetype<JsonArray>(node).items;
      for (let i = 0; i < items.length; i++) work.push(unchecked(items[i]));
      continue;
    }
    if (node.kind != JsonKind.Object) continue;
    const o = changetype<JsonObject>(node);
    const keys = o.keys();
    for (let i = 0; i < keys.length; i++) {
      const key = unchecked(keys[i]);
      const normalized = normalizeObjectKey(key);
      if (normalized != key && jsTrim(normalized).length > 0) {
        const value = o.get(key);
        if (!o.has(normalized) && value !== null) {
          // `node.__proto__ = v` sets the prototype instead of a member.
          if (normalized == '__proto__') assignProto(o, value);
          else o.set(normalized, value);
        }
        o.delete(key);
      }
    }
    const values = o.values();
    for (let i = 0; i < values.length; i++) work.push(unchecked(values[i]));
  }
}

/**
 * repairArgKeyArtifactsInObject: string members holding `</arg_key><arg_value>` split into members;
 * members added this way are not walked (llms walks the entries it listed before adding them).
 */
function repairValues(root: JsonValue): void {
  const work = new Array<JsonValue>();
  work.push(root);
  while (work.length > 0) {
    const node = work.pop();
    if (node.kind == JsonKind.Array) {
      const items = changetype<JsonArray>(node).items;
      for (let i = 0; i < items.length; i++) work.push(unchecked(items[i]));
      continue;
    }
    if (node.kind != JsonKind.Object) continue;
    const o = changetype<JsonObject>(node);
    const keys = o.keys();
    const values = o.values();
    for (let i = 0; i < keys.length; i++) {
      const k = unchecked(keys[i]);
      const v = unchecked(values[i]);
      if (v.kind != JsonKind.String) continue;
      const injected = extractInjectedArgPairs(changetype<string>(v.asString()));
      if (injected === null) continue;
      if (injected.base.length > 0) o.set(k, jsonString(injected.base));
      for (let j = 0; j < injected.keys.length; j++) {
        const key = unchecked(injected.keys[j]);
        if (o.has(key)) continue;
        if (key == '__proto__') assignProto(o, unchecked(injected.values[j]));
        else o.set(key, unchecked(injected.values[j]));
      }
    }
    for (let i = 0; i < keys.length; i++) {
      const current = o.get(unchecked(keys[i]));
      if (current !== null) work.push(current);
    }
  }
}

function repaired(v: JsonValue): JsonValue {
  repairKeys(v);
  repairValues(v);
  return v;
}

/** `parseToolArgsJson(input)` for a string input. */
export function parseToolArgsJson(raw: string): JsonValue {
  clearProtos();
  if (jsTrim(raw).length == 0) return jsonObject();
  const direct = tryParse(raw);
  if (direct !== null) return repaired(direct);
  const repairedRaw = jsTrim(repairRaw(raw));
  if (repairedRaw.length > 0 && repairedRaw != raw) {
    const parsed = tryParse(repairedRaw);
    if (parsed !== null) return repaired(parsed);
  }
  const stripped = jsTrim(stripArgKeyArtifacts(raw));
  if (stripped.length > 0 && stripped != raw) {
    const parsed = tryParse(stripped);
    if (parsed !== null) return repaired(parsed);
  }
  const candidate = firstContainer(raw);
  if (candidate !== null) {
    const parsed = tryParse(jsTrim(stripArgKeyArtifacts(candidate)));
    if (parsed !== null) return repaired(parsed);
  }
  return jsonObject();
}
