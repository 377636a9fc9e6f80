// JavaScript's Number(v) over JSON values (ToNumber, with ToPrimitive for arrays and objects), for the
// ports of llms code that calls Number() on values it did not check.
import { JsonKind, isJsWhitespace, parseJsonNumber } from '@llms-wasm/module-kit/assembly';
import { Val, jsToString, str } from './values';

/** `Number(v)`: undefined NaN, null 0, booleans 0/1, strings by StringToNumber, arrays by their `join`, objects NaN. */
export function jsNumber(v: Val): f64 {
  if (v === null) return NaN;
  switch (v.kind) {
    case JsonKind.Null:
      return 0;
    case JsonKind.Bool:
      return v.asBool() ? 1 : 0;
    case JsonKind.Number:
      return v.asNumber();
    case JsonKind.String:
      return stringToNumber(str(v));
    case JsonKind.Array:
      return stringToNumber(jsToString(v));
    default:
      return NaN;
  }
}

/** `x < n` for a number x and any value n (ToPrimitive, then ToNumber: `0 < "3"` is true, `0 < {}` false). */
export function lessThan(x: f64, n: Val): bool {
  return x < jsNumber(n);
}

function isDigit(c: i32): bool {
  return c >= 0x30 && c <= 0x39;
}

/** StringToNumber: trimmed (JS whitespace), empty 0, `[+-]Infinity`, 0x/0o/0b integers, decimal literals; else NaN. */
export function stringToNumber(s: string): f64 {
  let a = 0;
  let b = s.length;
  while (a < b && isJsWhitespace(<u32>s.charCodeAt(a))) a++;
  while (b > a && isJsWhitespace(<u32>s.charCodeAt(b - 1))) b--;
  if (a == b) return 0;
  const t = s.substring(a, b);
  if (t.length > 2 && t.charCodeAt(0) == 0x30) {
    const p = t.charCodeAt(1) | 0x20;
    const radix = p == 0x78 ? 16 : p == 0x6f ? 8 : p == 0x62 ? 2 : 0;
    if (radix > 0) return radixInteger(t, radix);
  }
  let i = 0;
  let sign = '';
  const c0 = t.charCodeAt(0);
  if (c0 == 0x2b || c0 == 0x2d) {
    sign = c0 == 0x2d ? '-' : '';
    i = 1;
  }
  const body = t.substring(i);
  if (body == 'Infinity') return sign == '-' ? -Infinity : Infinity;
  // Decimal literal: digits [. digits] | . digits, then [eE][+-]digits; rewritten into JSON's grammar.
  let j = 0;
  const n = body.length;
  let intPart = '';
  while (j < n && isDigit(body.charCodeAt(j))) j++;
  intPart = body.substring(0, j);
  let frac = '';
  if (j < n && body.charCodeAt(j) == 0x2e) {
    const f0 = ++j;
    while (j < n && isDigit(body.charCodeAt(j))) j++;
    frac = body.substring(f0, j);
  }
  if (intPart.length == 0 && frac.length == 0) return NaN;
  let exp = '';
  if (j < n && (body.charCodeAt(j) | 0x20) == 0x65) {
    const e0 = j++;
    if (j < n && (body.charCodeAt(j) == 0x2b || body.charCodeAt(j) == 0x2d)) j++;
    const d0 = j;
    while (j < n && isDigit(body.charCodeAt(j))) j++;
    if (j == d0) return NaN;
    exp = body.substring(e0, j);
  }
  if (j != n) return NaN;
  let k = 0;
  while (k < intPart.length - 1 && intPart.charCodeAt(k) == 0x30) k++;
  const ip = intPart.length == 0 ? '0' : intPart.substring(k);
  return parseJsonNumber(sign + ip + (frac.length > 0 ? '.' + frac : '') + exp);
}

function radixInteger(t: string, radix: i32): f64 {
  let x: f64 = 0;
  for (let i = 2; i < t.length; i++) {
    const c = t.charCodeAt(i) | 0x20;
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x7a ? c - 0x61 + 10 : 99;
    if (d >= radix) return NaN;
    x = x * radix + d;
  }
  return x;
}
