import fc from 'fast-check';
import type { CallName, Contracts, InputOf } from '../contract.js';
import type { LlmsModule } from '../define-module.js';
import { compareOutcomes, comparisonContext, runOutcome, type Comparison } from '../outcome.js';
import type { Ruleset } from '../ruleset/ruleset-schema.js';
import { rulesetView } from './default-ruleset.js';
import { StatsCounter, judgeStats, type EquivalenceStats } from './equivalence-stats.js';
import { propertyParameters } from './property-parameters.js';
import { disagreement } from './report.js';

/** How the TS-vs-WASM check compares. */
export interface EquivalenceOptions {
  /** The ruleset to compare under (default: the one rulesets/current.json points at); `null` compares exactly. */
  readonly ruleset?: Ruleset | null;
  /** The property is about refusals: more than 20% of runs ending in the same error on both sides is then fine. */
  readonly errorsExpected?: boolean;
}

/** A TS-vs-WASM predicate that also counts what it compared. */
export interface EquivalenceCheck<I> {
  (input: I): Promise<void>;
  /** What the predicate compared so far. */
  stats(): EquivalenceStats;
}

/**
 * A predicate for one input: runs `operation` on both runtimes, compares under the ruleset, and throws
 * a readable report — input, both outcomes, the canonical diff — when they disagree. Both sides
 * failing with a kit code (INPUT_INVALID, WASM_TRAP …) is a disagreement; both failing with the same
 * module error agrees and is counted in `stats()`.
 * @example const same = equivalent(tokenizer, 'countTokens'); await same({ text: 'hi' });
 */
export function equivalent<C extends Contracts, K extends CallName<C>>(mod: LlmsModule<C>, operation: K, options: EquivalenceOptions = {}): EquivalenceCheck<InputOf<C, K>> {
  const counter = new StatsCounter(`${mod.id}.${operation}`);
  const context = comparisonContext(mod, rulesetView(mod.id, operation, options.ruleset), 'normalized');
  const check = async (input: InputOf<C, K>): Promise<void> => {
    const ts = await runOutcome(mod, 'ts', operation, input);
    const wasm = await runOutcome(mod, 'wasm', operation, input);
    const cmp: Comparison = compareOutcomes(mod, operation, ts, wasm, context);
    if (!cmp.equal) throw disagreement(`${mod.id}.${operation}`, input, ts, wasm, cmp);
    counter.count(cmp.bothFailed);
  };
  return Object.assign(check, { stats: () => counter.snapshot() });
}

/**
 * Asserts canonicalize(ts(x)) equals canonicalize(wasm(x)) under the ruleset for inputs drawn from
 * `arbitrary` (FC_SEED / FC_NUM_RUNS from the environment); on failure fast-check shrinks the input and
 * the report shows the smallest one found with its diff. Fails too when more than 20% of the runs
 * ended in errors on both sides, unless `errorsExpected`. Resolves with what it compared.
 * @example await assertEquivalent(tokenizer, 'countTokens', fc.record({ text: fc.string() }))
 */
export async function assertEquivalent<C extends Contracts, K extends CallName<C>>(
  mod: LlmsModule<C>,
  operation: K,
  arbitrary: fc.Arbitrary<InputOf<C, K>>,
  options: EquivalenceOptions & { readonly parameters?: fc.Parameters<[InputOf<C, K>]> } = {},
): Promise<EquivalenceStats> {
  const check = equivalent(mod, operation, options);
  await fc.assert(fc.asyncProperty(arbitrary, (input) => check(input)), { ...propertyParameters(), includeErrorInReport: true, ...options.parameters });
  const stats = check.stats();
  judgeStats(stats, options.errorsExpected === true);
  return stats;
}
