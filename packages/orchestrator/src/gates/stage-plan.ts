// What each stage runs, abstractly (the orchestrator maps it onto its modes), and the rollback
// overrides that win over it. Allowed transitions:
//   promotion  shadow → canary → default → deprecated → removed   (one step at a time; into `removed`
//              only by an approval)
//   rollback   canary | default | deprecated → shadow, with `ts_primary` for the cool-down; in `shadow`
//              a rollback is `ts_primary` for the cool-down; `removed` cannot roll back (TS is not loaded)
import type { ModuleLifecycleSettings } from './gate-settings.js';
import type { ModuleState } from './lifecycle-state.js';
import { nextStage, type Stage } from './stages.js';

/** What a stage runs. */
export interface StagePlan {
  /** Who serves: TS, WASM, or a sticky split of keys (`wasmShare` of them to WASM). */
  readonly serve: 'ts' | 'wasm' | 'split';
  /** Share of keys WASM serves (0..1). */
  readonly wasmShare: number;
  /** Share of calls the other runtime shadows (0..1). */
  readonly shadowSampleRate: number;
  /** Whether the TS runtime is loaded at all. */
  readonly tsLoaded: boolean;
}

/** A scope narrower than the module, or the module itself. */
export type OverrideScope = { readonly kind: 'module' } | { readonly kind: 'tenant'; readonly id: string } | { readonly kind: 'route'; readonly id: string };

/** A rollback override in force: it wins over the stage's plan for its scope (map it to a locked mode). */
export interface RollbackOverride {
  readonly scope: OverrideScope;
  /** `ts_primary` during the cool-down; then `shadow` (TS serves, WASM shadows) until the scope is released. */
  readonly mode: 'ts_primary' | 'shadow';
  readonly reason: string;
  readonly since: number;
  /** When the mode changes next (the end of the cool-down), or null: until released. */
  readonly until: number | null;
}

/** A module's plan now: its stage's and the overrides that win over it. */
export interface ModulePlan {
  readonly module: string;
  readonly stage: Stage;
  readonly plan: StagePlan;
  readonly overrides: readonly RollbackOverride[];
}

/** The TS shadow sample rate in `default` after `inStageMs` in the stage (the schedule's last step reached). */
export function defaultShadowRate(settings: ModuleLifecycleSettings, inStageMs: number): number {
  let rate = settings.default.shadowSchedule[0]?.sampleRate ?? 0;
  for (const step of settings.default.shadowSchedule) if (inStageMs >= step.afterMs) rate = step.sampleRate;
  return rate;
}

/** The plan of `stage` for a module that entered it `inStageMs` ago. */
export function stagePlan(stage: Stage, settings: ModuleLifecycleSettings, inStageMs: number): StagePlan {
  switch (stage) {
    case 'shadow':
      return { serve: 'ts', wasmShare: 0, shadowSampleRate: settings.shadow.sampleRate, tsLoaded: true };
    case 'canary':
      return { serve: 'split', wasmShare: settings.canary.share, shadowSampleRate: 1, tsLoaded: true };
    case 'default': {
      const share = settings.default.share;
      return { serve: share >= 1 ? 'wasm' : 'split', wasmShare: share, shadowSampleRate: defaultShadowRate(settings, inStageMs), tsLoaded: true };
    }
    case 'deprecated':
      return { serve: 'wasm', wasmShare: 1, shadowSampleRate: 0, tsLoaded: true };
    case 'removed':
      return { serve: 'wasm', wasmShare: 1, shadowSampleRate: 0, tsLoaded: false };
  }
}

/** The rollback overrides of a module at `now` (module-wide first). */
export function rollbackOverrides(state: ModuleState, now: number): RollbackOverride[] {
  const overrides: RollbackOverride[] = [];
  if (state.rollback !== null && now < state.rollback.until) {
    overrides.push({ scope: { kind: 'module' }, mode: 'ts_primary', reason: state.rollback.reason, since: state.rollback.at, until: state.rollback.until });
  }
  for (const scoped of state.scoped) {
    const cooling = now < scoped.until;
    overrides.push({
      scope: { kind: scoped.kind, id: scoped.id },
      mode: cooling ? 'ts_primary' : 'shadow',
      reason: scoped.reason,
      since: cooling ? scoped.at : scoped.until,
      until: cooling ? scoped.until : null,
    });
  }
  return overrides;
}

/** A module's plan at `now`: its stage's plan and the overrides that win over it. */
export function modulePlan(state: ModuleState, settings: ModuleLifecycleSettings, now: number): ModulePlan {
  return { module: state.module, stage: state.stage, plan: stagePlan(state.stage, settings, Math.max(0, now - state.stageSince)), overrides: rollbackOverrides(state, now) };
}

/** True when `to` may be reached from `from` by a promotion (`approval`: through an approval). */
export function canPromote(from: Stage, to: Stage, via: 'gate' | 'manual' | 'approval'): boolean {
  if (nextStage(from) !== to) return false;
  return to !== 'removed' || via === 'approval';
}

/** True when a module in `stage` can be rolled back (TS is loaded). */
export function canRollBack(stage: Stage): boolean {
  return stage !== 'removed';
}
