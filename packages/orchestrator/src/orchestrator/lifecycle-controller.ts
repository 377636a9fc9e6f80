// Runs the lifecycle: on a timer of the injected clock (and on demand) it reads each module's evidence
// from the store (off the caller's thread), evaluates the gates, reduces the state, commits it to the
// store with compare-and-set (a second gateway on the file that moved first wins; this one adopts its
// state), and applies the plan — stage modes and rollback overrides — to the resolver. Alerts and
// decisions go to the error sink and the webhook. Decision 0017.
import type { Clock, TimerHandle } from '../clock.js';
import { OrchestratorError } from '../errors.js';
import type { LifecycleStore } from '../control/lifecycle-store.js';
import { evaluate, evaluationWindows } from '../gates/evaluate.js';
import type { Evaluation, Scope } from '../gates/evaluation.js';
import type { DecisionRecord } from '../gates/decision-record.js';
import type { LifecycleSettings } from '../gates/gate-settings.js';
import { withModules, type LifecycleState } from '../gates/lifecycle-state.js';
import { heldByOperator, operatorHolds, type OperatorOverride } from '../gates/operator-hold.js';
import { modulePlan } from '../gates/stage-plan.js';
import { reduce, type LifecycleEvent } from '../gates/state-machine.js';
import type { Stage } from '../gates/stages.js';
import type { ModeResolver } from '../modes/mode-resolver.js';
import type { StageMode } from '../modes/scope-layers.js';
import type { DiffStore } from '../store/diff-store.js';
import type { AlertWebhook } from './alert-webhook.js';
import type { ErrorSink } from './error-sink.js';
import { CrashTally, runtimeFacts, versionFacts } from './lifecycle-facts.js';
import type { ModuleVersions } from './module-versions.js';
import { lifecycleOverrideInputs, stageModeOf } from './stage-modes.js';

/** One evaluation pass over every module. */
export interface LifecyclePass {
  readonly at: number;
  readonly evaluations: readonly Evaluation[];
  /** The records this pass stored (empty when another instance committed first: its state was adopted). */
  readonly records: readonly DecisionRecord[];
  readonly committed: boolean;
}

/** A person's lifecycle action (CLI or API). */
export type ManualAction =
  | { readonly type: 'approve'; readonly module: string; readonly to: Stage; readonly by: string }
  | { readonly type: 'promote'; readonly module: string; readonly to: Stage; readonly by: string; readonly reason: string }
  | { readonly type: 'rollback'; readonly module: string | null; readonly scope: Scope; readonly by: string; readonly reason: string };

/** The lifecycle of an orchestrator's modules. */
export interface LifecycleController {
  readonly settings: LifecycleSettings;
  /** The state in force here (as last loaded or committed). */
  state(): LifecycleState;
  /** Evaluates every module now, commits and applies. Never throws: failures are reported as `lifecycle_failed` and the plan in force stays. */
  evaluateNow(): Promise<LifecyclePass>;
  /** Applies a person's action through the reducer and commits it (retried once on a lost compare-and-set). @throws OrchestratorError `STORE_FAILED`, `MODULE_UNKNOWN`. */
  act(action: ManualAction): DecisionRecord[];
  /** Starts the evaluation timer (every `evaluateEvery`). */
  start(): void;
  close(): void;
}

/** What the controller is built from. */
export interface LifecycleDeps {
  readonly settings: LifecycleSettings;
  readonly lifecycleStore: LifecycleStore;
  readonly store: DiffStore;
  readonly resolver: ModeResolver;
  readonly clock: Clock;
  readonly instanceId: string;
  readonly rulesetVersion: string;
  readonly versions: (module: string) => ModuleVersions;
  /** The WASM init failure of `module` in this process, or null. */
  readonly wasmInitError: (module: string) => string | null;
  readonly crashes: CrashTally;
  /** Overrides set by people or this instance's degradations (not the lifecycle's own). */
  readonly operatorOverrides: () => readonly OperatorOverride[];
  /** Flushes pending summaries to the store before windows are read. */
  readonly flush: () => Promise<void>;
  readonly sink: ErrorSink;
  readonly webhook: AlertWebhook | null;
}

const scopeText = (s: Scope): string => (s.kind === 'tenant' || s.kind === 'route' ? `${s.kind}:${s.id}` : s.kind);

/** Builds the controller and applies the stored state's plan at once (before the first call is served). */
export function createLifecycleController(d: LifecycleDeps): LifecycleController {
  const modules = Object.keys(d.settings.modules).sort();
  let state = withModules(d.lifecycleStore.load().state, d.settings, d.clock.now());
  let timer: TimerHandle | null = null;
  let running: Promise<LifecyclePass> | null = null;
  let closed = false;

  const apply = (now: number): void => {
    const stages = new Map<string, StageMode>();
    const overrides = [];
    for (const module of modules) {
      const ms = state.modules[module];
      const own = d.settings.modules[module];
      if (ms === undefined || own === undefined) continue;
      const plan = modulePlan(ms, own, now);
      stages.set(module, stageModeOf(plan.plan));
      overrides.push(...lifecycleOverrideInputs(plan));
    }
    d.resolver.setStages(stages);
    d.resolver.setLifecycleOverrides(overrides, { at: now, who: `lifecycle:${d.instanceId}` });
  };

  const announce = (evaluations: readonly Evaluation[], records: readonly DecisionRecord[], now: number): void => {
    for (const e of evaluations) {
      for (const a of e.alerts) {
        d.sink({ type: 'lifecycle_alert', module: a.module, rule: a.rule, severity: a.severity, scope: scopeText(a.scope), message: a.message, rollback: a.rollback });
        d.webhook?.send({ type: 'lifecycle_alert', at: now, instance: d.instanceId, ...a, scope: scopeText(a.scope) });
      }
    }
    for (const r of records) {
      if (r.kind === 'hold') continue;
      d.sink({ type: 'lifecycle_decision', module: r.module, kind: r.kind, outcome: r.outcome, stageBefore: r.stageBefore, stageAfter: r.stageAfter, id: r.id, reason: r.reasons.join('; ') });
      d.webhook?.send({ type: 'lifecycle_decision', at: now, instance: d.instanceId, id: r.id, module: r.module, kind: r.kind, outcome: r.outcome, stageBefore: r.stageBefore, stageAfter: r.stageAfter, reasons: r.reasons, scopes: r.scopes.map(scopeText) });
    }
  };

  const failed = (module: string | null, error: unknown): void => {
    const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'LIFECYCLE_FAILED';
    d.sink({ type: 'lifecycle_failed', module, code, message: error instanceof Error ? error.message : String(error) });
  };

  const pass = async (): Promise<LifecyclePass> => {
    const now = d.clock.now();
    const evaluations: Evaluation[] = [];
    try {
      await d.flush();
      const stored = d.lifecycleStore.load();
      // Nothing stored yet: the state this gateway started with (its stages began at its start, not now).
      let next = withModules(stored.state ?? state, d.settings, now);
      const records: DecisionRecord[] = [];
      for (const module of modules) {
        const ms = next.modules[module];
        if (ms === undefined) continue;
        const ranges = evaluationWindows(d.settings, ms, now);
        const evidence = await d.store.readEvidence({ module, gate: ranges.gate, recent: ranges.recent });
        const versions = d.versions(module);
        const facts = runtimeFacts({ versions, rulesetVersion: d.rulesetVersion, wasmInitError: d.wasmInitError(module), crashes: d.crashes.since(module, ranges.recent.from), topDiffPaths: evidence.topDiffPaths });
        const raw = evaluate({ settings: d.settings, state: ms, now, facts, windows: { gate: { ...evidence.gate, module }, recent: { ...evidence.recent, module } } });
        const e = heldByOperator(raw, operatorHolds(module, d.operatorOverrides()));
        const t = reduce(next, { type: 'evaluation', evaluation: e }, { now, settings: d.settings, facts: { [module]: versionFacts(versions, d.rulesetVersion) } });
        next = t.state;
        records.push(...t.records);
        evaluations.push(e);
      }
      const result = d.lifecycleStore.commit(stored.revision, next, records, d.instanceId, now);
      // Lost the compare-and-set: another instance (or a person) committed meanwhile; adopt its state.
      state = result.ok ? next : withModules(result.current.state, d.settings, now);
      apply(now);
      if (result.ok) announce(evaluations, records, now);
      return { at: now, evaluations, records: result.ok ? records : [], committed: result.ok };
    } catch (error) {
      failed(null, error);
      return { at: now, evaluations, records: [], committed: false };
    }
  };

  const schedule = (): void => {
    if (closed) return;
    timer = d.clock.setTimeout(
      () => {
        timer = null;
        void controller.evaluateNow().finally(schedule);
      },
      d.settings.evaluateEveryMs,
      true,
    );
  };

  const controller: LifecycleController = {
    settings: d.settings,
    state: () => state,
    evaluateNow() {
      running ??= pass().finally(() => {
        running = null;
      });
      return running;
    },
    act(action) {
      for (let attempt = 0; ; attempt += 1) {
        const now = d.clock.now();
        const stored = d.lifecycleStore.load();
        const current = withModules(stored.state ?? state, d.settings, now);
        const module = action.module;
        const facts = module === null ? {} : { [module]: versionFacts(d.versions(module), d.rulesetVersion) };
        const event: LifecycleEvent = action;
        const t = reduce(current, event, { now, settings: d.settings, facts });
        const result = d.lifecycleStore.commit(stored.revision, t.state, t.records, action.by, now);
        if (result.ok) {
          state = t.state;
          apply(now);
          announce([], t.records, now);
          return [...t.records];
        }
        if (attempt >= 1) throw new OrchestratorError('STORE_FAILED', 'lifecycle: the state changed twice while this action was applied; try again', { code: 'STORE_BUSY' });
      }
    },
    start() {
      if (timer === null && !closed) schedule();
    },
    close() {
      closed = true;
      if (timer !== null) d.clock.clearTimeout(timer);
      timer = null;
    },
  };
  apply(d.clock.now());
  return controller;
}
