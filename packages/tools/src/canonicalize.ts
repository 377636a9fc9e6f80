import { canonicalize, type CanonicalValue } from '@llms-wasm/module-kit';
import type { ToolsOperation } from './operations.js';

/**
 * Canonical form of a tools output: the shared canonical JSON (keys sorted). Order inside arrays is
 * meaningful for every operation (calls, tokens, messages), and random ids are left as they are: they
 * are normalized by the ruleset (rulesets/diff_ruleset_v3.json, the tools rules), never here.
 * @throws ModuleKitError `DATA_QUALITY` for values JSON cannot carry
 */
export function canonicalizeToolsOutput(_operation: ToolsOperation, output: unknown): CanonicalValue {
  return canonicalize(output);
}
