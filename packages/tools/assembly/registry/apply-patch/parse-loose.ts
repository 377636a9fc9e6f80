// llms 0.6 tools/apply-patch/json/parse-loose.js: JSON.parse of `{`/`[` text, and a loose variant that
// escapes stray quotes inside strings and balances brackets before retrying.
import { CharSink, JsonValue, jsTrim } from '@llms-wasm/module-kit/assembly';
import { isWs } from '../../js/chars';
import { tryParse } from '../../js/json';

/** tryParseJson: only strings whose trimmed text starts with `{` or `[`. */
export function tryParseJsonContainer(value: string): JsonValue | null {
  const t = jsTrim(value);
  if (t.length == 0) return null;
  const c = <i32>t.charCodeAt(0);
  if (c != 0x7b && c != 0x5b) return null;
  return tryParse(t);
}

function escapeUnescapedQuotes(input: string): string {
  const out = new CharSink(input.length + 8);
  let inString = false;
  let escaped = false;
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const ch = <i32>input.charCodeAt(i);
    if (!inString) {
      if (ch == 0x22) {
        inString = true;
        escaped = false;
      }
      out.writeUnit(<u32>ch);
      continue;
    }
    if (escaped) {
      out.writeUnit(<u32>ch);
      escaped = false;
      continue;
    }
    if (ch == 0x5c) {
      out.writeUnit(<u32>ch);
      escaped = true;
      continue;
    }
    if (ch == 0x22) {
      let j = i + 1;
      while (j < n && isWs(input.charCodeAt(j))) j++;
      const next = j < n ? <i32>input.charCodeAt(j) : -1;
      if (next == -1 || next == 0x3a || next == 0x2c || next == 0x7d || next == 0x5d) {
        inString = false;
        out.writeUnit(<u32>ch);
      } else {
        out.writeUnit(0x5c);
        out.writeUnit(0x22);
      }
      continue;
    }
    out.writeUnit(<u32>ch);
  }
  const r = out.toString();
  out.dispose();
  return r;
}

function balanceContainers(input: string): string {
  const out = new CharSink(input.length + 8);
  let inString = false;
  let escaped = false;
  const stack = new Array<i32>();
  for (let i = 0, n = input.length; i < n; i++) {
    const ch = <i32>input.charCodeAt(i);
    if (inString) {
      out.writeUnit(<u32>ch);
      if (escaped) escaped = false;
      else if (ch == 0x5c) escaped = true;
      else if (ch == 0x22) inString = false;
      continue;
    }
    if (ch == 0x22) {
      inString = true;
      out.writeUnit(<u32>ch);
      continue;
    }
    if (ch == 0x7b || ch == 0x5b) {
      stack.push(ch);
      out.writeUnit(<u32>ch);
      continue;
    }
    if (ch == 0x7d || ch == 0x5d) {
      const open = ch == 0x7d ? 0x7b : 0x5b;
      while (stack.length > 0 && stack[stack.length - 1] != open) out.writeUnit(stack.pop() == 0x7b ? 0x7d : 0x5d);
      if (stack.length > 0 && stack[stack.length - 1] == open) stack.pop();
      out.writeUnit(<u32>ch);
      continue;
    }
    out.writeUnit(<u32>ch);
  }
  while (stack.length > 0) out.writeUnit(stack.pop() == 0x7b ? 0x7d : 0x5d);
  const r = out.toString();
  out.dispose();
  return r;
}

/** tryParseJsonLoose. */
export function tryParseJsonLoose(value: string): JsonValue | null {
  const direct = tryParseJsonContainer(value);
  if (direct !== null) return direct;
  const t = jsTrim(value);
  if (t.length == 0) return null;
  const c = <i32>t.charCodeAt(0);
  if (c != 0x7b && c != 0x5b) return null;
  const repaired = balanceContainers(escapeUnescapedQuotes(t));
  if (repaired.length == 0 || repaired == t) return null;
  return tryParse(repaired);
}
