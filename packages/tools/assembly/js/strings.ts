// JavaScript string operations the ported code relies on, with their exact semantics.
import { CharSink } from '@llms-wasm/module-kit/assembly';
import { lowerAscii, unitAt } from './chars';
import { find, replaceAllOf } from './find';

// `String(v)` and `Array.prototype.join` of JSON values are the kit's (shared with every module).
import { jsToString, joinArray } from '@llms-wasm/module-kit/assembly';
export { jsToString, joinArray };

/** Joins strings with `sep` (Array.prototype.join on strings). */
export function joinStrings(parts: Array<string>, sep: string): string {
  const sink = new CharSink(64);
  for (let i = 0, n = parts.length; i < n; i++) {
    if (i > 0) sink.writeString(sep);
    sink.writeString(unchecked(parts[i]));
  }
  const s = sink.toString();
  sink.dispose();
  return s;
}

/** ASCII lower-casing of a whole string (for text known to be ASCII where it matters). */
export function lowerAsciiString(s: string): string {
  let changed = false;
  for (let i = 0, n = s.length; i < n; i++) {
    const c = <i32>s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) {
      changed = true;
      break;
    }
  }
  if (!changed) return s;
  const sink = new CharSink(s.length);
  for (let i = 0, n = s.length; i < n; i++) sink.writeUnit(<u32>lowerAscii(s.charCodeAt(i)));
  const r = sink.toString();
  sink.dispose();
  return r;
}

/**
 * `s.toLowerCase()` as far as ASCII-only patterns can see it: ASCII letters lower-cased, and the only two
 * non-ASCII characters whose lower case contains ASCII: U+0130 → `i` U+0307, U+212A (Kelvin) → `k`.
 * Every other character's lower case is non-ASCII (and of the same `\s` class), so it is kept as it is.
 */
export function lowerForAsciiMatch(s: string): string {
  const sink = new CharSink(s.length + 4);
  for (let i = 0, n = s.length; i < n; i++) {
    const c = <i32>s.charCodeAt(i);
    if (c == 0x130) {
      sink.writeUnit(0x69);
      sink.writeUnit(0x307);
    } else if (c == 0x212a) sink.writeUnit(0x6b);
    else sink.writeUnit(<u32>lowerAscii(c));
  }
  const r = sink.toString();
  sink.dispose();
  return r;
}

/** `s.toLowerCase() === lit` for an ASCII lower-case `lit` (a non-ASCII character can never make it equal). */
export function lowerEquals(s: string, lit: string): bool {
  if (s.length != lit.length) return false;
  for (let i = 0, n = s.length; i < n; i++) if (lowerAscii(s.charCodeAt(i)) != lit.charCodeAt(i)) return false;
  return true;
}

/** `s.split(sep)` for a one-character separator. */
export function splitChar(s: string, sep: i32): Array<string> {
  const out = new Array<string>();
  let start = 0;
  for (let i = 0, n = s.length; i < n; i++) {
    if (unitAt(s, i) == sep) {
      out.push(s.substring(start, i));
      start = i + 1;
    }
  }
  out.push(s.substring(start));
  return out;
}

/** `s.split(/\r?\n/)`. */
export function splitCrLf(s: string): Array<string> {
  const out = new Array<string>();
  let start = 0;
  for (let i = 0, n = s.length; i < n; i++) {
    if (unitAt(s, i) == 0x0a) {
      const end = i > start && unitAt(s, i - 1) == 0x0d ? i - 1 : i;
      out.push(s.substring(start, end));
      start = i + 1;
    }
  }
  out.push(s.substring(start));
  return out;
}

/** `s.replace(/\r\n/g, '\n')`. */
export function crlfToLf(s: string): string {
  if (find(s, '\r\n') < 0) return s;
  return replaceAllOf(s, '\r\n', '\n');
}

/** Number of code points (lone surrogates count one each), as the contract's maxLength counts. */
export function codePointCount(s: string): i32 {
  let n = 0;
  for (let i = 0, len = s.length; i < len; i++) {
    const c = <i32>s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = <i32>s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
