// The tools module's random-id rules, as the ruleset in force (rulesets/current.json) has them.
import { loadRuleset } from '@llms-wasm/module-kit';

/** The regular expression of the tools rule for `operation`: the shape a random id must have. */
export function rulePattern(operation: string): RegExp {
  const rule = loadRuleset().ruleset.nondeterministic_rules.find((r) => r.module === 'tools' && r.operation === operation);
  if (rule?.pattern === undefined) throw new Error(`the ruleset in force has no tools rule for ${operation}`);
  return new RegExp(rule.pattern, 'u');
}
