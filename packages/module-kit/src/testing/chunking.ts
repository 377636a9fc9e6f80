import fc from 'fast-check';
import { cutAt } from '../stream/rechunk.js';

/** `bytes` cut at `cuts` (positions, any order, duplicates and out-of-range ones ignored): the kit's `cutAt`. */
export const splitAt: (bytes: Uint8Array, cuts: readonly number[]) => Uint8Array[] = cutAt;

/** Positions where a careless decoder breaks: inside a UTF-8 sequence, inside `\r\n`, inside a field name. */
export function trickyCuts(bytes: Uint8Array): number[] {
  const out: number[] = [];
  const field = [0x64, 0x61, 0x74, 0x61, 0x3a]; // "data:"
  for (let i = 1; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if ((b & 0xc0) === 0x80) out.push(i); // continuation byte: the cut falls inside a character
    else if (bytes[i - 1] === 0x0d && b === 0x0a) out.push(i);
    else if (b === 0x3a && bytes[i - 1] !== 0x3a) out.push(i); // before a colon: inside `data:` / `event:`
    if (field.every((f, k) => bytes[i - 1 + k] === f)) out.push(i + 1, i + 2);
  }
  return out;
}

/**
 * Every way of cutting `bytes` into chunks, biased towards the tricky places (inside UTF-8 sequences,
 * inside `\r\n`, inside field names), including one chunk and one chunk per byte.
 * @example fc.assert(fc.asyncProperty(chunkings(sse), (chunks) => …))
 */
export function chunkings(bytes: Uint8Array): fc.Arbitrary<Uint8Array[]> {
  const tricky = trickyCuts(bytes);
  const anywhere = fc.integer({ min: 1, max: Math.max(1, bytes.length - 1) });
  const cut = tricky.length > 0 ? fc.oneof(anywhere, fc.constantFrom(...tricky)) : anywhere;
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Uint8Array[]>([bytes]) },
    { weight: 1, arbitrary: fc.constant(splitAt(bytes, Array.from({ length: bytes.length }, (_, i) => i))) },
    { weight: 8, arbitrary: fc.array(cut, { maxLength: 64 }).map((cuts) => splitAt(bytes, cuts)) },
  );
}
