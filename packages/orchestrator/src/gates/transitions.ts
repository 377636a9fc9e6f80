// The state changes the reducer is made of: a promotion, a rollback (module-wide or one scope), a
// release of a scope, each returning the new module state and the record it writes.
import { buildDecisionRecord, configSnapshot, type DecisionRecord, type RecordKind, type RecordTrigger, type VersionFacts } from './decision-record.js';
import type { Evaluation, Scope } from './evaluation.js';
import type { LifecycleSettings } from './gate-settings.js';
import type { ModuleState } from './lifecycle-state.js';
import type { Stage } from './stages.js';

/** What every transition needs besides the module's state. */
export interface TransitionContext {
  readonly now: number;
  readonly settings: LifecycleSettings;
  readonly facts: VersionFacts | null;
  readonly evaluation: Evaluation | null;
  readonly trigger: RecordTrigger;
  readonly actor: string | null;
}

/** A module's new state and the records the change wrote. */
export interface Step {
  readonly state: ModuleState;
  readonly records: readonly DecisionRecord[];
}

const MAX_REASON = 1000;

/** Writes a record for `after` (numbered after `before`'s last) and returns both. */
export function recorded(before: ModuleState, after: ModuleState, kind: RecordKind, outcome: 'applied' | 'refused', scopes: readonly Scope[], reasons: readonly string[], ctx: TransitionContext): Step {
  const sequence = before.sequence + 1;
  const record = buildDecisionRecord({
    module: before.module,
    sequence,
    at: ctx.now,
    kind,
    outcome,
    trigger: ctx.trigger,
    actor: ctx.actor,
    stageBefore: before.stage,
    stageAfter: after.stage,
    scopes,
    reasons,
    evaluation: ctx.evaluation,
    facts: ctx.facts,
    config: configSnapshot(ctx.settings, before.module),
  });
  return { state: { ...after, sequence }, records: [record] };
}

/** `state` promoted to `to` (the stage's evidence starts now; a manual promotion also ends a cool-down). */
export function promoted(state: ModuleState, to: Stage, ctx: TransitionContext): ModuleState {
  return {
    ...state,
    stage: to,
    stageSince: ctx.now,
    observeFrom: ctx.now,
    passStreak: 0,
    lastCountedPassAt: null,
    pending: null,
    rollback: null,
    releases: to === 'deprecated' ? { entry: ctx.evaluation?.facts.moduleVersion ?? ctx.facts?.moduleVersion ?? null, seen: [] } : null,
  };
}

function reasonText(reasons: readonly string[]): string {
  const text = reasons.join('; ');
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

/**
 * `state` rolled back for `scope`. Module-wide: `ts_primary` for the cool-down, then the `shadow` stage
 * again, its evidence starting when the cool-down ends (flap damping). A tenant or route: `ts_primary`
 * for the cool-down, then shadowing until released; the stage stays, but its evidence restarts now, so
 * the module is promoted only on a fresh window without the regression.
 */
export function rolledBack(state: ModuleState, scope: Exclude<Scope, { kind: 'all' }>, reasons: readonly string[], ctx: TransitionContext): ModuleState {
  const cooldown = ctx.settings.modules[state.module]?.cooldownMs ?? 0;
  const until = ctx.now + cooldown;
  const reason = reasonText(reasons);
  if (scope.kind === 'module') {
    return {
      ...state,
      stage: 'shadow',
      stageSince: ctx.now,
      observeFrom: until,
      passStreak: 0,
      lastCountedPassAt: null,
      pending: null,
      rollback: { at: ctx.now, until, fromStage: state.stage, reason },
      scoped: [],
      releases: null,
    };
  }
  const others = state.scoped.filter((s) => !(s.kind === scope.kind && s.id === scope.id));
  return {
    ...state,
    observeFrom: ctx.now,
    passStreak: 0,
    lastCountedPassAt: null,
    pending: null,
    scoped: [...others, { kind: scope.kind, id: scope.id, at: ctx.now, until, fromStage: state.stage, reason, passes: 0, lastCountedAt: null }],
  };
}
