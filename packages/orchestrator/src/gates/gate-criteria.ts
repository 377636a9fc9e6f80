// The criteria of a stage's gate over one set of counts (the whole module, or one tenant or route).
import { type BoundOptions, latencyCriterion, minimumCriterion, rateCriterion } from './criteria.js';
import { droppedTotal } from './counts.js';
import type { Criterion, StratumResult, UncoveredStratum } from './evaluation.js';
import type { StageGate } from './gate-settings.js';
import { combinedVerdict } from './criteria.js';
import { comparesRuntimes, type Stage } from './stages.js';
import type { GateWindow, OutcomeCounts } from './window.js';

/** The sample size a stage is judged on: comparisons where the runtimes are compared, else calls. */
export function samplesOf(counts: OutcomeCounts, stage: Stage): number {
  return comparesRuntimes(stage) ? counts.compared : counts.calls;
}

/**
 * The criteria of `stage` over `counts`. Where the runtimes are compared (shadow, canary, default):
 * samples, diff rate, shadow error rate, primary error rate, dropped share and the latency delta
 * quantile. Where TS runs nothing (deprecated, removed): samples (calls) and the primary error rate.
 */
export function countCriteria(counts: OutcomeCounts, stage: Stage, gate: StageGate, minSamples: number, options: BoundOptions): Criterion[] {
  if (!comparesRuntimes(stage)) {
    return [
      minimumCriterion('samples', counts.calls, minSamples, 'count', counts.calls),
      rateCriterion('primary_error_rate', counts.primaryErrors, counts.calls, gate.primaryErrorRate, minSamples, options),
    ];
  }
  const dropped = droppedTotal(counts);
  return [
    minimumCriterion('samples', counts.compared, minSamples, 'count', counts.compared),
    rateCriterion('diff_rate', counts.diffs, counts.compared, gate.diffRate, minSamples, options),
    rateCriterion('shadow_error_rate', counts.shadowErrors, counts.compared, gate.shadowErrorRate, minSamples, options),
    rateCriterion('primary_error_rate', counts.primaryErrors, counts.calls, gate.primaryErrorRate, minSamples, options),
    rateCriterion('dropped_share', dropped, counts.compared + dropped, gate.droppedShare, minSamples, options),
    latencyCriterion(counts.latencyDelta, gate.latencyQuantile, gate.latencyDeltaMs, minSamples, options),
  ];
}

/**
 * Every tenant and route of `window` judged on its own (at `stratumMinSamples`), or listed as not yet
 * covered when it has fewer samples. Sorted by kind, then id.
 */
export function judgeStrata(window: GateWindow, stage: Stage, gate: StageGate, options: BoundOptions): { evaluated: StratumResult[]; notCovered: UncoveredStratum[] } {
  const evaluated: StratumResult[] = [];
  const notCovered: UncoveredStratum[] = [];
  const dimensions = [
    ['tenant', window.byTenant],
    ['route', window.byRoute],
  ] as const;
  for (const [kind, strata] of dimensions) {
    for (const id of Object.keys(strata).sort()) {
      const counts = strata[id] as OutcomeCounts;
      const samples = samplesOf(counts, stage);
      if (samples < gate.stratumMinSamples) {
        if (counts.calls > 0) notCovered.push({ kind, id, samples, needed: gate.stratumMinSamples });
        continue;
      }
      const criteria = countCriteria(counts, stage, gate, gate.stratumMinSamples, options);
      evaluated.push({ kind, id, samples, verdict: combinedVerdict(criteria), criteria });
    }
  }
  return { evaluated, notCovered };
}
