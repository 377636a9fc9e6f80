// The top-level operation's contract: raw tool calls in every format a provider emits them, and the
// canonical calls they become. Where a raw call's id, name and arguments are read from is part of the
// contract (listed per format below); everything done with them is llms's (see the README).
import Type, { type Static } from 'typebox';
import { JsonValue, MAX_TEXT, ValidationVerdict } from './contract.js';

const open = { additionalProperties: true } as const;
const closed = { additionalProperties: false } as const;

/** OpenAI chat `tool_calls[i]` (response or request history): id `id`, name `function.name`, arguments `function.arguments`. */
export const RawChatCall = Type.Object(
  {
    format: Type.Literal('chat'),
    call: Type.Object({ id: Type.Optional(JsonValue), function: Type.Optional(Type.Object({ name: Type.Optional(JsonValue), arguments: Type.Optional(JsonValue) }, open)) }, open),
  },
  closed,
);
export type RawChatCall = Static<typeof RawChatCall>;

/** An OpenAI Responses `function_call` item (output or input history): id `call_id`, name `name`, arguments `arguments`. */
export const RawResponsesCall = Type.Object(
  {
    format: Type.Literal('responses'),
    item: Type.Object({ call_id: Type.Optional(JsonValue), name: Type.Optional(JsonValue), arguments: Type.Optional(JsonValue) }, open),
  },
  closed,
);
export type RawResponsesCall = Static<typeof RawResponsesCall>;

/** A `function_call` item as a Responses stream announces it (`response.output_item.added` / `.done`). */
export const StreamedItem = Type.Object(
  {
    type: Type.Literal('function_call'),
    id: Type.Optional(Type.String({ maxLength: MAX_TEXT })),
    call_id: Type.Optional(Type.String({ maxLength: MAX_TEXT })),
    name: Type.Optional(Type.String({ maxLength: MAX_TEXT })),
    input: Type.Optional(JsonValue),
  },
  open,
);
export type StreamedItem = Static<typeof StreamedItem>;

/**
 * A function call streamed over Responses SSE: the added item, every
 * `response.function_call_arguments.delta`, the `.done` arguments and the done item when they came.
 * Assembled by llms's Responses stream builder; id `call_id`, name `name`, arguments `arguments` of the result.
 */
export const RawStreamedCall = Type.Object(
  {
    format: Type.Literal('responses_sse'),
    itemAdded: StreamedItem,
    argumentDeltas: Type.Array(Type.String({ maxLength: MAX_TEXT }), { maxItems: 1 << 20 }),
    argumentsDone: Type.Optional(Type.String({ maxLength: MAX_TEXT })),
    itemDone: Type.Optional(StreamedItem),
  },
  closed,
);
export type RawStreamedCall = Static<typeof RawStreamedCall>;

/** An Anthropic `tool_use` content block: id `id`, name `name`, arguments `input`. */
export const RawAnthropicCall = Type.Object(
  {
    format: Type.Literal('anthropic'),
    block: Type.Object({ id: Type.Optional(JsonValue), name: Type.Optional(JsonValue), input: Type.Optional(JsonValue) }, open),
  },
  closed,
);
export type RawAnthropicCall = Static<typeof RawAnthropicCall>;

/**
 * Tool calls written as text markup inside an assistant message's `content` or `reasoning_content`:
 * the text is harvested by llms's text-markup normalizer, each call found is then read as a chat call.
 */
export const RawTextCalls = Type.Object(
  {
    format: Type.Literal('text'),
    field: Type.Union([Type.Literal('content'), Type.Literal('reasoning_content')]),
    text: Type.String({ maxLength: MAX_TEXT }),
  },
  closed,
);
export type RawTextCalls = Static<typeof RawTextCalls>;

/** One raw entry: a call, or a text that may hold several. */
export const RawToolCall = Type.Union([RawChatCall, RawResponsesCall, RawStreamedCall, RawAnthropicCall, RawTextCalls]);
export type RawToolCall = Static<typeof RawToolCall>;

/** `canonicalizeToolCalls` input: what a provider emitted, with the request's tool definitions where known. */
export const CanonicalizeToolCallsInput = Type.Object(
  {
    calls: Type.Array(RawToolCall, { maxItems: 4096 }),
    /** The request's `tools` (carried; no bound llms function reads them, see `notBound`). */
    toolDefinitions: Type.Optional(Type.Array(JsonValue)),
  },
  closed,
);
export type CanonicalizeToolCallsInput = Static<typeof CanonicalizeToolCallsInput>;

/** One canonical tool call. */
export const CanonicalToolCall = Type.Object(
  {
    /** Index of the raw entry it came from. */
    source: Type.Integer({ minimum: 0 }),
    format: Type.Union([Type.Literal('chat'), Type.Literal('responses'), Type.Literal('responses_sse'), Type.Literal('anthropic'), Type.Literal('text')]),
    /** `fc_` id (llms 0.4.2 `normalizeFunctionCallId`; random when the call had no id). */
    id: Type.String(),
    /** Name with tool-call markup cut off (llms 0.6 `canonicalizeToolName`; a non-string name counts as ''). */
    name: Type.String(),
    /** Repaired JSON arguments (llms 0.4.2 `repairArgumentsToString`). */
    arguments: Type.String(),
    /** False only when the emitted arguments were a string equal to `arguments`. */
    repaired: Type.Boolean(),
    /** The registry's verdict on `name` with `arguments` (llms 0.6 `validateToolCall`). */
    validation: ValidationVerdict,
  },
  closed,
);
export type CanonicalToolCall = Static<typeof CanonicalToolCall>;

/** A step the input called for that no llms code running on Linux performs (nothing is computed in its place). */
export const NotBoundStep = Type.Object(
  { source: Type.Optional(Type.Integer({ minimum: 0 })), step: Type.String(), needs: Type.String() },
  closed,
);
export type NotBoundStep = Static<typeof NotBoundStep>;

/** `canonicalizeToolCalls` output. */
export const CanonicalizeToolCallsOutput = Type.Object(
  { calls: Type.Array(CanonicalToolCall), notBound: Type.Array(NotBoundStep) },
  closed,
);
export type CanonicalizeToolCallsOutput = Static<typeof CanonicalizeToolCallsOutput>;
