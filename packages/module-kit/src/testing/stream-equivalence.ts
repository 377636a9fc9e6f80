import fc from 'fast-check';
import type { Contracts, OptionsOf, StreamChunk, StreamName } from '../contract.js';
import type { LlmsModule } from '../define-module.js';
import { compareOutcomes, comparisonContext } from '../outcome.js';
import { runStreamOutcome } from '../stream/run-stream.js';
import { rulesetView } from './default-ruleset.js';
import type { EquivalenceCheck, EquivalenceOptions } from './equivalence.js';
import { StatsCounter, judgeStats, type EquivalenceStats } from './equivalence-stats.js';
import { propertyParameters } from './property-parameters.js';
import { disagreement } from './report.js';

/** One stream to feed both runtimes: the session options and the chunks, in order. */
export interface StreamCase<P> {
  readonly options: P;
  readonly chunks: readonly StreamChunk[];
}

/**
 * The stream variant of `equivalent`: opens a session on each runtime with the same options, feeds
 * both the same chunks, finishes both, and compares the whole streams (every event, in order, and the
 * result) under the ruleset with the module's comparator; throws a readable report when they differ.
 */
export function streamEquivalent<C extends Contracts, K extends StreamName<C>>(mod: LlmsModule<C>, operation: K, options: EquivalenceOptions = {}): EquivalenceCheck<StreamCase<OptionsOf<C, K>>> {
  const counter = new StatsCounter(`${mod.id}.${operation}`);
  const context = comparisonContext(mod, rulesetView(mod.id, operation, options.ruleset), 'normalized');
  const check = async (c: StreamCase<OptionsOf<C, K>>): Promise<void> => {
    const ts = await runStreamOutcome(mod, 'ts', operation, c.options, c.chunks);
    const wasm = await runStreamOutcome(mod, 'wasm', operation, c.options, c.chunks);
    const cmp = compareOutcomes(mod, operation, ts, wasm, context);
    if (!cmp.equal) throw disagreement(`${mod.id}.${operation} (${c.chunks.length} chunks)`, c, ts, wasm, cmp);
    counter.count(cmp.bothFailed);
  };
  return Object.assign(check, { stats: () => counter.snapshot() });
}

/**
 * Asserts both runtimes produce the same stream for every case `arbitrary` draws (typically one byte
 * sequence cut by `chunkings`), with the same 20% both-failed rule as `assertEquivalent`.
 * @example await assertStreamEquivalent(mod, 'decode', chunkings(bytes).map((chunks) => ({ options: {}, chunks })))
 */
export async function assertStreamEquivalent<C extends Contracts, K extends StreamName<C>>(
  mod: LlmsModule<C>,
  operation: K,
  arbitrary: fc.Arbitrary<StreamCase<OptionsOf<C, K>>>,
  options: EquivalenceOptions & { readonly parameters?: fc.Parameters<[StreamCase<OptionsOf<C, K>>]> } = {},
): Promise<EquivalenceStats> {
  const check = streamEquivalent(mod, operation, options);
  await fc.assert(fc.asyncProperty(arbitrary, (c) => check(c)), { ...propertyParameters(), includeErrorInReport: true, ...options.parameters });
  const stats = check.stats();
  judgeStats(stats, options.errorsExpected === true);
  return stats;
}
