// Alert rules over the recent window. An alert needs evidence: the lower confidence bound (at the
// rollback confidence) of a rate or of the latency quantile must pass its threshold, so noise in a
// handful of calls does not roll a module back; a WASM init failure or crash is a fact.
import type { BoundOptions } from './criteria.js';
import { droppedTotal } from './counts.js';
import type { Alert, AlertRuleName, RuntimeFacts, Scope } from './evaluation.js';
import { formatMs, formatShare } from './format-values.js';
import type { AlertRule, AlertRules, StageGate } from './gate-settings.js';
import { quantileBounds } from './quantile-bound.js';
import { canRollBack } from './stage-plan.js';
import { comparesRuntimes, servesWasm, type Stage } from './stages.js';
import { rateBounds } from './statistics.js';
import type { OutcomeCounts } from './window.js';

/** What the alert rules of one module need. */
export interface TriggerContext {
  readonly module: string;
  readonly stage: Stage;
  readonly gate: StageGate;
  readonly rules: AlertRules;
  /** At the rollback confidence. */
  readonly options: BoundOptions;
}

/** True when an alert of `rule` in `stage` rolls back: the rule asks for it, WASM serves, TS is loaded. */
export function rollsBack(rule: AlertRule, stage: Stage): boolean {
  return rule.rollback && servesWasm(stage) && canRollBack(stage);
}

function where(scope: Scope, module: string): string {
  return scope.kind === 'module' ? module : scope.kind === 'all' ? 'all modules' : `${module} ${scope.kind} ${scope.id}`;
}

function alert(ctx: TriggerContext, name: AlertRuleName, rule: AlertRule, scope: Scope, message: string, value: number | null, bound: number | null, threshold: number | null): Alert {
  return { rule: name, severity: rule.severity, module: ctx.module, scope, message: `${where(scope, ctx.module)}: ${message}`, value, bound, threshold, rollback: rollsBack(rule, ctx.stage) };
}

function rateAlert(ctx: TriggerContext, name: AlertRuleName, rule: AlertRule, scope: Scope, label: string, k: number, n: number, threshold: number, what?: string): Alert | null {
  if (n === 0) return null;
  const b = rateBounds(k, n, ctx.options.confidence, ctx.options.method);
  if (!(b.lower > threshold)) return null;
  return alert(ctx, name, rule, scope, `${label} ${formatShare(b.rate ?? 0)} (${k}/${n}, lower bound ${formatShare(b.lower)}) is past ${what ?? `its threshold ${formatShare(threshold)}`}`, b.rate, b.lower, threshold);
}

/** The alerts `counts` raise for `scope`: diff spike, shadow and primary error rates, main latency, dropped share. */
export function countAlerts(counts: OutcomeCounts, scope: Scope, ctx: TriggerContext): Alert[] {
  const { gate, rules } = ctx;
  const alerts: (Alert | null)[] = [];
  if (comparesRuntimes(ctx.stage)) {
    const spike = gate.diffRate * rules.diffSpike.factor;
    alerts.push(rateAlert(ctx, 'diff_spike', rules.diffSpike, scope, 'diff rate', counts.diffs, counts.compared, spike, `${rules.diffSpike.factor} × its threshold ${formatShare(gate.diffRate)} (${formatShare(spike)})`));
    alerts.push(rateAlert(ctx, 'shadow_error_rate', rules.shadowErrorRate, scope, 'shadow error rate', counts.shadowErrors, counts.compared, gate.shadowErrorRate));
  }
  alerts.push(rateAlert(ctx, 'primary_error_rate', rules.primaryErrorRate, scope, 'primary error rate', counts.primaryErrors, counts.calls, gate.primaryErrorRate));
  if (comparesRuntimes(ctx.stage)) {
    const latency = quantileBounds(counts.latencyDelta, gate.latencyQuantile, ctx.options.confidence);
    if (latency.lower !== null && latency.lower > gate.latencyDeltaMs) {
      const p = `P${Number((gate.latencyQuantile * 100).toFixed(1))}`;
      const message = `main-path latency degraded: ${p} delta ${formatMs(latency.estimate ?? latency.lower, true)} (lower bound ${formatMs(latency.lower, true)}, ${latency.samples} paired calls) is past ${formatMs(gate.latencyDeltaMs, true)}`;
      alerts.push(alert(ctx, 'main_latency', rules.mainLatency, scope, message, latency.estimate, latency.lower, gate.latencyDeltaMs));
    }
    const dropped = droppedTotal(counts);
    alerts.push(rateAlert(ctx, 'dropped_share', rules.droppedShare, scope, 'dropped-shadow share', dropped, counts.compared + dropped, gate.droppedShare));
  }
  return alerts.filter((a): a is Alert => a !== null);
}

/** The WASM runtime failed to initialize or crashed: a fact, module-wide (or every module, by the rule). */
export function wasmFailureAlert(facts: RuntimeFacts, ctx: TriggerContext): Alert | null {
  const rule = ctx.rules.wasmFailure;
  const crashed = facts.wasmCrashes >= rule.minCrashes;
  if (!facts.wasmInitFailed && !crashed) return null;
  const scope: Scope = rule.scope === 'all' ? { kind: 'all' } : { kind: 'module' };
  const what = facts.wasmInitFailed ? `the WASM runtime failed to initialize${facts.wasmInitError === null ? '' : ` (${facts.wasmInitError})`}` : `the WASM runtime crashed ${facts.wasmCrashes} time(s) in the recent window`;
  const value = facts.wasmInitFailed ? null : facts.wasmCrashes;
  return { rule: 'wasm_failure', severity: rule.severity, module: ctx.module, scope, message: `${ctx.module}: ${what}`, value, bound: null, threshold: facts.wasmInitFailed ? null : rule.minCrashes, rollback: rollsBack(rule, ctx.stage) };
}

/** Any alert asking for a rollback. */
export function wantsRollback(alerts: readonly Alert[]): boolean {
  return alerts.some((a) => a.rollback);
}
