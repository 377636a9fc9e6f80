// Re-chunking a byte stream at seeded places: what every stream module's tests and the corpus replay use
// to show that where chunks are cut does not change a decode (a failure replays from its seed).

/** A small seeded generator (mulberry32) in [0, 1): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `bytes` cut at `cuts` (offsets outside `(0, length)` ignored, duplicates merged); each chunk is its own copy. */
export function cutAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.slice(from, p));
    from = p;
  }
  out.push(bytes.slice(from));
  return out;
}

/** Offsets inside a multi-byte UTF-8 sequence (before a continuation byte). */
export function insideUtf8(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 1; i < bytes.length; i += 1) if (((bytes[i] as number) & 0xc0) === 0x80) out.push(i);
  return out;
}

/** Offsets between the `\r` and the `\n` of a CRLF. */
export function insideCrlf(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 1; i < bytes.length; i += 1) if (bytes[i - 1] === 0x0d && bytes[i] === 0x0a) out.push(i);
  return out;
}

/** A re-chunked stream and where it was cut. */
export interface Rechunked {
  readonly chunks: Uint8Array[];
  readonly cuts: number[];
  /** How many cuts fall inside a UTF-8 sequence / a CRLF. */
  readonly inUtf8: number;
  readonly inCrlf: number;
}

/**
 * `bytes` cut at `1 + length / 256` random offsets (at least 3) from `seed`, plus one random offset inside
 * a UTF-8 sequence and one inside a CRLF when the stream has them.
 * @example
 * const { chunks } = rechunk(new TextEncoder().encode(sse), 7);
 */
export function rechunk(bytes: Uint8Array, seed: number): Rechunked {
  const rnd = seededRandom(seed);
  const utf8 = insideUtf8(bytes);
  const crlf = insideCrlf(bytes);
  const pick = (xs: readonly number[]): number[] => (xs.length === 0 ? [] : [xs[Math.floor(rnd() * xs.length)] as number]);
  const random = Array.from({ length: Math.max(3, 1 + Math.floor(bytes.length / 256)) }, () => 1 + Math.floor(rnd() * Math.max(1, bytes.length - 1)));
  const cuts = [...new Set([...random, ...pick(utf8), ...pick(crlf)].filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const inUtf8 = new Set(utf8);
  const inCrlf = new Set(crlf);
  return { chunks: cutAt(bytes, cuts), cuts, inUtf8: cuts.filter((c) => inUtf8.has(c)).length, inCrlf: cuts.filter((c) => inCrlf.has(c)).length };
}
