// The error budget of a window: failures (diffs + shadow errors) against those the stage allows —
// `allowedFailures` when set, else `allowedRate` × comparisons.
import type { BudgetBurn } from './evaluation.js';
import type { StageGate } from './gate-settings.js';
import type { OutcomeCounts } from './window.js';

/** How much of the stage's error budget `counts` burned. */
export function budgetBurn(counts: OutcomeCounts, gate: StageGate): BudgetBurn {
  const failures = counts.diffs + counts.shadowErrors;
  const allowed = gate.errorBudget.allowedFailures ?? gate.errorBudget.allowedRate * counts.compared;
  const burn = allowed > 0 ? failures / allowed : failures === 0 ? 0 : null;
  return { failures, allowed, burn, exhausted: failures > allowed };
}
