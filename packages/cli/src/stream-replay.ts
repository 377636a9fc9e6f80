// Streams of the corpus replayed through `Orchestrator.stream`: each one in its captured form (the text
// as captured, one chunk) and re-chunked as bytes at seeded random cut points, with cuts forced inside a
// multi-byte UTF-8 sequence and between the `\r` and `\n` of a CRLF wherever the stream has one, so the
// replay shows the judgement does not depend on where an upstream's chunks were cut.
//
// Module-kit's corpus mappers name call operations only, so which call of a module is a whole stream is
// said here, per known module (a stopgap until module-kit's corpus mappers can name stream calls).

/** A corpus call that is a whole stream, as the stream operation that decodes it chunk by chunk. */
export interface StreamForm {
  readonly operation: string;
  readonly options: unknown;
  readonly text: string;
}

/** How a known module's whole-stream calls become stream calls. */
const STREAM_FORMS: Readonly<Record<string, (call: { readonly operation: string; readonly input: unknown }) => StreamForm | null>> = {
  // `decodeWhole({ protocol, sse, …options })` is `decode` opened with the options and fed `sse`.
  streaming: (call) => {
    if (call.operation !== 'decodeWhole' || typeof call.input !== 'object' || call.input === null) return null;
    const { sse, ...options } = call.input as { sse?: unknown };
    return typeof sse === 'string' ? { operation: 'decode', options, text: sse } : null;
  },
};

/** The stream form of a corpus call of `module`, if it has one. */
export function streamFormOf(module: string, call: { readonly operation: string; readonly input: unknown }): StreamForm | null {
  return STREAM_FORMS[module]?.(call) ?? null;
}

/** A small seeded generator (mulberry32): the same seed cuts the same places. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Offsets inside a multi-byte UTF-8 sequence (after a lead or continuation byte, before a continuation byte). */
function insideUtf8(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 1; i < bytes.length; i += 1) if (((bytes[i] as number) & 0xc0) === 0x80) out.push(i);
  return out;
}

/** Offsets between the `\r` and the `\n` of a CRLF. */
function insideCrlf(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 1; i < bytes.length; i += 1) if (bytes[i - 1] === 0x0d && bytes[i] === 0x0a) out.push(i);
  return out;
}

/**
 * `bytes` cut at `1 + length / 256` random offsets (at least 3) from `seed`, plus one random offset inside
 * a UTF-8 sequence and one inside a CRLF when the stream has them. Returns the chunks and where they were cut.
 */
export function rechunk(bytes: Uint8Array, seed: number): { readonly chunks: Uint8Array[]; readonly cuts: number[]; readonly inUtf8: number; readonly inCrlf: number } {
  const rnd = seeded(seed);
  const pick = (xs: readonly number[]): number[] => (xs.length === 0 ? [] : [xs[Math.floor(rnd() * xs.length)] as number]);
  const random = Array.from({ length: Math.max(3, 1 + Math.floor(bytes.length / 256)) }, () => 1 + Math.floor(rnd() * Math.max(1, bytes.length - 1)));
  const cuts = [...new Set([...random, ...pick(insideUtf8(bytes)), ...pick(insideCrlf(bytes))].filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const cut of cuts) {
    chunks.push(bytes.slice(from, cut));
    from = cut;
  }
  chunks.push(bytes.slice(from));
  const utf8 = new Set(insideUtf8(bytes));
  const crlf = new Set(insideCrlf(bytes));
  return { chunks, cuts, inUtf8: cuts.filter((c) => utf8.has(c)).length, inCrlf: cuts.filter((c) => crlf.has(c)).length };
}
