// Number helpers shared by the number suites: bit twiddling, crafted doubles and exact halfway
// decimals (computed with BigInt, independent of the code under test).
import type { Harness } from './host.js';
import { decodeUtf16, utf16Bytes } from './host.js';

const view = new DataView(new ArrayBuffer(8));

export function toBits(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

export function fromBits(b: bigint): number {
  view.setBigUint64(0, BigInt.asUintN(64, b));
  return view.getFloat64(0);
}

/** Doubles where shortest-digit and formatting bugs hide. */
export function craftedDoubles(): number[] {
  const xs: number[] = [0, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE];
  xs.push(Number.EPSILON, 2.2250738585072014e-308, 2.225073858507201e-308, 1e21, 1e-7, 1e-6, 123456789012345680000);
  for (let e = -325; e <= 309; e++) {
    const p = Number(`1e${e}`);
    const b = toBits(p);
    for (let d = -3n; d <= 3n; d++) xs.push(fromBits(b + d));
    xs.push(Number(`5e${e}`), Number(`9.999999999999999e${e}`), Number(`1.5e${e}`));
  }
  for (let e = 0; e < 2047; e++) {
    const b = BigInt(e) << 52n;
    xs.push(fromBits(b), fromBits(b + 1n), fromBits(b - 1n), fromBits(b | 0xfffffffffffffn));
  }
  for (let k = -5; k <= 5; k++) xs.push(2 ** 53 + k, 2 ** 54 + 2 * k, -(2 ** 53) + k, 2 ** 63 + k * 2048, 2 ** 64 + k * 4096);
  for (let k = -5; k <= 5; k++) {
    xs.push(fromBits(toBits(1e21) + BigInt(k)), fromBits(toBits(1e-7) + BigInt(k)), fromBits(toBits(1e-6) + BigInt(k)));
  }
  for (let i = 1n; i < 64n; i++) xs.push(fromBits(i), fromBits(0x000fffffffffffffn - i));
  return xs;
}

/** The exact decimal of the midpoint between x (finite, >= 0) and the next double up. */
export function upperHalfway(x: number): string {
  const b = toBits(x);
  const e = Number((b >> 52n) & 0x7ffn);
  let m = b & 0xfffffffffffffn;
  if (e !== 0) m |= 1n << 52n;
  const t = (e === 0 ? 1 : e) - 1075 - 1; // midpoint = (2m + 1) * 2^t
  const c = 2n * m + 1n;
  if (t >= 0) return (c << BigInt(t)).toString();
  return `${c * 5n ** BigInt(-t)}e${t}`;
}

/** numberToJsString for many doubles at once. */
export function jsStrings(h: Harness, xs: readonly number[]): string[] {
  return decodeUtf16(h.callDoubles('numberToJsStringBatch', xs).bytes).split('\n');
}

/** JSON number texts -> doubles through parseUtf8 (NaN where the text is rejected). */
export function parseNumbersUtf8(h: Harness, texts: readonly string[]): Float64Array {
  const rec = h.callBytes('parseNumberLines', new TextEncoder().encode(texts.join('\n')));
  return new Float64Array(rec.bytes.buffer, rec.bytes.byteOffset, rec.bytes.length / 8);
}

/** JSON number texts -> doubles through parseJsonNumber(string). */
export function parseNumbersUtf16(h: Harness, texts: readonly string[]): Float64Array {
  const joined = texts.join('\n');
  const rec = h.callUtf16('parseJsonNumberLines', joined);
  return new Float64Array(rec.bytes.buffer, rec.bytes.byteOffset, rec.bytes.length / 8);
}

export { utf16Bytes };
