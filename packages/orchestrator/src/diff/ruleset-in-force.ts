import { defaultRulesetDir, isModuleKitError, loadRuleset, type Ruleset } from '@llms-wasm/module-kit';
import { OrchestratorError } from '../errors.js';

/**
 * The ruleset the orchestrator compares under: `version` from `dir` (config `ruleset`), else the one
 * `current.json` points at in module-kit's rulesets. A ruleset that cannot be loaded is a config error.
 * @throws OrchestratorError `CONFIG_INVALID` naming the file and path
 */
export function rulesetInForce(dir: string | undefined, version: string | undefined): { readonly dir: string; readonly ruleset: Ruleset } {
  try {
    const where = dir ?? defaultRulesetDir();
    return { dir: where, ruleset: loadRuleset(where, version).ruleset };
  } catch (error) {
    if (isModuleKitError(error) && error.code === 'RULESET_INVALID') throw new OrchestratorError('CONFIG_INVALID', error.message, { field: 'ruleset', ...error.detail }, { cause: error });
    throw error;
  }
}
