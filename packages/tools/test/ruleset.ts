// The ruleset the tools tests compare under: the one in force (rulesets/current.json) plus the rules
// this module proposes in ruleset-proposal.json, until they are released in a ruleset of their own.
import { readFileSync } from 'node:fs';
import { loadRuleset, type Ruleset } from '@llms-wasm/module-kit';

type Rule = Ruleset['nondeterministic_rules'][number] & { readonly reason?: string };

const proposal = JSON.parse(readFileSync(new URL('../ruleset-proposal.json', import.meta.url), 'utf8')) as { nondeterministic_rules: Rule[] };

/** The proposed rules as the ruleset schema takes them (it has no `reason` on these rules). */
export const proposedRules: Ruleset['nondeterministic_rules'] = proposal.nondeterministic_rules.map(({ reason: _reason, ...rule }) => rule);

/** The ruleset in force with the proposed rules added. */
export function rulesetWithProposal(): Ruleset {
  const { ruleset } = loadRuleset();
  return { ...ruleset, nondeterministic_rules: [...ruleset.nondeterministic_rules, ...proposedRules] };
}

/** The proposed rule's regular expression for `operation` (the shape a random value must have). */
export function proposedPattern(operation: string): RegExp {
  const rule = proposedRules.find((r) => r.operation === operation);
  if (rule?.pattern === undefined) throw new Error(`no proposed rule for ${operation}`);
  return new RegExp(rule.pattern, 'u');
}
