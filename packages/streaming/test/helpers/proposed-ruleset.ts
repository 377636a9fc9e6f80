// The ruleset in force (rulesets/current.json) plus the rule this package proposes for the next
// version: llms 0.4.2's Responses encoder writes `id: <Date.now()>` under every frame its serializer
// knows, a clock the canonicalizer must not hide. Released rulesets are never edited, so until the
// rule is released the Responses encode properties compare under this view.
import { defaultRulesetDir, loadRuleset, type Ruleset } from '@llms-wasm/module-kit';

/** The proposed rule (module streaming, operation encode): the epoch-ms `id:` line of each frame. */
export const RESPONSES_ID_LINE_RULE = {
  id: 'streaming-encode-sse-id-line',
  kind: 'timestamp',
  module: 'streaming',
  operation: 'encode',
  path: '/frames/*/id',
  action: 'normalize',
  pattern: '^[0-9]{10,16}$',
  replacement: '<epoch_ms>',
  reason:
    "rcc-llmswitch-core 0.4.2 ResponsesEventSerializer.buildSSEEvent writes 'id: ' + the event's timestamp (TimeUtils.now(), Date.now() when the event is generated) under every frame it serializes; the WASM encoder takes the host clock. The canonical view splits each frame into event/data/id, so the rule reaches the id line only.",
} as const;

/** The ruleset in force with RESPONSES_ID_LINE_RULE added. */
export function proposedRuleset(): Ruleset {
  const base = loadRuleset(defaultRulesetDir()).ruleset;
  return { ...base, nondeterministic_rules: [...base.nondeterministic_rules, RESPONSES_ID_LINE_RULE] } as Ruleset;
}
