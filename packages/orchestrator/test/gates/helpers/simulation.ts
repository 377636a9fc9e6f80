// A simulated gateway over weeks of synthetic traffic, hour by hour: the traffic of each hour follows
// the module's plan and overrides at the start of the hour (who serves, who is shadowed), a small store
// keeps hourly summaries per tenant and answers the windows an evaluation asks for, and the real
// evaluate + reduce run at the end of every hour with an injected clock.
import type { DecisionRecord } from '../../../src/gates/decision-record.js';
import { evaluate, evaluationWindows } from '../../../src/gates/evaluate.js';
import type { Evaluation } from '../../../src/gates/evaluation.js';
import type { LifecycleSettings } from '../../../src/gates/gate-settings.js';
import { type LifecycleState, type ModuleState, withModules } from '../../../src/gates/lifecycle-state.js';
import { modulePlan } from '../../../src/gates/stage-plan.js';
import { reduce } from '../../../src/gates/state-machine.js';
import type { GateWindow, OutcomeCounts } from '../../../src/gates/window.js';
import { counts, facts, HOUR, sum, T0 } from './windows.js';

/** What one tenant's calls look like in one hour (before the plan decides how many are compared). */
export interface HourTraffic {
  readonly calls: number;
  /** Share of compared calls that differ / whose shadow fails. */
  readonly diffRate?: number;
  readonly shadowErrorRate?: number;
  /** Paired latency delta (ms) around which the comparisons spread by ±1 ms. */
  readonly delta?: number;
  /** The shadow stopped running: nothing is compared (and nothing is counted as dropped). */
  readonly shadowStopped?: boolean;
}

export type TrafficFn = (hour: number, tenant: string) => HourTraffic;

export class Simulation {
  state: LifecycleState;
  now = T0;
  hour = 0;
  readonly records: DecisionRecord[] = [];
  readonly evaluations: Evaluation[] = [];
  private readonly hours: { at: number; byTenant: Record<string, OutcomeCounts> }[] = [];

  constructor(
    readonly settings: LifecycleSettings,
    readonly module: string,
    readonly tenants: readonly string[],
  ) {
    this.state = withModules(null, settings, T0);
  }

  get ms(): ModuleState {
    return this.state.modules[this.module] as ModuleState;
  }

  /** The comparisons a tenant's calls get under the plan and overrides in force now. */
  private compared(tenant: string, t: HourTraffic): number {
    if (t.shadowStopped === true) return 0;
    const plan = modulePlan(this.ms, this.settings.modules[this.module]!, this.now);
    const overrides = plan.overrides.filter((o) => o.scope.kind === 'module' || (o.scope.kind === 'tenant' && o.scope.id === tenant));
    if (overrides.some((o) => o.mode === 'ts_primary')) return 0;
    if (overrides.some((o) => o.mode === 'shadow')) return t.calls;
    return Math.round(t.calls * plan.plan.shadowSampleRate);
  }

  private window(range: { from: number; to: number }): GateWindow {
    const inRange = this.hours.filter((h) => h.at >= range.from && h.at < range.to);
    const byTenant: Record<string, OutcomeCounts> = {};
    for (const tenant of this.tenants) byTenant[tenant] = sum(inRange.map((h) => h.byTenant[tenant]!).filter((c) => c !== undefined));
    const first = this.hours.find((h) => h.at >= this.ms.stageSince && Object.values(h.byTenant).some((c) => c.calls > 0));
    return { module: this.module, from: range.from, to: range.to, overall: sum(Object.values(byTenant)), byTenant, byRoute: {}, firstSeen: first?.at ?? null };
  }

  /** Runs one hour of traffic, then evaluates and applies the decision. */
  step(traffic: TrafficFn, version = '1.0.0'): Evaluation {
    const byTenant: Record<string, OutcomeCounts> = {};
    for (const tenant of this.tenants) {
      const t = traffic(this.hour, tenant);
      const compared = this.compared(tenant, t);
      byTenant[tenant] = counts({ calls: t.calls, compared, diffs: Math.round(compared * (t.diffRate ?? 0)), shadowErrors: Math.round(compared * (t.shadowErrorRate ?? 0)), delta: t.delta ?? 1, spread: 1 });
    }
    this.hours.push({ at: this.now, byTenant });
    this.now += HOUR;
    this.hour += 1;
    const ranges = evaluationWindows(this.settings, this.ms, this.now);
    const evaluation = evaluate({ settings: this.settings, state: this.ms, now: this.now, facts: facts({ moduleVersion: version }), windows: { gate: this.window(ranges.gate), recent: this.window(ranges.recent) } });
    const t = reduce(this.state, { type: 'evaluation', evaluation }, { now: this.now, settings: this.settings });
    this.state = t.state;
    this.records.push(...t.records);
    this.evaluations.push(evaluation);
    return evaluation;
  }

  /** Runs `hours` hours of `traffic`. */
  run(hours: number, traffic: TrafficFn): void {
    for (let i = 0; i < hours; i += 1) this.step(traffic);
  }

  /** The records that changed something (everything but holds). */
  moves(): DecisionRecord[] {
    return this.records.filter((r) => r.kind !== 'hold');
  }
}
