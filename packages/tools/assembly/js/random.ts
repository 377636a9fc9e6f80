// `Math.random().toString(36).slice(2, 10)`: the random part of the ids llms 0.4.2 generates. The
// number comes from AssemblyScript's Math.random (seeded by the host); its base-36 text is written
// the way V8 writes a fraction in a radix (digits until the double is pinned down, round half to even
// with carry), so the ids have exactly the shape of llms's: 0 to 8 characters of [0-9a-z].
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

function nextDouble(x: f64): f64 {
  return reinterpret<f64>(reinterpret<u64>(x) + 1);
}

/** V8's `x.toString(radix)` for 0 <= x < 1 (integer part 0 or, after a carry, 1). */
export function fractionToRadix(x: f64, radix: i32): string {
  const digits = new Array<i32>();
  let integer: f64 = 0;
  let fraction = x;
  let delta = 0.5 * (nextDouble(x) - x);
  const tiny = reinterpret<f64>(<u64>1);
  if (delta < tiny) delta = tiny;
  if (fraction >= delta) {
    do {
      fraction *= <f64>radix;
      delta *= <f64>radix;
      const digit = <i32>fraction;
      digits.push(digit);
      fraction -= <f64>digit;
      if (fraction > 0.5 || (fraction == 0.5 && (digit & 1) != 0)) {
        if (fraction + delta > 1) {
          // Round up, carrying into earlier digits (and into the integer part past the first).
          for (;;) {
            if (digits.length == 0) {
              integer += 1;
              break;
            }
            const last = digits.pop();
            if (last + 1 < radix) {
              digits.push(last + 1);
              break;
            }
          }
          break;
        }
      }
    } while (fraction >= delta);
  }
  let s = integer == 0 ? '0' : '1';
  if (digits.length > 0) {
    s += '.';
    for (let i = 0; i < digits.length; i++) s += DIGITS.charAt(unchecked(digits[i]));
  }
  return s;
}

/** `Math.random().toString(36).slice(2, 10)`. */
export function randomBase36(): string {
  const s = fractionToRadix(Math.random(), 36);
  return s.length <= 2 ? '' : s.substring(2, 10);
}
