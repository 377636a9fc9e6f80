import Type, { type Static } from 'typebox';

/** Encodings tiktoken (and so llms) can select; the WASM side implements every one of them. */
export const EncodingName = Type.Union([
  Type.Literal('cl100k_base'),
  Type.Literal('o200k_base'),
  Type.Literal('p50k_base'),
  Type.Literal('p50k_edit'),
  Type.Literal('r50k_base'),
  Type.Literal('gpt2'),
]);
export type EncodingName = Static<typeof EncodingName>;

/**
 * One chat message as llms's counter reads it: `role`, `content` (string, parts array, object, or any
 * JSON scalar), `tool_calls`, `name`, `tool_call_id`. Other fields (e.g. `reasoning_content`) are
 * allowed and, as in llms, not counted. `role` is optional because llms counts items without one
 * (Responses-style input items) as 0 for the role.
 */
export const ChatMessage = Type.Intersect([
  Type.Object({
    role: Type.Optional(Type.String()),
    content: Type.Optional(Type.Unknown()),
    tool_calls: Type.Optional(Type.Array(Type.Unknown())),
    name: Type.Optional(Type.String()),
    tool_call_id: Type.Optional(Type.String()),
  }),
  Type.Record(Type.String(), Type.Unknown()),
]);
export type ChatMessage = Static<typeof ChatMessage>;

const Selection = {
  /** A model name; resolved as tiktoken does (trimmed, exact names only), unknown names fall back to cl100k_base. */
  model: Type.Optional(Type.String()),
  /** An explicit encoding; wins over `model`. */
  encoding: Type.Optional(EncodingName),
};

/** Count the tokens of one text exactly as tiktoken's `encode(text).length`. */
export const CountTextInput = Type.Object({ text: Type.String(), ...Selection }, { additionalProperties: false });
export type CountTextInput = Static<typeof CountTextInput>;

/** Count a chat request the way llms's router does (`countRequestTokens`): messages, tools, parameters. */
export const CountMessagesInput = Type.Object(
  {
    messages: Type.Array(ChatMessage),
    tools: Type.Optional(Type.Array(Type.Unknown())),
    parameters: Type.Optional(Type.Unknown()),
    ...Selection,
  },
  { additionalProperties: false },
);
export type CountMessagesInput = Static<typeof CountMessagesInput>;

/** `countTokens` input: a text, or a chat request. */
export const CountTokensInput = Type.Union([CountTextInput, CountMessagesInput]);
export type CountTokensInput = Static<typeof CountTokensInput>;

/** `countTokens` output: the count and the encoding that produced it. */
export const CountTokensOutput = Type.Object(
  { tokens: Type.Integer({ minimum: 0 }), encoding: EncodingName },
  { additionalProperties: false },
);
export type CountTokensOutput = Static<typeof CountTokensOutput>;


/**
 * What happens to the reasoning text llms found (llms 0.6 `dispatchReasoning` modes): `channel` keeps it
 * as a separate `reasoning` segment (trimmed), `text` turns it into a text segment prefixed with
 * `reasoningPrefix`, `drop` removes it.
 */
export const ReasoningMode = Type.Union([Type.Literal('channel'), Type.Literal('text'), Type.Literal('drop')]);
export type ReasoningMode = Static<typeof ReasoningMode>;

/** `segment` options. */
export const SegmentOptions = Type.Object(
  { reasoningMode: Type.Optional(ReasoningMode), reasoningPrefix: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
export type SegmentOptions = Static<typeof SegmentOptions>;

/**
 * One item of an OpenAI Responses `output` array as llms reads it: `message` items (text parts in
 * `content`), `output_text` items (`text`), `reasoning` items (`content[].text`); others are ignored.
 */
export const ResponsesOutputItem = Type.Intersect([Type.Object({ type: Type.Optional(Type.String()) }), Type.Record(Type.String(), Type.Unknown())]);
export type ResponsesOutputItem = Static<typeof ResponsesOutputItem>;

/** Segment one assistant text: `<think>` blocks and fenced think blocks are removed. */
export const SegmentTextInput = Type.Object({ text: Type.String(), options: Type.Optional(SegmentOptions) }, { additionalProperties: false });
export type SegmentTextInput = Static<typeof SegmentTextInput>;

/** Segment a Responses `output` array: message text and reasoning items, both think-sanitized. */
export const SegmentOutputInput = Type.Object(
  { output: Type.Array(ResponsesOutputItem), options: Type.Optional(SegmentOptions) },
  { additionalProperties: false },
);
export type SegmentOutputInput = Static<typeof SegmentOutputInput>;

/** `segment` input. */
export const SegmentInput = Type.Union([SegmentTextInput, SegmentOutputInput]);
export type SegmentInput = Static<typeof SegmentInput>;

/** A piece of the segmented text: visible `text`, or `reasoning` kept apart. */
export const Segment = Type.Object(
  { type: Type.Union([Type.Literal('text'), Type.Literal('reasoning')]), content: Type.String() },
  { additionalProperties: false },
);
export type Segment = Static<typeof Segment>;

/**
 * `segment` output: llms's own fields (`content`, `reasoning_content` as its Responses→Chat conversion
 * produces them) and `tokens`, the reasoning dispatched per `reasoningMode` followed by the visible text.
 */
export const SegmentOutput = Type.Object(
  {
    content: Type.String(),
    reasoning_content: Type.Optional(Type.String()),
    tokens: Type.Array(Segment),
  },
  { additionalProperties: false },
);
export type SegmentOutput = Static<typeof SegmentOutput>;
