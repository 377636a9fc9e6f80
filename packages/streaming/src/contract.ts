import Type, { type Static } from 'typebox';

/** The four SSE protocols llms decodes and encodes, by the codec's own event vocabulary. */
export const Protocol = Type.Union([Type.Literal('responses'), Type.Literal('chat'), Type.Literal('anthropic'), Type.Literal('gemini')]);
export type Protocol = Static<typeof Protocol>;

/**
 * One canonical SSE event (protocol `sse-v1`, docs/sse-protocol.md): its type as the codec parsed it,
 * its 0-based position in the stream, the parsed `data` (ids and clocks are left to ruleset rules), and
 * a digest of the tokens it carries (`null` when it carries none).
 */
export const CanonicalEvent = Type.Object(
  {
    event_type: Type.String(),
    ordinal_index: Type.Integer({ minimum: 0 }),
    normalized_payload: Type.Unknown(),
    token_digest: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type CanonicalEvent = Static<typeof CanonicalEvent>;

/** What the codec made of the whole stream (and which protocol it was): the aggregated response JSON, or the codec's own failure. */
export const DecodeResult = Type.Union([
  Type.Object({ protocol: Protocol, status: Type.Literal('ok'), response: Type.Unknown() }, { additionalProperties: false }),
  Type.Object({ protocol: Protocol, status: Type.Literal('failed'), code: Type.String(), message: Type.String() }, { additionalProperties: false }),
]);
export type DecodeResult = Static<typeof DecodeResult>;

/** Options of a decode session (and of the whole-input decode). */
export const DecodeOptions = Type.Object(
  {
    protocol: Protocol,
    /** Passed to the codec (`options.requestId`); Chat uses it for the id of an empty stream. Default `stream`. */
    requestId: Type.Optional(Type.String()),
    /** Passed to the codec (`options.model`); Chat uses it until a chunk names one. */
    model: Type.Optional(Type.String()),
    /** Input bytes a session accepts in total (UTF-8). Default 64 MiB. */
    maxBytes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1024 * 1024 * 1024 })),
  },
  { additionalProperties: false },
);
export type DecodeOptions = Static<typeof DecodeOptions>;

/** Whole-input decode: the options plus the complete SSE text. */
export const DecodeInput = Type.Object(
  {
    protocol: Protocol,
    sse: Type.String(),
    requestId: Type.Optional(Type.String()),
    model: Type.Optional(Type.String()),
    maxBytes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1024 * 1024 * 1024 })),
  },
  { additionalProperties: false },
);
export type DecodeInput = Static<typeof DecodeInput>;

/** A whole-input decode's output, the shape of a finished stream: every canonical event in order, and the result. */
export const DecodeOutput = Type.Object({ events: Type.Array(CanonicalEvent), result: DecodeResult }, { additionalProperties: false });
export type DecodeOutput = Static<typeof DecodeOutput>;

/** The protocols whose encoder both runtimes implement (all four). */
export const EncodeProtocol = Type.Union([Type.Literal('responses'), Type.Literal('chat'), Type.Literal('anthropic'), Type.Literal('gemini')]);
export type EncodeProtocol = Static<typeof EncodeProtocol>;

/** Encode a response JSON of `protocol` into SSE frames. */
export const EncodeInput = Type.Object(
  {
    protocol: EncodeProtocol,
    response: Type.Unknown(),
    requestId: Type.Optional(Type.String()),
    model: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type EncodeInput = Static<typeof EncodeInput>;

/** The frames the encoder wrote, each a complete `event:`/`data:`(/`id:`) block ending in a blank line. */
export const EncodeOutput = Type.Object(
  {
    frames: Type.Array(Type.String()),
    /** Set when the encoder's stream failed after writing `frames` (llms destroys the stream with this message). */
    error: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type EncodeOutput = Static<typeof EncodeOutput>;
