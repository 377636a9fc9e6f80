// The decision of an evaluation: roll back when an alert asks for it where WASM serves; promote when the
// gate passed N fresh evaluations in a row and nothing else stands in the way; hold otherwise, saying why.
import type { Alert, Criterion, Decision, ScopedProgress, StratumResult } from './evaluation.js';
import { formatTime, formatValue } from './format-values.js';
import type { ModuleLifecycleSettings } from './gate-settings.js';
import type { ModuleState } from './lifecycle-state.js';
import type { ScopeChoice } from './rollback-scope.js';
import { nextStage } from './stages.js';

/** Everything the decision weighs. */
export interface DecisionInput {
  readonly state: ModuleState;
  readonly own: ModuleLifecycleSettings;
  readonly now: number;
  readonly windowFrom: number;
  readonly criteria: readonly Criterion[];
  readonly strata: readonly StratumResult[];
  readonly alerts: readonly Alert[];
  readonly rollback: ScopeChoice | null;
  readonly scoped: readonly ScopedProgress[];
  readonly gatePassed: boolean;
  readonly passes: number;
  readonly required: number;
}

function criterionReason(c: Criterion): string {
  const limit = c.limit === 'max' ? '≤' : '≥';
  const numbers = `value ${formatValue(c.value, c.unit, c.name === 'latency_delta')}, bound ${formatValue(c.bound, c.unit, c.name === 'latency_delta')}, threshold ${limit} ${formatValue(c.threshold, c.unit, c.name === 'latency_delta')}`;
  return `${c.name} ${c.verdict}: ${numbers}${c.note === null ? '' : ` (${c.note})`}`;
}

/** Why a promotion cannot happen now (empty when it can). */
function holdReasons(input: DecisionInput): string[] {
  const { state, now } = input;
  const reasons: string[] = [];
  if (state.stage === 'removed') return ['removed is the last stage: nothing to promote, and TS is not loaded, so nothing to roll back'];
  if (state.rollback !== null && now < state.rollback.until) {
    reasons.push(`cool-down after the rollback at ${formatTime(state.rollback.at)} (${state.rollback.reason}) until ${formatTime(state.rollback.until)}`);
  }
  if (input.windowFrom < state.observeFrom) {
    reasons.push(`the window starts at ${formatTime(input.windowFrom)}, before this stage's evidence does (${formatTime(state.observeFrom)}): not a fresh window`);
  }
  for (const c of input.criteria) if (c.verdict !== 'pass') reasons.push(criterionReason(c));
  for (const s of input.strata) {
    if (s.verdict !== 'fail') continue;
    const failing = s.criteria.filter((c) => c.verdict === 'fail').map(criterionReason);
    reasons.push(`${s.kind} ${s.id} fails its gate: ${failing.join('; ')}`);
  }
  for (const a of input.alerts) reasons.push(`alert ${a.rule} (${a.severity}): ${a.message}`);
  for (const s of input.scoped) reasons.push(`${s.kind} ${s.id} is rolled back (${s.phase === 'cooldown' ? 'cool-down' : `shadowing, ${s.passes} of ${s.required} clean evaluations`})`);
  if (input.gatePassed && input.passes < input.required) reasons.push(`${input.passes} of the ${input.required} passing evaluations in a row needed`);
  return reasons;
}

/** The decision of one evaluation. */
export function decide(input: DecisionInput): Decision {
  if (input.rollback !== null) return { action: 'rollback', scopes: input.rollback.scopes, to: null, approval: null, reasons: input.rollback.reasons };
  const reasons = holdReasons(input);
  const to = nextStage(input.state.stage);
  const blocked = reasons.length > 0 || !input.gatePassed;
  if (blocked || to === null) return { action: 'hold', scopes: [], to: null, approval: null, reasons: reasons.length > 0 ? reasons : ['the gate did not pass'] };
  const approval = input.own.promotion === 'approval' || to === 'removed' ? 'required' : 'automatic';
  const why = `every criterion passed, ${input.passes} evaluations in a row (${input.required} needed)`;
  return { action: 'promote', scopes: [{ kind: 'module' }], to, approval, reasons: approval === 'required' ? [why, `ready, waiting for approval to enter ${to}`] : [why] };
}
