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
