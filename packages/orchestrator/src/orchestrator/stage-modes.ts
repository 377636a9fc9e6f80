// How a module's lifecycle plan maps onto the modes the resolver already resolves (decision 0017):
//   shadow      → `shadow` (TS serves, WASM shadows `shadow.sampleRate` of calls)
//   canary      → `split` at the canary percent (the other runtime shadows every call)
//   default     → `split` at the default percent, or `wasm_primary` at 100 %, TS shadowing by schedule
//   deprecated  → `wasm_only` (TS loaded as the fallback, runs nothing)
//   removed     → `wasm_only` with TS not loaded
// and rollback overrides become locked overrides of origin `lifecycle` at their scope.
import type { ModeOverrideInput } from '../modes/mode-override.js';
import type { StageMode } from '../modes/scope-layers.js';
import type { ModulePlan, StagePlan } from '../gates/stage-plan.js';

/** The global-scope mode of a stage's plan. */
export function stageModeOf(plan: StagePlan): StageMode {
  const base = { sampleRate: plan.shadowSampleRate, tsLoaded: plan.tsLoaded };
  switch (plan.serve) {
    case 'ts':
      return { ...base, mode: 'shadow' };
    case 'split':
      return { ...base, mode: 'split', splitPercent: plan.wasmShare * 100 };
    case 'wasm':
      return { ...base, mode: plan.tsLoaded && plan.shadowSampleRate > 0 ? 'wasm_primary' : 'wasm_only' };
  }
}

/** The rollback overrides of a plan, as locked overrides for the resolver. */
export function lifecycleOverrideInputs(plan: ModulePlan): ModeOverrideInput[] {
  return plan.overrides.map((o) => ({
    module: plan.module,
    ...(o.scope.kind === 'tenant' ? { tenant: o.scope.id } : {}),
    ...(o.scope.kind === 'route' ? { route: o.scope.id } : {}),
    mode: o.mode,
    lock: true,
    reason: `lifecycle rollback${o.until === null ? '' : ` (cool-down until ${new Date(o.until).toISOString()})`}: ${o.reason}`.slice(0, 1000),
  }));
}
