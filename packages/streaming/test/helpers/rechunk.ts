// Re-chunking: the same bytes cut at other places (seeded, so any failure can be replayed).
import { seededRandom, type StreamSession } from '@llms-wasm/module-kit';
import type { CanonicalEvent, DecodeOptions, DecodeOutput, DecodeResult } from '../../src/contract.js';

// The seeded generator and the cutter are the kit's (module-kit `seededRandom`, `cutAt`), shared with the replay.
export { cutAt, seededRandom as seeded } from '@llms-wasm/module-kit';

/** `count` random cut points from a seed. */
export function randomCuts(length: number, count: number, seed: number): number[] {
  const rnd = seededRandom(seed);
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
