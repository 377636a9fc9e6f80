import Type, { type Static } from 'typebox';

const Scope = {
  /** A module id, or `*` for every module. */
  module: Type.String({ minLength: 1 }),
  /** Limit to one operation (default: all). */
  operation: Type.Optional(Type.String({ minLength: 1 })),
  /** JSON-pointer pattern: `*` is one segment, `**` any number of segments. */
  path: Type.String({ pattern: '^(/.*)?$' }),
};

/** A string rewrite step of `tolerance_policy.string_normalizations`. */
export const StringNormalization = Type.Union([
  Type.Literal('trim'),
  Type.Literal('collapse_whitespace'),
  Type.Literal('lowercase'),
  Type.Literal('nfc'),
  Type.Literal('crlf_to_lf'),
]);
export type StringNormalization = Static<typeof StringNormalization>;

/** How streams are compared (docs/sse-protocol.md): the protocol version, the canonical event fields, the judgement. */
export const SseProtocol = Type.Object(
  {
    version: Type.String({ minLength: 1 }),
    canonical_event_fields: Type.Array(Type.String()),
    chunk_boundaries: Type.Union([Type.Literal('ignore'), Type.Literal('strict')]),
    final_token_sequence: Type.Literal('strict'),
  },
  { additionalProperties: false },
);
export type SseProtocol = Static<typeof SseProtocol>;

/** A released diff ruleset (rulesets/diff_ruleset_v<N>.json). */
export const Ruleset = Type.Object(
  {
    version: Type.String({ pattern: '^v[0-9]+$' }),
    created_at: Type.String({ format: 'date-time' }),
    description: Type.Optional(Type.String()),
    field_whitelist: Type.Array(Type.Object({ ...Scope, reason: Type.String({ minLength: 1 }) }, { additionalProperties: false })),
    tolerance_policy: Type.Object(
      {
        float_epsilon: Type.Number({ minimum: 0 }),
        unordered_arrays: Type.Array(Type.Object(Scope, { additionalProperties: false })),
        string_normalizations: Type.Array(Type.Object({ ...Scope, steps: Type.Array(StringNormalization, { minItems: 1 }) }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
    nondeterministic_rules: Type.Array(
      Type.Object(
        {
          id: Type.String({ minLength: 1 }),
          kind: Type.Union([Type.Literal('id'), Type.Literal('timestamp'), Type.Literal('trace_id'), Type.Literal('random')]),
          ...Scope,
          action: Type.Union([Type.Literal('ignore'), Type.Literal('normalize')]),
          pattern: Type.Optional(Type.String({ minLength: 1 })),
          replacement: Type.Optional(Type.String()),
          /** Since v3: why the values this rule normalizes are not a difference (required of every new rule). */
          reason: Type.Optional(Type.String({ minLength: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
    sse_protocol: SseProtocol,
    /**
     * Since v2: one section per module id with that module's own tolerances, validated by the module's
     * `rulesetSection` schema when the ruleset is compiled for it (v1 has none).
     */
    modules: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z][a-z0-9-]*$' }), Type.Unknown(), { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type Ruleset = Static<typeof Ruleset>;

/** rulesets/current.json: which released ruleset is in force. */
export const RulesetPointer = Type.Object({ current: Type.String({ pattern: '^diff_ruleset_v[0-9]+\\.json$' }) }, { additionalProperties: false });
export type RulesetPointer = Static<typeof RulesetPointer>;
