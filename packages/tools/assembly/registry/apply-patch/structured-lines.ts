// Line helpers of llms 0.6 tools/apply-patch/structured.js (no exceptions in AssemblyScript: a failure
// is recorded in a Failure and the caller returns).
import { JsonArray, JsonKind, JsonObject, JsonValue, jsTrim } from '@llms-wasm/module-kit/assembly';
import { indexOfI, isWs } from '../../js/chars';
import { isTruthy } from '@llms-wasm/module-kit/assembly';
import { jsToString, splitChar } from '../../js/strings';
import { member } from '../../js/proto';
import { find, replaceAllOf } from '../../js/find';

/** The StructuredApplyPatchError a JS call would throw: its reason, or '' while nothing failed. */
export class Failure {
  reason: string = '';
  // @ts-ignore: decorator
  @inline get failed(): bool {
    return this.reason.length > 0;
  }
  fail(reason: string): void {
    if (this.reason.length == 0) this.reason = reason;
  }
}

/** decodeEscapedNewlinesIfObvious. */
export function decodeEscapedNewlinesIfObvious(value: string): string {
  if (value.length == 0 || find(value, '\n') >= 0) return value;
  let looksEscaped = find(value, '\\r\\n') >= 0 || indexOfI(value, '\\u000a', 0) >= 0 || indexOfI(value, '\\u000d', 0) >= 0;
  if (!looksEscaped && find(value, '\\n') >= 0) {
    for (let i = find(value, '\\n'); i >= 0; i = find(value, '\\n', i + 1)) {
      const c = i + 2 < value.length ? <i32>value.charCodeAt(i + 2) : -1;
      if (c == 0x20 || c == 0x09) {
        looksEscaped = true;
        break;
      }
    }
  }
  if (!looksEscaped) return value;
  let out = replaceAllOf(value, '\\r\\n', '\n');
  out = replaceAllOf(out, '\\n', '\n');
  out = replaceAllOf(out, '\\r', '\n');
  out = replaceAllI(out, '\\u000a', '\n');
  return replaceAllI(out, '\\u000d', '\n');
}

function replaceAllI(s: string, lit: string, by: string): string {
  let k = indexOfI(s, lit, 0);
  if (k < 0) return s;
  let out = '';
  let i = 0;
  while (k >= 0) {
    out += s.substring(i, k) + by;
    i = k + lit.length;
    k = indexOfI(s, lit, i);
  }
  return out + s.substring(i);
}

/** splitTextIntoLines. */
export function splitTextIntoLines(input: string): Array<string> {
  const normalized = decodeEscapedNewlinesIfObvious(input).replaceAll('\r', '');
  const parts = splitChar(normalized, 0x0a);
  if (parts.length > 0 && unchecked(parts[parts.length - 1]).length == 0) parts.pop();
  if (parts.length == 0) parts.push('');
  return parts;
}

/** normalizeLines: an array of strings or a multi-line string as lines; null/undefined fail with invalid_lines. */
export function normalizeLines(value: JsonValue | null, failure: Failure): Array<string> {
  const out = new Array<string>();
  if (value === null || value.kind == JsonKind.Null) {
    failure.fail('invalid_lines');
    return out;
  }
  if (value.kind == JsonKind.Array) {
    const a = changetype<JsonArray>(value);
    for (let i = 0; i < a.items.length; i++) {
      const entry = unchecked(a.items[i]);
      if (entry.kind != JsonKind.String) {
        out.push(entry.kind == JsonKind.Null ? '' : jsToString(entry));
        continue;
      }
      const decoded = decodeEscapedNewlinesIfObvious(changetype<string>(entry.asString()).replaceAll('\r', ''));
      if (find(decoded, '\n') >= 0) {
        const lines = splitTextIntoLines(decoded);
        for (let k = 0; k < lines.length; k++) out.push(unchecked(lines[k]));
      } else out.push(decoded);
    }
    return out;
  }
  if (value.kind == JsonKind.String) return splitTextIntoLines(changetype<string>(value.asString()));
  out.push(jsToString(value));
  return out;
}

/** The first of `keys` whose value is neither absent nor null (the `??` chains of the JS code). */
export function coalesce(o: JsonObject, keys: Array<string>): JsonValue | null {
  for (let i = 0; i < keys.length; i++) {
    const v = member(o, unchecked(keys[i]));
    if (v !== null && v.kind != JsonKind.Null) return v;
  }
  return null;
}

/** toSafeString: a string with non-blank content, else missing_field. */
export function toSafeString(value: JsonValue | null, failure: Failure): string {
  const s: string | null = value === null ? null : value.asString();
  if (s === null || jsTrim(s).length == 0) {
    failure.fail('missing_field');
    return '';
  }
  return s;
}

/** Leading `\s*` of a line. */
function leadingWs(s: string): string {
  let i = 0;
  while (i < s.length && isWs(s.charCodeAt(i))) i++;
  return s.substring(0, i);
}

/** applyAnchorIndent: the anchor line's indentation added to unindented non-blank lines when enabled. */
export function applyAnchorIndent(lines: Array<string>, anchorLines: Array<string>, first: bool, enabled: JsonValue | null): Array<string> {
  if (!isTruthy(enabled)) return lines;
  const source = anchorLines.length == 0 ? '' : first ? unchecked(anchorLines[0]) : unchecked(anchorLines[anchorLines.length - 1]);
  const indent = leadingWs(source);
  if (indent.length == 0) return lines;
  const out = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = unchecked(lines[i]);
    out[i] = jsTrim(line).length == 0 || (line.length > 0 && isWs(line.charCodeAt(0))) ? line : indent + line;
  }
  return out;
}

/** findSubsequence. */
export function findSubsequence(haystack: Array<string>, needle: Array<string>): i32 {
  if (needle.length == 0) return -1;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    let ok = true;
    for (let j = 0; j < needle.length; j++) {
      if (unchecked(haystack[i + j]) != unchecked(needle[j])) {
        ok = false;
        break;
      }
    }
    if (ok) return i;
  }
  return -1;
}
