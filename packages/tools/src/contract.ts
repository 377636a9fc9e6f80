// The tools module's contract: one TypeBox schema (and static type of the same name) per operation
// input and output. Which llms function each operation is bound to is in the README and in
// docs/module-boundaries.md; the top-level operation's raw and canonical calls are in contract-calls.ts.
import Type, { type Static } from 'typebox';

/** The longest string any tools input may hold, in code points (4 Mi). */
export const MAX_TEXT = 4 * 1024 * 1024;

/** Any JSON value (strings within it are not length-checked; the WASM host refuses inputs over 64 MiB). */
export const JsonValue = Type.Unknown();
export type JsonValue = Static<typeof JsonValue>;

const text = (description: string) => Type.String({ maxLength: MAX_TEXT, description });

/** `repairArguments`: the tool-call arguments as a model emitted them (any JSON value; absent = `undefined`). */
export const RepairArgumentsInput = Type.Object({ arguments: Type.Optional(JsonValue) }, { additionalProperties: false });
export type RepairArgumentsInput = Static<typeof RepairArgumentsInput>;

/** `repairArguments` output: the repaired JSON text and whether it differs from what was emitted. */
export const RepairArgumentsOutput = Type.Object(
  {
    arguments: Type.String(),
    /** False only when the input was a string and is returned unchanged. */
    repaired: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type RepairArgumentsOutput = Static<typeof RepairArgumentsOutput>;

/** `parseLenient`: a JSON-ish value to parse (absent = `undefined`). */
export const ParseLenientInput = Type.Object({ value: Type.Optional(JsonValue) }, { additionalProperties: false });
export type ParseLenientInput = Static<typeof ParseLenientInput>;

/** `parseToolArgs`: the arguments text the tool registry parses. */
export const ParseToolArgsInput = Type.Object({ text: text('arguments text') }, { additionalProperties: false });
export type ParseToolArgsInput = Static<typeof ParseToolArgsInput>;

/** `parseLenient` / `parseToolArgs` output: the parsed value. */
export const ParsedValueOutput = Type.Object({ value: JsonValue }, { additionalProperties: false });
export type ParsedValueOutput = Static<typeof ParsedValueOutput>;

/**
 * `normalizeCallId`: an emitted call id and a fallback (any JSON value; only non-blank strings count),
 * for a function call (`call`, default) or its output (`output`).
 */
export const NormalizeCallIdInput = Type.Object(
  {
    callId: Type.Optional(JsonValue),
    fallback: Type.Optional(JsonValue),
    kind: Type.Optional(Type.Union([Type.Literal('call'), Type.Literal('output')])),
  },
  { additionalProperties: false },
);
export type NormalizeCallIdInput = Static<typeof NormalizeCallIdInput>;

/** `normalizeCallId` output: the `fc_` id (random when neither input has one: `fc_` + 0–8 base-36 characters). */
export const NormalizeCallIdOutput = Type.Object({ id: Type.String() }, { additionalProperties: false });
export type NormalizeCallIdOutput = Static<typeof NormalizeCallIdOutput>;

/** `validateToolCall`: a tool name and its arguments text, as the registry receives them. */
export const ValidateToolCallInput = Type.Object(
  { name: text('tool name'), arguments: text('arguments text') },
  { additionalProperties: false },
);
export type ValidateToolCallInput = Static<typeof ValidateToolCallInput>;

/** A registry warning (`multiple_in_progress` for an `update_plan` with several steps in progress). */
export const ValidationWarning = Type.Object({ kind: Type.String(), count: Type.Integer() }, { additionalProperties: false });
export type ValidationWarning = Static<typeof ValidationWarning>;

/** The registry accepted the call; `normalizedArgs` is the JSON text it would execute. */
export const ValidCall = Type.Object(
  { ok: Type.Literal(true), normalizedArgs: Type.String(), warnings: Type.Optional(Type.Array(ValidationWarning)) },
  { additionalProperties: false },
);
export type ValidCall = Static<typeof ValidCall>;

/**
 * The registry refused the call (`reason` is llms's, e.g. `unknown_tool`, `missing_plan`), or the
 * validation needs llms code that does not run on Linux: `reason: 'not_bound'`, `needs` names it.
 */
export const InvalidCall = Type.Object(
  { ok: Type.Literal(false), reason: Type.String(), message: Type.Optional(Type.String()), needs: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
export type InvalidCall = Static<typeof InvalidCall>;

/** `validateToolCall` output. */
export const ValidationVerdict = Type.Union([ValidCall, InvalidCall]);
export type ValidationVerdict = Static<typeof ValidationVerdict>;

/** A chat completion (or `{messages}`) as JSON; any JSON value is accepted and handled as llms handles it. */
export const ChatPayloadInput = Type.Object({ payload: JsonValue }, { additionalProperties: false });
export type ChatPayloadInput = Static<typeof ChatPayloadInput>;

/** `canonicalizeChatResponse` / `finalizeChatResponse` output: the payload after llms's rules. */
export const ChatPayloadOutput = Type.Object({ payload: JsonValue }, { additionalProperties: false });
export type ChatPayloadOutput = Static<typeof ChatPayloadOutput>;

/** Shell tool arguments: `command` (string or array) and `workdir`; other members are kept. */
export const ShellArgs = Type.Object(
  { command: Type.Optional(JsonValue), workdir: Type.Optional(JsonValue) },
  { additionalProperties: true },
);
export type ShellArgs = Static<typeof ShellArgs>;

/** `packShellArgs` input. */
export const PackShellArgsInput = Type.Object({ args: ShellArgs }, { additionalProperties: false });
export type PackShellArgsInput = Static<typeof PackShellArgsInput>;

/** `packShellArgs` output: the packed arguments (`command` is always an array of strings). */
export const PackShellArgsOutput = Type.Object(
  { args: Type.Object({ command: Type.Array(Type.String()) }, { additionalProperties: true }) },
  { additionalProperties: false },
);
export type PackShellArgsOutput = Static<typeof PackShellArgsOutput>;

/** An assistant message whose text may hold tool calls written as markup. */
export const AssistantMessage = Type.Object(
  { role: Type.Optional(JsonValue), content: Type.Optional(JsonValue), tool_calls: Type.Optional(JsonValue) },
  { additionalProperties: true },
);
export type AssistantMessage = Static<typeof AssistantMessage>;

/** `harvestTextToolCalls` input. */
export const HarvestTextInput = Type.Object({ message: AssistantMessage }, { additionalProperties: false });
export type HarvestTextInput = Static<typeof HarvestTextInput>;

/** `harvestTextToolCalls` output: the message, with `tool_calls` and `content: ''` when markup was found. */
export const HarvestTextOutput = Type.Object({ message: Type.Object({}, { additionalProperties: true }) }, { additionalProperties: false });
export type HarvestTextOutput = Static<typeof HarvestTextOutput>;
