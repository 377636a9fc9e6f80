// Number -> string exactly as JavaScript's Number.prototype.toString() (ECMA-262 Number::toString):
// the shortest decimal that rounds back to the double, the closest such one when several have that
// length (ties to even digit), laid out with the JS rules for fixed vs exponential notation.
//
// Digits come from the Ryu algorithm (Ulf Adams, PLDI 2018): the rounding interval
// [mm, mp] around mv = 4*m2 is scaled by 10^-e10 with exact floor() results from 128-bit
// approximations of 5^q (pow5-table.ts), then digits are removed while the interval allows it,
// tracking whether the removed digits were all zero so ties and interval bounds are decided exactly.
import { bit, mulHi, umul128, floorLog2Pow10, pow5Exponent, pow5Hi, pow5Lo } from './u128';

// floor(m * (hi:lo) / 2^j) for 64 <= j < 192; the caller guarantees the result fits in 64 bits.
function mulShift(m: u64, hi: u64, lo: u64, j: i32): u64 {
  umul128(m, lo);
  const a1 = mulHi;
  const b0 = umul128(m, hi);
  const b1 = mulHi;
  const p1 = b0 + a1;
  const p2 = b1 + bit(p1 < b0);
  if (j >= 128) return p2 >> <u64>(j - 128);
  const s = j - 64;
  if (s == 0) return p1;
  return (p1 >> <u64>s) | (p2 << <u64>(64 - s));
}

// floor(e * log10(2)) for 0 <= e <= 1650.
// @ts-ignore: decorator
@inline
function log10Pow2(e: i32): i32 {
  return (e * 78913) >> 18;
}

// floor(e * log10(5)) for 0 <= e <= 2620.
// @ts-ignore: decorator
@inline
function log10Pow5(e: i32): i32 {
  return (e * 732923) >> 20;
}

function pow5Factor(v: u64): i32 {
  let count = 0;
  while (v != 0 && v % 5 == 0) {
    v /= 5;
    count++;
  }
  return count;
}

// @ts-ignore: decorator
@inline
function multipleOfPow5(v: u64, p: i32): bool {
  return pow5Factor(v) >= p;
}

// @ts-ignore: decorator
@inline
function multipleOfPow2(v: u64, p: i32): bool {
  return p < 64 && (v & ((<u64>1 << <u64>p) - 1)) == 0;
}

/** Decimal significand of the last shortestDigits call. */
let outDigits: u64 = 0;
/** Decimal exponent of the last shortestDigits call: value = outDigits * 10^outExp10. */
let outExp10: i32 = 0;

// Shortest digits of a positive finite double given its raw fields.
function shortestDigits(ieeeMant: u64, ieeeExp: i32): void {
  let e2: i32;
  let m2: u64;
  if (ieeeExp == 0) {
    e2 = 1 - 1075 - 2;
    m2 = ieeeMant;
  } else {
    e2 = ieeeExp - 1075 - 2;
    m2 = ieeeMant | (<u64>1 << 52);
  }
  const acceptBounds = (m2 & 1) == 0;
  // The interval is [mv - (1 + mmShift), mv + 2] * 2^e2 (exclusive unless acceptBounds).
  const mv = m2 << 2;
  const mmShift: u64 = ieeeMant != 0 || ieeeExp <= 1 ? 1 : 0;
  const mp = mv + 2;
  const mm = mv - 1 - mmShift;

  let vr: u64, vp: u64, vm: u64;
  let e10: i32;
  let vmIsTrailingZeros: bool = false;
  let vrIsTrailingZeros: bool = false;
  if (e2 >= 0) {
    // e10 = q >= 0: floor(x * 2^(e2 - q) / 5^q) via ceil(2^K / 5^q) = T(-q) + 1, K = -E5(-q).
    const q = log10Pow2(e2) - <i32>bit(e2 > 3);
    e10 = q;
    let hi = pow5Hi(-q);
    const lo = pow5Lo(-q) + 1;
    if (lo == 0) hi++;
    const j = -pow5Exponent(-q) - e2 + q;
    vr = mulShift(mv, hi, lo, j);
    vp = mulShift(mp, hi, lo, j);
    vm = mulShift(mm, hi, lo, j);
    // Exactness: x * 2^e2 / 10^q is an integer iff 5^q divides it (2^e2 has the twos).
    // At most one of mm, mv, mp is a multiple of 5; none can be a multiple of 5^24 (< 2^55 bound).
    if (q == 0) {
      // Plain integers: every bound is exact.
      vrIsTrailingZeros = true;
      if (acceptBounds) vmIsTrailingZeros = true;
      else vp--;
    } else if (q <= 23) {
      if (mv % 5 == 0) vrIsTrailingZeros = multipleOfPow5(mv, q);
      else if (acceptBounds) vmIsTrailingZeros = multipleOfPow5(mm, q);
      else vp -= bit(multipleOfPow5(mp, q));
    }
  } else {
    // e10 = q + e2 < 0: floor(x * 5^i / 2^q), i = -e2 - q, via T(i) (floor of 5^i's top bits).
    const q = log10Pow5(-e2) - <i32>bit(-e2 > 1);
    e10 = q + e2;
    const i = -e2 - q;
    const hi = pow5Hi(i);
    const lo = pow5Lo(i);
    const j = q - pow5Exponent(i);
    vr = mulShift(mv, hi, lo, j);
    vp = mulShift(mp, hi, lo, j);
    vm = mulShift(mm, hi, lo, j);
    // Exactness: the product is an integer iff 2^q divides the multiplier (5^i is odd).
    if (q <= 1) {
      // mv = 4*m2 has two trailing zero bits; mp = mv + 2 has one; mm has one iff mmShift.
      vrIsTrailingZeros = true;
      if (acceptBounds) vmIsTrailingZeros = mmShift == 1 || q == 0;
      else vp--;
    } else if (q < 63) {
      vrIsTrailingZeros = multipleOfPow2(mv, q);
    }
  }

  let removed = 0;
  let lastRemovedDigit: u64 = 0;
  let output: u64;
  if (vmIsTrailingZeros || vrIsTrailingZeros) {
    while (vp / 10 > vm / 10) {
      vmIsTrailingZeros = vmIsTrailingZeros && vm % 10 == 0;
      vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0;
      lastRemovedDigit = vr % 10;
      vr /= 10;
      vp /= 10;
      vm /= 10;
      removed++;
    }
    if (vmIsTrailingZeros) {
      while (vm % 10 == 0) {
        vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0;
        lastRemovedDigit = vr % 10;
        vr /= 10;
        vp /= 10;
        vm /= 10;
        removed++;
      }
    }
    // Exactly halfway between two candidates: round to the even one.
    if (vrIsTrailingZeros && lastRemovedDigit == 5 && (vr & 1) == 0) lastRemovedDigit = 4;
    output = vr + bit((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5);
  } else {
    let roundUp: bool = false;
    while (vp / 10 > vm / 10) {
      roundUp = vr % 10 >= 5;
      vr /= 10;
      vp /= 10;
      vm /= 10;
      removed++;
    }
    output = vr + bit(vr == vm || roundUp);
  }
  outDigits = output;
  outExp10 = e10 + removed;
}

// Scratch for one formatted number: the longest is "-1.2345678901234567e-308" (24 chars).
const SCRATCH = new StaticArray<u8>(32);
const DIGITS = new StaticArray<u8>(24);

/** Length of the formatted number in SCRATCH (ASCII). */
let scratchLength: i32 = 0;

// Writes String(x) for finite x into SCRATCH.
function formatFinite(x: f64): void {
  const out = changetype<usize>(SCRATCH);
  let n = 0;
  if (x == 0) {
    store<u8>(out, 0x30); // "0", also for -0
    scratchLength = 1;
    return;
  }
  if (x < 0) {
    store<u8>(out, 0x2d);
    n = 1;
    x = -x;
  }
  let digits: u64;
  let exp10: i32;
  // Integers below 2^53 print as themselves: no shorter decimal lies within half an ulp.
  if (x < 9007199254740992.0 && x == Math.floor(x)) {
    digits = <u64>x;
    exp10 = 0;
    while (digits % 10 == 0) {
      digits /= 10;
      exp10++;
    }
  } else {
    const bits = reinterpret<u64>(x);
    shortestDigits(bits & 0xfffffffffffff, <i32>(bits >> 52));
    digits = outDigits;
    exp10 = outExp10;
  }
  // Digits into DIGITS, most significant first.
  const dbuf = changetype<usize>(DIGITS);
  let k = 0;
  let t = digits;
  let tmp = t;
  while (tmp != 0) {
    k++;
    tmp /= 10;
  }
  for (let i = k - 1; i >= 0; i--) {
    store<u8>(dbuf + <usize>i, <u8>(0x30 + t % 10));
    t /= 10;
  }
  // value = 0.d1d2...dk * 10^p
  const p = k + exp10;
  if (k <= p && p <= 21) {
    memory.copy(out + <usize>n, dbuf, <usize>k);
    n += k;
    for (let i = k; i < p; i++) store<u8>(out + <usize>(n++), 0x30);
  } else if (0 < p && p <= 21) {
    memory.copy(out + <usize>n, dbuf, <usize>p);
    n += p;
    store<u8>(out + <usize>(n++), 0x2e);
    memory.copy(out + <usize>n, dbuf + <usize>p, <usize>(k - p));
    n += k - p;
  } else if (-6 < p && p <= 0) {
    store<u8>(out + <usize>(n++), 0x30);
    store<u8>(out + <usize>(n++), 0x2e);
    for (let i = p; i < 0; i++) store<u8>(out + <usize>(n++), 0x30);
    memory.copy(out + <usize>n, dbuf, <usize>k);
    n += k;
  } else {
    store<u8>(out + <usize>(n++), load<u8>(dbuf));
    if (k > 1) {
      store<u8>(out + <usize>(n++), 0x2e);
      memory.copy(out + <usize>n, dbuf + 1, <usize>(k - 1));
      n += k - 1;
    }
    store<u8>(out + <usize>(n++), 0x65);
    let e = p - 1;
    if (e < 0) {
      store<u8>(out + <usize>(n++), 0x2d);
      e = -e;
    } else {
      store<u8>(out + <usize>(n++), 0x2b);
    }
    if (e >= 100) store<u8>(out + <usize>(n++), <u8>(0x30 + e / 100));
    if (e >= 10) store<u8>(out + <usize>(n++), <u8>(0x30 + (e / 10) % 10));
    store<u8>(out + <usize>(n++), <u8>(0x30 + e % 10));
  }
  scratchLength = n;
}

/**
 * Formats `x` like JSON.stringify formats a number (String(x), but NaN and ±Infinity -> "null")
 * into the static scratch buffer; returns its length. Read the bytes at numberScratchPtr().
 */
export function formatJsonNumber(x: f64): i32 {
  if (!isFinite(x)) {
    const out = changetype<usize>(SCRATCH);
    store<u32>(out, 0x6c6c756e); // "null"
    scratchLength = 4;
  } else {
    formatFinite(x);
  }
  return scratchLength;
}

/** Address of the scratch buffer written by formatJsonNumber. */
// @ts-ignore: decorator
@inline
export function numberScratchPtr(): usize {
  return changetype<usize>(SCRATCH);
}

/** String(x) / Number.prototype.toString() exactly as JavaScript: "NaN", "Infinity", "-0" -> "0". */
export function numberToJsString(x: f64): string {
  if (isNaN(x)) return 'NaN';
  if (!isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  formatFinite(x);
  const n = scratchLength;
  const s = __new(<usize>n << 1, idof<string>());
  const src = changetype<usize>(SCRATCH);
  for (let i = 0; i < n; i++) store<u16>(s + (<usize>i << 1), load<u8>(src + <usize>i));
  return changetype<string>(s);
}
