import { compileRuleset, type RulesetView, type RulesetViews } from '../ruleset/compile-ruleset.js';
import { defaultRulesetDir, loadRuleset } from '../ruleset/load-ruleset.js';
import type { Ruleset } from '../ruleset/ruleset-schema.js';

let inForce: RulesetViews | null = null;

/**
 * The view a comparison runs under: the given ruleset, or the one rulesets/current.json points at
 * (loaded once per process), or none at all when `ruleset` is `null` (exact comparison).
 * @throws ModuleKitError `RULESET_INVALID`
 */
export function rulesetView(module: string, operation: string, ruleset?: Ruleset | null): RulesetView | null {
  if (ruleset === null) return null;
  if (ruleset !== undefined) return compileRuleset(ruleset)(module, operation);
  inForce ??= compileRuleset(loadRuleset(defaultRulesetDir()).ruleset);
  return inForce(module, operation);
}
