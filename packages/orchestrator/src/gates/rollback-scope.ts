// What a rollback covers. Where the regression is concentrated — the tenants (or routes) whose own
// counts fire a rolling-back alert, at most `maxScoped` of them, and the rest of the traffic without
// them (with at least `stratumMinSamples` of its own, so "the rest is clean" is evidence, not an
// absence of data) fires none — only those are rolled back, and the reasons say so; otherwise the
// module is (or every module, when the WASM failure rule says `all`).
import { emptyCounts, subtractCounts } from './counts.js';
import type { Alert, Scope } from './evaluation.js';
import { comparesRuntimes } from './stages.js';
import { countAlerts, type TriggerContext } from './triggers.js';
import type { OutcomeCounts } from './window.js';

/** The scopes of a rollback and why. */
export interface ScopeChoice {
  readonly scopes: readonly Scope[];
  readonly reasons: readonly string[];
}

/** Strata of one kind, by id. */
export interface StrataCounts {
  readonly tenant: Readonly<Record<string, OutcomeCounts>>;
  readonly route: Readonly<Record<string, OutcomeCounts>>;
}

function idsOf(alerts: readonly Alert[], kind: 'tenant' | 'route'): string[] {
  const ids = new Set<string>();
  for (const a of alerts) if (a.rollback && a.scope.kind === kind) ids.add(a.scope.id);
  return [...ids].sort();
}

/**
 * The rollback `alerts` call for, or null when none asks for one. `base` is the module's recent counts
 * without the scopes already rolled back; `strata` the recent counts per tenant and route.
 */
export function chooseRollbackScope(base: OutcomeCounts, strata: StrataCounts, alerts: readonly Alert[], ctx: TriggerContext, maxScoped: number): ScopeChoice | null {
  const rolling = alerts.filter((a) => a.rollback);
  if (rolling.length === 0) return null;
  const failure = rolling.find((a) => a.rule === 'wasm_failure');
  if (failure !== undefined) return { scopes: [failure.scope], reasons: [failure.message] };
  const overall = rolling.filter((a) => a.scope.kind === 'module');
  for (const kind of ['tenant', 'route'] as const) {
    const ids = idsOf(rolling, kind);
    if (ids.length === 0) continue;
    if (ids.length > maxScoped) continue;
    let rest = base;
    for (const id of ids) rest = subtractCounts(rest, strata[kind][id] ?? emptyCounts());
    const restSamples = comparesRuntimes(ctx.stage) ? rest.compared : rest.calls;
    if (restSamples < ctx.gate.stratumMinSamples) continue;
    const restAlerts = countAlerts(rest, { kind: 'module' }, ctx).filter((a) => a.rollback);
    if (restAlerts.length > 0) continue;
    const named = ids.map((id) => `${kind} ${id}`).join(', ');
    const evidence = rolling.filter((a) => a.scope.kind === kind && ids.includes(a.scope.id)).map((a) => a.message);
    return {
      scopes: ids.map((id) => ({ kind, id })),
      reasons: [`regression concentrated in ${named}; the rest of the traffic is within its thresholds, so ${named} is rolled back first`, ...evidence],
    };
  }
  const strataNamed = rolling.filter((a) => a.scope.kind === 'tenant' || a.scope.kind === 'route');
  const reasons = overall.map((a) => a.message);
  if (overall.length === 0 || strataNamed.length > 0) {
    const kinds = ['tenant', 'route'] as const;
    const counts = kinds.map((kind) => `${idsOf(rolling, kind).length} ${kind}(s)`).join(' and ');
    reasons.push(`the regression is not confined to at most ${maxScoped} tenant(s) or route(s) (${counts} regressed): the module is rolled back`);
    reasons.push(...strataNamed.map((a) => a.message));
  }
  return { scopes: [{ kind: 'module' }], reasons };
}
