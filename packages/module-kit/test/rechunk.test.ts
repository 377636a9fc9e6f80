// The kit's seeded re-chunking (used by the corpus replay and the stream modules' tests).
import { describe, expect, it } from 'vitest';
import { cutAt, rechunk, seededRandom } from '../src/index.js';

describe('rechunk', () => {
  it('cuts the same bytes the same way for a seed, inside UTF-8 sequences and CRLFs when there are some', () => {
    const bytes = new TextEncoder().encode('data: {"t":"héllo, 世界"}\r\n\r\n'.repeat(40));
    const a = rechunk(bytes, 7);
    expect(rechunk(bytes, 7).cuts).toEqual(a.cuts);
    expect(rechunk(bytes, 8).cuts).not.toEqual(a.cuts);
    expect(Buffer.concat(a.chunks).equals(Buffer.from(bytes))).toBe(true);
    expect(a.inUtf8).toBeGreaterThan(0);
    expect(a.inCrlf).toBeGreaterThan(0);
  });
});

describe('cutAt and seededRandom', () => {
  it('cut at the given offsets only, and repeat a sequence for a seed', () => {
    const bytes = new TextEncoder().encode('abcdef');
    expect(cutAt(bytes, [4, 2, 2, 0, 9]).map((c) => new TextDecoder().decode(c))).toEqual(['ab', 'cd', 'ef']);
    const a = seededRandom(3);
    const b = seededRandom(3);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});
