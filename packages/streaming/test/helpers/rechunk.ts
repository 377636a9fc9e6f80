// Re-chunking: the same bytes cut at other places (seeded, so any failure can be replayed).
import type { StreamSession } from '@llms-wasm/module-kit';
import type { CanonicalEvent, DecodeOptions, DecodeOutput, DecodeResult } from '../../src/contract.js';

/** A small seeded generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `bytes` cut at `cuts` (sorted, deduplicated offsets). */
export function cutAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

/** `count` random cut points from a seed. */
export function randomCuts(length: number, count: number, seed: number): number[] {
  const rnd = seeded(seed);
  return Array.from({ length: count }, () => 1 + Math.floor(rnd() * Math.max(1, length - 1)));
}

/** Fixed-size chunks. */
export function everyN(bytes: Uint8Array, n: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += n) out.push(bytes.subarray(i, i + n));
  return out.length ? out : [bytes];
}

/** Runs chunks through a session and gathers its whole output. */
export async function runSession(open: (o: DecodeOptions) => Promise<StreamSession<CanonicalEvent, DecodeResult>>, options: DecodeOptions, chunks: readonly (Uint8Array | string)[]): Promise<DecodeOutput> {
  const s = await open(options);
  const events: CanonicalEvent[] = [];
  try {
    for (const c of chunks) events.push(...(await s.push(c)));
    const fin = await s.finish();
    events.push(...fin.events);
    return { events, result: fin.result };
  } finally {
    s.close();
  }
}
