// Who serves a call (or a stream call) and whether it is shadowed: the resolver's mode and plan, the
// `removed` stage's clamp (TS is not loaded: WASM serves alone, counted), and the sample rate in force.
import type { Counter } from '../metrics/metric-types.js';
import type { CallPlan, ModeContext, ModeResolution } from '../modes/mode-resolution.js';
import type { ModeResolver } from '../modes/mode-resolver.js';

/** What a call runs. */
export interface PlannedCall {
  readonly resolution: ModeResolution;
  readonly plan: CallPlan;
  /** The plan has a shadow and this call was sampled for it. */
  readonly sampled: boolean;
}

const WASM_ALONE: CallPlan = Object.freeze({ primary: 'wasm', shadow: false });

/** Plans calls. `random` draws the sampling (default `Math.random`). */
export function createCallPlanner(resolver: ModeResolver, tsUnloaded: ReadonlySet<string>, clamped: Counter<'module'>, random: () => number = Math.random): (ctx: ModeContext) => PlannedCall {
  return (ctx) => {
    const resolution = resolver.resolveMode(ctx);
    let plan = resolver.planCall(resolution, ctx);
    if (tsUnloaded.has(ctx.module) && (plan.primary === 'ts' || plan.shadow)) {
      clamped.inc({ module: ctx.module });
      plan = WASM_ALONE;
    }
    return { resolution, plan, sampled: plan.shadow && random() < resolver.sampleRate(ctx.module, resolution) };
  };
}
