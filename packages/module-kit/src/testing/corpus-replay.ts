import type { Contracts } from '../contract.js';
import type { CorpusCase } from '../corpus.js';
import { readCorpus } from '../corpus.js';
import type { LlmsModule } from '../define-module.js';
import { compareOutcomes, comparisonContext, runOutcome } from '../outcome.js';
import type { Ruleset } from '../ruleset/ruleset-schema.js';
import { rulesetView } from './default-ruleset.js';

/** What replaying a module's corpus through both runtimes found. */
export interface CorpusReplayReport {
  readonly cases: number;
  readonly calls: number;
  /** Calls whose outcomes agreed with values on both sides. */
  readonly matched: number;
  /** Calls where both runtimes refused with the same module error (agreement on a code only). */
  readonly bothFailed: number;
  /** Cases the module's mapper turned into no call at all (each case must replay). */
  readonly unmapped: readonly string[];
  /** `case label: what differed`, for every call the runtimes disagree on (kit failures on both sides included). */
  readonly disagreements: readonly string[];
  /** `case label: code message`, for every call of a case not tagged malformed whose TS (primary) run failed. */
  readonly primaryFailures: readonly string[];
}

/**
 * Replays every case of `../shared/corpus/<module>.jsonl` (or `cases`) through both runtimes under the
 * ruleset in force and reports, apart: matches, both-failed calls, disagreements, unmapped cases and
 * primary failures on cases not marked malformed. A corpus test asserts the last three are empty.
 * @example const report = await replayCorpus(tokenizer); expect(report.disagreements).toEqual([]);
 */
export async function replayCorpus<C extends Contracts>(mod: LlmsModule<C>, options: { readonly cases?: readonly CorpusCase[]; readonly ruleset?: Ruleset | null } = {}): Promise<CorpusReplayReport> {
  const cases = options.cases ?? readCorpus(mod.id);
  const mapper = mod.corpus;
  if (!mapper) throw new Error(`${mod.id} defines no corpus mapper`);
  const contexts = new Map<string, ReturnType<typeof comparisonContext>>();
  const contextOf = (operation: string): ReturnType<typeof comparisonContext> => {
    let ctx = contexts.get(operation);
    if (!ctx) {
      ctx = comparisonContext(mod, rulesetView(mod.id, operation, options.ruleset), 'normalized');
      contexts.set(operation, ctx);
    }
    return ctx;
  };
  let calls = 0;
  let matched = 0;
  let bothFailed = 0;
  const unmapped: string[] = [];
  const disagreements: string[] = [];
  const primaryFailures: string[] = [];
  for (const c of cases) {
    const mapped = mapper(c);
    if (mapped.length === 0) unmapped.push(c.id);
    for (const call of mapped) {
      calls += 1;
      const where = `${c.id} ${call.label}`;
      const ts = await runOutcome(mod, 'ts', call.operation, call.input);
      const wasm = await runOutcome(mod, 'wasm', call.operation, call.input);
      const cmp = compareOutcomes(mod, call.operation, ts, wasm, contextOf(call.operation));
      if (!cmp.equal) disagreements.push(`${where}: ${cmp.reason} ${cmp.detail} ${JSON.stringify(cmp.diff.slice(0, 3))}`);
      else if (cmp.bothFailed !== undefined) bothFailed += 1;
      else matched += 1;
      if (!ts.ok && call.malformed !== true) primaryFailures.push(`${where}: ${ts.code} ${ts.message}`);
    }
  }
  return { cases: cases.length, calls, matched, bothFailed, unmapped, disagreements, primaryFailures };
}
