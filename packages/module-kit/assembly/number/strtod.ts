// JSON number text -> double, correctly rounded (round half to even) like JSON.parse / Number().
//
// 1. Clinger's fast path: at most 2^53 significand and |exponent| <= 22 is one exact IEEE operation.
// 2. Eisel-Lemire: the significand (first 19 digits) times a 128-bit approximation of 5^q; the
//    true product lies in [P, P + 2^64), so the result is final unless a halfway point falls in
//    that interval (or, with more than 19 digits, w and w + 1 round differently).
// 3. Exact fallback: compare the decimal (up to 800 significant digits plus a sticky digit)
//    against the halfway points next to a guess with big integers, and step one ulp at a time.
import { bit, mulHi, umul128, pow5Exponent, pow5Hi, pow5Lo } from './u128';
import { BigUint } from './bignum';

const INF_BITS: u64 = 0x7ff0000000000000;
const FAIL: u64 = 0xffffffffffffffff;
const MANT_MASK: u64 = 0x000fffffffffffff;
const HIDDEN: u64 = 0x0010000000000000;
const MAX_DIGITS = 800;

const EXACT_POW10: StaticArray<f64> = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/** Bits of a double within one ulp of the last eiselLemire input, set even when it fails. */
let guessBits: u64 = 0;

// Bits of the double nearest to w * 10^q, w > 0, q in [-342, 308]; FAIL when undecidable here.
function eiselLemire(w: u64, q: i32): u64 {
  const l = <i32>clz(w);
  const wn = w << <u64>l;
  const p0 = umul128(wn, pow5Lo(q));
  const a1 = mulHi;
  const b0 = umul128(wn, pow5Hi(q));
  const b1 = mulHi;
  const p1 = b0 + a1;
  const p2 = b1 + bit(p1 < b0);
  // value = V * 2^x with V in [P, P + 2^64), P = p2:p1:p0 in [2^190, 2^192).
  const msb = 190 + <i32>(p2 >> 63);
  const e = msb + pow5Exponent(q) + q - l; // exponent of the leading bit
  if (e > 1023) {
    guessBits = INF_BITS;
    return INF_BITS;
  }
  if (e < -1074) {
    guessBits = 0;
    // Below 2^-1076 the value rounds to zero; 2^-1076..2^-1074 needs the exact comparison.
    return e < -1076 ? 0 : FAIL;
  }
  const s = e >= -1022 ? msb - 52 : msb - e - 1074; // bits below the kept significand, 138..191
  const sh = <u64>(s - 128);
  let mant = p2 >> sh;
  const low = p2 & ((<u64>1 << sh) - 1);
  const half = <u64>1 << (sh - 1);
  let roundUp: bool;
  let decided = true;
  if (q >= 0 && q <= 55) {
    // 5^q is exact in the table: V == P, so ties are visible.
    roundUp = low > half || (low == half && ((p1 | p0) != 0 || (mant & 1) != 0));
  } else {
    roundUp = low >= half;
    // Undecidable iff a halfway point lies in [P, P + 2^64).
    if ((low == half && p1 == 0 && p0 == 0) || (low == half - 1 && p1 == 0xffffffffffffffff)) decided = false;
  }
  mant += bit(roundUp);
  const bits = e >= -1022 ? ((<u64>(e + 1023) << 52) + mant - HIDDEN) : mant;
  guessBits = bits;
  return decided ? bits : FAIL;
}

// Decimal digits (values 0..9) of the exact fallback, most significant first.
const DIGIT_BUF = new StaticArray<u8>(MAX_DIGITS + 1);
const BIG_M = new BigUint();
const BIG_A = new BigUint();
const BIG_B = new BigUint();

// Sign of (BIG_M * 10^exp10) - c * 2^t.
function compareDecimal(exp10: i32, c: u64, t: i32): i32 {
  BIG_A.copyFrom(BIG_M);
  BIG_B.setU64(c);
  if (exp10 >= 0) BIG_A.mulPow5(exp10);
  else BIG_B.mulPow5(-exp10);
  const k = exp10 - t;
  if (k > 0) BIG_A.shl(k);
  else BIG_B.shl(-k);
  return BIG_A.compare(BIG_B);
}

// Exact rounding of BIG_M * 10^exp10 starting from a guess within a few ulps.
function exactRound(exp10: i32, guess: u64): u64 {
  let b = guess > INF_BITS ? INF_BITS : guess;
  while (true) {
    if (b >= INF_BITS) return INF_BITS;
    const be = <i32>(b >> 52);
    const m: u64 = be == 0 ? b : (b & MANT_MASK) | HIDDEN;
    const t: i32 = be == 0 ? -1074 : be - 1075;
    const up = compareDecimal(exp10, 2 * m + 1, t - 1);
    if (up > 0) {
      b++;
      continue;
    }
    if (up == 0) return (b & 1) != 0 ? b + 1 : b;
    if (b == 0) return 0;
    const lo = be > 1 && (b & MANT_MASK) == 0 ? compareDecimal(exp10, 4 * m - 1, t - 2) : compareDecimal(exp10, 2 * m - 1, t - 1);
    if (lo < 0) {
      b--;
      continue;
    }
    if (lo == 0) return (b & 1) != 0 ? b - 1 : b;
    return b;
  }
  return b;
}

/**
 * Converts a JSON number that has already been validated against the JSON grammar, stored as
 * `len` code units of type T (u8 for UTF-8, u16 for UTF-16) at `ptr`.
 */
export function parseNumberSpan<T>(ptr: usize, len: i32): f64 {
  const unit = <usize>sizeof<T>();
  const end = ptr + <usize>len * unit;
  let p = ptr;
  let neg = false;
  if (<u32>load<T>(p) == 0x2d) {
    neg = true;
    p += unit;
  }
  const mantStart = p;
  let w: u64 = 0;
  let nd: i32 = 0; // significant digits seen (first one non-zero)
  let q: i64 = 0; // value ~ w * 10^q
  let truncated = false;
  let c: u32 = 0;
  // Integer part.
  while (p < end) {
    c = <u32>load<T>(p);
    const d = c - 0x30;
    if (d > 9) break;
    if (nd == 0 && d == 0) {
      // leading zero ("0" itself)
    } else {
      if (nd < 19) w = w * 10 + <u64>d;
      else {
        q++;
        if (d != 0) truncated = true;
      }
      nd++;
    }
    p += unit;
  }
  // Fraction.
  if (p < end && c == 0x2e) {
    p += unit;
    while (p < end) {
      c = <u32>load<T>(p);
      const d = c - 0x30;
      if (d > 9) break;
      if (nd == 0 && d == 0) q--;
      else {
        if (nd < 19) {
          w = w * 10 + <u64>d;
          q--;
        } else if (d != 0) truncated = true;
        nd++;
      }
      p += unit;
    }
  }
  const mantEnd = p;
  // Exponent (saturated: anything beyond 10^9 is zero or infinity anyway).
  if (p < end && (c | 0x20) == 0x65) {
    p += unit;
    let eneg = false;
    c = <u32>load<T>(p);
    if (c == 0x2d || c == 0x2b) {
      eneg = c == 0x2d;
      p += unit;
    }
    let ev: i64 = 0;
    while (p < end) {
      const d = <u32>load<T>(p) - 0x30;
      if (d > 9) break;
      if (ev < 1000000000) ev = ev * 10 + <i64>d;
      p += unit;
    }
    q += eneg ? -ev : ev;
  }
  let bits: u64;
  if (w == 0) {
    bits = 0;
  } else {
    bits = decimalToBits(w, q, truncated, nd);
    if (bits == FAIL) bits = slowPath<T>(mantStart, mantEnd, q, nd);
  }
  if (neg) bits |= 0x8000000000000000;
  return reinterpret<f64>(bits);
}

// Bits for w * 10^q (w > 0; when truncated, the true significand is in (w, w + 1)); FAIL if undecided.
function decimalToBits(w: u64, q64: i64, truncated: bool, nd: i32): u64 {
  const dw = nd < 19 ? nd : 19; // digits in w (its first digit is not zero)
  if (q64 + <i64>dw <= -324) return 0; // below 10^-324 < 2^-1075: rounds to zero
  if (q64 + <i64>dw - 1 >= 309) return INF_BITS; // at least 10^309
  const q = <i32>q64;
  if (!truncated && w <= 9007199254740992) {
    if (q >= -22 && q <= 22) {
      const x = <f64>w;
      return reinterpret<u64>(q >= 0 ? x * unchecked(EXACT_POW10[q]) : x / unchecked(EXACT_POW10[-q]));
    }
    if (q > 22 && q <= 22 + 15) {
      const scaled = w * <u64>unchecked(EXACT_POW10[q - 22]);
      if (scaled <= 9007199254740992 && scaled / <u64>unchecked(EXACT_POW10[q - 22]) == w) {
        return reinterpret<u64>(<f64>scaled * 1e22);
      }
    }
  }
  const r = eiselLemire(w, q);
  if (!truncated || r == FAIL) return r;
  const guess = guessBits;
  const r2 = eiselLemire(w + 1, q);
  guessBits = guess;
  return r == r2 ? r : FAIL;
}

// Exact conversion of the digits in [mantStart, mantEnd) (with an optional '.') scaled so that
// the first 19 significant digits times 10^q19 is the value's prefix.
function slowPath<T>(mantStart: usize, mantEnd: usize, q19: i64, nd: i32): u64 {
  const unit = <usize>sizeof<T>();
  // Gather up to MAX_DIGITS significant digits; a non-zero tail becomes one sticky digit.
  const buf = changetype<usize>(DIGIT_BUF);
  let n = 0;
  let sticky = false;
  for (let p = mantStart; p < mantEnd; p += unit) {
    const d = <u32>load<T>(p) - 0x30;
    if (d > 9) continue; // the decimal point
    if (n == 0 && d == 0) continue;
    if (n < MAX_DIGITS) store<u8>(buf + <usize>(n++), <u8>d);
    else if (d != 0) sticky = true;
  }
  // value = digits(all nd) * 10^(q19 - (nd - min(nd,19)))  ... expressed for the kept n digits:
  // value = kept * 10^(q19 + (min(nd,19) - n) ... ) : derive from the 19-digit form.
  const used19 = nd < 19 ? nd : 19;
  let exp10 = q19 + <i64>used19 - <i64>n; // kept n digits * 10^exp10 (+ the dropped tail)
  if (sticky) {
    store<u8>(buf + <usize>(n++), 1);
    exp10--;
  }
  // Trailing zeros add nothing.
  while (n > 1 && load<u8>(buf + <usize>(n - 1)) == 0) {
    n--;
    exp10++;
  }
  const big = BIG_M;
  big.setU64(0);
  let i = 0;
  while (i < n) {
    let chunk: u32 = 0;
    let mul: u32 = 1;
    const stop = i + 9 < n ? i + 9 : n;
    for (; i < stop; i++) {
      chunk = chunk * 10 + <u32>load<u8>(buf + <usize>i);
      mul *= 10;
    }
    if (big.size == 0) big.setU64(chunk);
    else big.mulAdd(mul, chunk);
  }
  return exactRound(<i32>exp10, guessBits);
}

/** True iff `s` is exactly a JSON number (the JSON.parse grammar, no surrounding whitespace). */
export function isJsonNumber(s: string): bool {
  const n = s.length;
  let i = 0;
  if (i < n && s.charCodeAt(i) == 0x2d) i++;
  if (i >= n) return false;
  let c = s.charCodeAt(i);
  if (c == 0x30) i++;
  else if (c >= 0x31 && c <= 0x39) {
    while (i < n && <u32>(s.charCodeAt(i) - 0x30) <= 9) i++;
  } else return false;
  if (i < n && s.charCodeAt(i) == 0x2e) {
    i++;
    const start = i;
    while (i < n && <u32>(s.charCodeAt(i) - 0x30) <= 9) i++;
    if (i == start) return false;
  }
  if (i < n && (s.charCodeAt(i) | 0x20) == 0x65) {
    i++;
    if (i < n && (s.charCodeAt(i) == 0x2b || s.charCodeAt(i) == 0x2d)) i++;
    const start = i;
    while (i < n && <u32>(s.charCodeAt(i) - 0x30) <= 9) i++;
    if (i == start) return false;
  }
  return i == n;
}

/** Number(s) for a JSON number text; NaN when `s` is not one (see isJsonNumber). */
export function parseJsonNumber(s: string): f64 {
  if (!isJsonNumber(s)) return NaN;
  return parseNumberSpan<u16>(changetype<usize>(s), s.length);
}
