// The lifecycle reducer: (state, event) → (state, decision records). Pure: the time, the settings and
// the version facts come in with the context. Rules:
// - an evaluation computed from another state (its `basedOn` is not the module's sequence) is refused;
// - its decision is applied: rollback (module-wide, per tenant or route, or every module), automatic
//   promotion, or "ready, waiting for approval" (a pending promotion, dropped again by the first
//   evaluation that does not pass); every evaluation writes a record, holds included;
// - an approval promotes only to the pending stage; `deprecated → removed` happens only this way;
// - a manual promotion goes one stage forward (never into `removed`) and ends a cool-down;
// - a manual rollback works in every stage but `removed` (TS is not loaded there);
// - a runtime failure rolls back at once where WASM serves (and the rule allows), else it is recorded.
import { OrchestratorError } from '../errors.js';
import type { DecisionRecord, VersionFacts } from './decision-record.js';
import type { Evaluation, Scope } from './evaluation.js';
import type { LifecycleSettings } from './gate-settings.js';
import type { LifecycleState, ModuleState } from './lifecycle-state.js';
import { noteRelease } from './releases.js';
import { canPromote, canRollBack } from './stage-plan.js';
import { nextStage, servesWasm, type Stage } from './stages.js';
import { promoted, recorded, rolledBack, type Step, type TransitionContext } from './transitions.js';

/** Something that happens to the lifecycle. */
export type LifecycleEvent =
  | { readonly type: 'evaluation'; readonly evaluation: Evaluation }
  | { readonly type: 'approve'; readonly module: string; readonly to: Stage; readonly by: string; readonly reason?: string; readonly evaluation?: Evaluation }
  | { readonly type: 'promote'; readonly module: string; readonly to: Stage; readonly by: string; readonly reason: string; readonly evaluation?: Evaluation }
  | { readonly type: 'rollback'; readonly module: string | null; readonly scope: Scope; readonly by: string; readonly reason: string; readonly evaluation?: Evaluation }
  | { readonly type: 'runtime_failure'; readonly module: string; readonly failure: 'init' | 'crash'; readonly message: string };

/** What the reducer needs besides the state and the event. */
export interface ReduceContext {
  readonly now: number;
  readonly settings: LifecycleSettings;
  /** Versions per module, for records of events that carry no evaluation. */
  readonly facts?: Readonly<Record<string, VersionFacts>>;
}

/** The new state and the records to store (in order). */
export interface Transition {
  readonly state: LifecycleState;
  readonly records: readonly DecisionRecord[];
}

function moduleOf(state: LifecycleState, module: string): ModuleState {
  const found = state.modules[module];
  if (found === undefined) throw new OrchestratorError('MODULE_UNKNOWN', `lifecycle: no state for module "${module}"`, { module });
  return found;
}

function tctx(ctx: ReduceContext, module: string, trigger: TransitionContext['trigger'], actor: string | null, evaluation: Evaluation | null): TransitionContext {
  return { now: ctx.now, settings: ctx.settings, facts: ctx.facts?.[module] ?? null, evaluation, trigger, actor };
}

function rollbackModule(ms: ModuleState, scope: Exclude<Scope, { kind: 'all' }>, reasons: readonly string[], t: TransitionContext): Step {
  if (!canRollBack(ms.stage)) return recorded(ms, ms, 'rollback', 'refused', [scope], [...reasons, 'refused: removed, TS is not loaded'], t);
  return recorded(ms, rolledBack(ms, scope, reasons, t), 'rollback', 'applied', [scope], reasons, t);
}

function rollbackAll(state: LifecycleState, origin: string, reasons: readonly string[], ctx: ReduceContext, trigger: TransitionContext['trigger'], actor: string | null, evaluation: Evaluation | null): Step[] {
  const steps: Step[] = [];
  for (const module of Object.keys(state.modules).sort()) {
    const ms = moduleOf(state, module);
    if (trigger !== 'manual' && !servesWasm(ms.stage)) continue; // automatic: only where WASM serves
    const why = module === origin || origin === '' ? reasons : [`every module is rolled back (from ${origin})`, ...reasons];
    steps.push(rollbackModule(ms, { kind: 'module' }, why, tctx(ctx, module, trigger, actor, module === origin ? evaluation : null)));
  }
  return steps;
}

function applyEvaluation(state: LifecycleState, e: Evaluation, ctx: ReduceContext): Step[] {
  const ms = moduleOf(state, e.module);
  const t = tctx(ctx, e.module, 'gate', null, e);
  if (e.basedOn !== ms.sequence || e.stage !== ms.stage) {
    return [recorded(ms, ms, 'hold', 'refused', [], [`stale evaluation: computed from record #${e.basedOn} at ${e.stage}; the module is at #${ms.sequence}, ${ms.stage}`], t)];
  }
  const progress = new Map(e.scopedRollbacks.map((p) => [`${p.kind}\u0000${p.id}`, p]));
  const scoped = ms.scoped.map((s) => {
    const p = progress.get(`${s.kind}\u0000${s.id}`);
    return p === undefined ? s : { ...s, passes: p.passes, lastCountedAt: p.counted ? e.at : s.lastCountedAt };
  });
  const released = scoped.filter((s) => progress.get(`${s.kind}\u0000${s.id}`)?.release === true);
  let current: ModuleState = {
    ...ms,
    passStreak: e.streak.passes,
    lastCountedPassAt: e.streak.counted ? e.at : ms.lastCountedPassAt,
    lastEvaluationAt: e.at,
    releases: noteRelease(ms, e.facts.moduleVersion),
    scoped: scoped.filter((s) => !released.includes(s)),
  };
  const steps: Step[] = [];
  for (const s of released) {
    const step = recorded(current, current, 'release', 'applied', [{ kind: s.kind, id: s.id }], [`${s.kind} ${s.id}: clean for ${s.passes} evaluations in a row after its cool-down: released`], t);
    steps.push(step);
    current = step.state;
  }
  const d = e.decision;
  if (d.action === 'rollback') {
    const all = d.scopes.some((s) => s.kind === 'all');
    if (all) return [...steps, ...rollbackAll({ ...state, modules: { ...state.modules, [e.module]: current } }, e.module, d.reasons, ctx, 'gate', null, e)];
    for (const scope of d.scopes) {
      const step = rollbackModule(current, scope as Exclude<Scope, { kind: 'all' }>, d.reasons, t);
      steps.push(step);
      current = step.state;
    }
    return steps;
  }
  if (d.action === 'promote' && d.to !== null && d.approval === 'automatic' && canPromote(current.stage, d.to, 'gate')) {
    return [...steps, recorded(current, promoted(current, d.to, t), 'promotion', 'applied', [{ kind: 'module' }], d.reasons, t)];
  }
  if (d.action === 'promote' && d.to !== null) {
    const since = current.pending?.to === d.to ? current.pending.since : ctx.now;
    return [...steps, recorded(current, { ...current, pending: { to: d.to, since } }, 'hold', 'applied', [], d.reasons, t)];
  }
  const lapsed = current.pending === null ? [] : [`the promotion to ${current.pending.to} waiting for approval lapsed: the gate no longer passes`];
  return [...steps, recorded(current, { ...current, pending: null }, 'hold', 'applied', [], [...d.reasons, ...lapsed], t)];
}

function applyApproval(ms: ModuleState, to: Stage, reason: string | undefined, t: TransitionContext): Step {
  if (ms.pending === null) return recorded(ms, ms, 'approval', 'refused', [{ kind: 'module' }], [`nothing waits for approval (the gate has not passed for ${nextStage(ms.stage) ?? 'any stage'})`], t);
  if (ms.pending.to !== to) return recorded(ms, ms, 'approval', 'refused', [{ kind: 'module' }], [`the promotion waiting for approval is to ${ms.pending.to}, not ${to}`], t);
  return recorded(ms, promoted(ms, to, t), 'approval', 'applied', [{ kind: 'module' }], [`approved by ${t.actor ?? 'unknown'}: ${ms.stage} → ${to}`, ...(reason === undefined ? [] : [reason])], t);
}

function applyManualPromotion(ms: ModuleState, to: Stage, reason: string, t: TransitionContext): Step {
  if (!canPromote(ms.stage, to, 'manual')) {
    const why = to === 'removed' ? 'removal only follows an approval of a passing gate' : `${ms.stage} → ${to} is not a promotion (next: ${nextStage(ms.stage) ?? 'none'})`;
    return recorded(ms, ms, 'promotion', 'refused', [{ kind: 'module' }], [reason, `refused: ${why}`], t);
  }
  return recorded(ms, promoted(ms, to, t), 'promotion', 'applied', [{ kind: 'module' }], [reason], t);
}

function applyRuntimeFailure(state: LifecycleState, module: string, failure: 'init' | 'crash', message: string, ctx: ReduceContext): Step[] {
  const ms = moduleOf(state, module);
  const rule = ctx.settings.modules[module]?.alerts.wasmFailure;
  const t = tctx(ctx, module, 'runtime', null, null);
  const why = [`the WASM runtime ${failure === 'init' ? 'failed to initialize' : 'crashed'}: ${message}`];
  if (rule?.rollback === true && servesWasm(ms.stage) && canRollBack(ms.stage)) {
    if (rule.scope === 'all') return rollbackAll(state, module, why, ctx, 'runtime', null, null);
    return [rollbackModule(ms, { kind: 'module' }, why, t)];
  }
  const note = ms.stage === 'removed' ? 'TS is not loaded: nothing to roll back to' : servesWasm(ms.stage) ? 'the rule does not roll back' : `${ms.stage}: TS serves, nothing to roll back`;
  return [recorded(ms, { ...ms, passStreak: 0, lastCountedPassAt: null, pending: null }, 'hold', 'applied', [{ kind: 'module' }], [...why, note], t)];
}

function steps(state: LifecycleState, event: LifecycleEvent, ctx: ReduceContext): Step[] {
  switch (event.type) {
    case 'evaluation':
      return applyEvaluation(state, event.evaluation, ctx);
    case 'approve':
      return [applyApproval(moduleOf(state, event.module), event.to, event.reason, tctx(ctx, event.module, 'approval', event.by, event.evaluation ?? null))];
    case 'promote':
      return [applyManualPromotion(moduleOf(state, event.module), event.to, event.reason, tctx(ctx, event.module, 'manual', event.by, event.evaluation ?? null))];
    case 'rollback': {
      const reasons = [`${event.by}: ${event.reason}`];
      if (event.scope.kind === 'all') return rollbackAll(state, event.module ?? '', reasons, ctx, 'manual', event.by, event.evaluation ?? null);
      if (event.module === null) throw new OrchestratorError('MODULE_UNKNOWN', 'lifecycle: a rollback of one module, tenant or route needs the module', {});
      return [rollbackModule(moduleOf(state, event.module), event.scope, reasons, tctx(ctx, event.module, 'manual', event.by, event.evaluation ?? null))];
    }
    case 'runtime_failure':
      return applyRuntimeFailure(state, event.module, event.failure, event.message, ctx);
  }
}

/**
 * Applies `event` to `state` at `ctx.now`: the new state and the decision records written (in order).
 * `state` is not changed.
 * @throws OrchestratorError `MODULE_UNKNOWN` for a module the state does not hold.
 */
export function reduce(state: LifecycleState, event: LifecycleEvent, ctx: ReduceContext): Transition {
  const done = steps(state, event, ctx);
  const modules: Record<string, ModuleState> = { ...state.modules };
  const records: DecisionRecord[] = [];
  for (const step of done) {
    modules[step.state.module] = step.state;
    records.push(...step.records);
  }
  return { state: { version: 1, modules }, records };
}
