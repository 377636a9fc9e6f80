// The evaluation of one module: a pure function of the settings, the module's state, the store's
// windows (the gate window the promotion is judged on, the recent window rollbacks, alerts and
// liveness are judged on), facts about the runtimes and the time. No clock is read here.
import { OrchestratorError } from '../errors.js';
import { type BoundOptions, livenessCriterion, minimumCriterion } from './criteria.js';
import { emptyCounts, subtractCounts } from './counts.js';
import { decide } from './decide.js';
import { budgetBurn } from './error-budget.js';
import type { Alert, Criterion, Evaluation, RuntimeFacts, Scope } from './evaluation.js';
import { countCriteria, judgeStrata } from './gate-criteria.js';
import type { LifecycleSettings, ModuleLifecycleSettings } from './gate-settings.js';
import type { ModuleState } from './lifecycle-state.js';
import { releasesSince } from './releases.js';
import { chooseRollbackScope } from './rollback-scope.js';
import { scopedProgress } from './scoped-progress.js';
import { stagePlan } from './stage-plan.js';
import { comparesRuntimes, isGated } from './stages.js';
import { countAlerts, rollsBack, type TriggerContext, wasmFailureAlert } from './triggers.js';
import type { GateWindow, OutcomeCounts } from './window.js';

/** What `evaluate` takes. */
export interface EvaluationInput {
  readonly settings: LifecycleSettings;
  readonly state: ModuleState;
  readonly windows: { readonly gate: GateWindow; readonly recent: GateWindow };
  readonly facts: RuntimeFacts;
  /** The time of the evaluation (ms since the epoch): an injected clock, or a past time. */
  readonly now: number;
}

/**
 * The windows to read from the store for an evaluation at `now`: the gate window (all the evidence of
 * the stage, from `observeFrom`, at most `maxGateWindow` back) and the recent window (the last
 * `recentWindow`, never before the stage began).
 */
export function evaluationWindows(settings: LifecycleSettings, state: ModuleState, now: number): { gate: { from: number; to: number }; recent: { from: number; to: number } } {
  moduleSettings(settings, state.module);
  return {
    gate: { from: Math.min(now, Math.max(state.observeFrom, now - settings.maxGateWindowMs)), to: now },
    recent: { from: Math.min(now, Math.max(state.stageSince, now - settings.recentWindowMs)), to: now },
  };
}

function moduleSettings(settings: LifecycleSettings, module: string): ModuleLifecycleSettings {
  const own = settings.modules[module];
  if (own === undefined) throw new OrchestratorError('MODULE_UNKNOWN', `lifecycle: module "${module}" has no lifecycle settings`, { module });
  return own;
}

function checkCounts(c: OutcomeCounts, where: string): void {
  const whole = (n: number): boolean => Number.isInteger(n) && n >= 0;
  if (!whole(c.calls) || !whole(c.compared) || !whole(c.diffs) || !whole(c.shadowErrors) || !whole(c.primaryErrors)) throw new RangeError(`${where}: counts must be whole numbers ≥ 0`);
  if (c.diffs > c.compared || c.shadowErrors > c.compared) throw new RangeError(`${where}: ${c.diffs} diffs and ${c.shadowErrors} shadow errors in ${c.compared} comparisons`);
  if (c.primaryErrors > c.calls) throw new RangeError(`${where}: ${c.primaryErrors} primary errors in ${c.calls} calls`);
}

function checkWindow(window: GateWindow, module: string, name: string): void {
  if (window.module !== module) throw new RangeError(`${name} window: module is "${window.module}", the state's is "${module}"`);
  checkCounts(window.overall, `${name} window`);
  for (const [id, counts] of Object.entries(window.byTenant)) checkCounts(counts, `${name} window, tenant ${id}`);
  for (const [id, counts] of Object.entries(window.byRoute)) checkCounts(counts, `${name} window, route ${id}`);
}

function without(counts: OutcomeCounts, window: GateWindow, scopes: readonly { kind: 'tenant' | 'route'; id: string }[]): OutcomeCounts {
  let rest = counts;
  for (const s of scopes) rest = subtractCounts(rest, (s.kind === 'tenant' ? window.byTenant : window.byRoute)[s.id] ?? emptyCounts());
  return rest;
}

/** Evaluates one module's gate. See the fields of `Evaluation` for what it holds. */
export function evaluate(input: EvaluationInput): Evaluation {
  const { settings, state, windows, facts, now } = input;
  const own = moduleSettings(settings, state.module);
  checkWindow(windows.gate, state.module, 'gate');
  checkWindow(windows.recent, state.module, 'recent');
  const stage = state.stage;
  const gate = own.gates[isGated(stage) ? stage : 'deprecated'];
  const options: BoundOptions = { confidence: settings.confidence, method: settings.method };
  const ctx: TriggerContext = { module: state.module, stage, gate, rules: own.alerts, options: { confidence: settings.rollbackConfidence, method: settings.method } };
  const cooling = state.rollback !== null && now < state.rollback.until;

  const criteria: Criterion[] = countCriteria(windows.gate.overall, stage, gate, gate.minSamples, options);
  const firstSeen = windows.gate.firstSeen;
  const elapsed = firstSeen === null ? 0 : Math.max(0, now - Math.max(state.observeFrom, firstSeen));
  criteria.push(minimumCriterion('observation', elapsed, gate.observationMs, 'duration', windows.gate.overall.calls, firstSeen === null ? 'no data at this stage yet' : null));

  const alerts: Alert[] = [];
  const rolledBack = state.scoped.map((s) => ({ kind: s.kind, id: s.id }));
  const base = without(windows.recent.overall, windows.recent, rolledBack);
  if (comparesRuntimes(stage)) {
    const cooled = without(windows.recent.overall, windows.recent, state.scoped.filter((s) => now < s.until));
    const rate = cooling ? 0 : stagePlan(stage, own, Math.max(0, now - state.stageSince)).shadowSampleRate;
    const liveness = livenessCriterion(cooled.compared, cooled.calls * rate, own.alerts.liveness.minExpectedComparisons, cooling ? 'cool-down: no shadow runs' : null);
    criteria.push(liveness);
    if (liveness.verdict === 'fail') {
      alerts.push({ rule: 'liveness', severity: own.alerts.liveness.severity, module: state.module, scope: { kind: 'module' }, message: `${state.module}: ${cooled.calls} calls in the recent window but no shadow compared (${liveness.note ?? ''}); a shadow that stopped running is not a clean one`, value: 0, bound: null, threshold: 1, rollback: false });
    }
  }
  if (stage === 'deprecated') criteria.push(minimumCriterion('releases', releasesSince(state, facts.moduleVersion).length, own.deprecated.minReleases, 'count', 0, 'releases after the deprecating one (TS stays loaded as the fallback)'));

  if (!cooling) {
    alerts.push(...countAlerts(base, { kind: 'module' }, ctx));
    const skip = new Set(rolledBack.map((s) => `${s.kind}\u0000${s.id}`));
    for (const [kind, strata] of [['tenant', windows.recent.byTenant], ['route', windows.recent.byRoute]] as const) {
      for (const id of Object.keys(strata).sort()) {
        const counts = strata[id] as OutcomeCounts;
        if (skip.has(`${kind}\u0000${id}`) || (comparesRuntimes(stage) ? counts.compared : counts.calls) < gate.stratumMinSamples) continue;
        alerts.push(...countAlerts(counts, { kind, id } as Scope, ctx));
      }
    }
  }
  const failure = wasmFailureAlert(facts, ctx);
  if (failure !== null) alerts.push(failure);
  const errorBudget = budgetBurn(windows.gate.overall, gate);
  if (errorBudget.exhausted) {
    const rule = own.alerts.errorBudget;
    alerts.push({ rule: 'error_budget', severity: rule.severity, module: state.module, scope: { kind: 'module' }, message: `${state.module}: error budget spent: ${errorBudget.failures} failures, ${Number(errorBudget.allowed.toFixed(2))} allowed in the gate window`, value: errorBudget.failures, bound: null, threshold: errorBudget.allowed, rollback: rollsBack(rule, stage) });
  }

  const strata = judgeStrata(windows.gate, stage, gate, options);
  const scoped = state.scoped.map((s) => scopedProgress(s, windows.recent, gate, ctx, options, own.passSpacingMs, now));
  const fresh = windows.gate.from >= state.observeFrom;
  const gatePassed = isGated(stage) && !cooling && fresh && criteria.every((c) => c.verdict === 'pass') && strata.evaluated.every((s) => s.verdict !== 'fail') && alerts.length === 0;
  const counted = gatePassed && (state.lastCountedPassAt === null || now - state.lastCountedPassAt >= own.passSpacingMs);
  const passes = gatePassed ? state.passStreak + (counted ? 1 : 0) : 0;
  const rollback = chooseRollbackScope(base, { tenant: windows.recent.byTenant, route: windows.recent.byRoute }, alerts, ctx, settings.maxScopedRollbacks);
  const decision = decide({ state, own, now, windowFrom: windows.gate.from, criteria, strata: strata.evaluated, alerts, rollback, scoped, gatePassed, passes, required: gate.consecutivePasses });
  return {
    module: state.module,
    stage,
    at: now,
    basedOn: state.sequence,
    window: { from: windows.gate.from, to: windows.gate.to },
    recentWindow: { from: windows.recent.from, to: windows.recent.to },
    samples: { calls: windows.gate.overall.calls, compared: windows.gate.overall.compared, recentCalls: windows.recent.overall.calls, recentCompared: windows.recent.overall.compared },
    criteria,
    strata,
    alerts,
    errorBudget,
    gatePassed,
    streak: { passes, required: gate.consecutivePasses, counted },
    scopedRollbacks: scoped,
    facts,
    decision,
  };
}
