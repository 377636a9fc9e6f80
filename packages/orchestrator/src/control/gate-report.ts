// The gates evaluated on demand, over a store file, without a running gateway (`llms-wasm gates`): the
// same `evaluate` the orchestrator's timer runs, at `now` or at a past time (a dry run over history).
// Nothing is written. A module without a stored lifecycle state is judged as a fresh one in its initial
// stage that started with its first summarized minute, so a store filled by one replay is judged by
// what that replay showed — and the observation period is not met.
import { evaluate, evaluationWindows } from '../gates/evaluate.js';
import type { Evaluation } from '../gates/evaluation.js';
import type { LifecycleSettings } from '../gates/gate-settings.js';
import { initialModuleState, type LifecycleState } from '../gates/lifecycle-state.js';
import { heldByOperator, operatorHolds, type OperatorOverride } from '../gates/operator-hold.js';
import { OrchestratorError } from '../errors.js';
import type { Evidence, EvidenceQuery } from '../store/window-query.js';

/** What {@link gateReport} reads. */
export interface GateReportInput {
  readonly settings: LifecycleSettings;
  /** The stored lifecycle state (null: none stored yet). */
  readonly stored: LifecycleState | null;
  readonly evidence: (query: EvidenceQuery) => Evidence;
  /** When to evaluate (ms since the epoch). */
  readonly at: number;
  /** Which modules (default: every module of the settings). */
  readonly modules?: readonly string[];
  /** Overrides in force (people's rollbacks hold promotions). */
  readonly overrides: readonly OperatorOverride[];
}

/** One module's evaluation and where its state came from. */
export interface GateReportEntry {
  readonly evaluation: Evaluation;
  readonly state: 'stored' | 'initial';
}

/**
 * Evaluates the gates of each module at `at`.
 * @throws OrchestratorError `MODULE_UNKNOWN` for a module without lifecycle settings; `QUERY_INVALID` for a bad time.
 */
export function gateReport(input: GateReportInput): GateReportEntry[] {
  if (!Number.isFinite(input.at) || input.at < 0) throw new OrchestratorError('QUERY_INVALID', `gates: --at must be a time, got ${String(input.at)}`, { path: '/at' });
  const modules = input.modules ?? Object.keys(input.settings.modules).sort();
  return modules.map((module) => {
    const own = input.settings.modules[module];
    if (own === undefined) throw new OrchestratorError('MODULE_UNKNOWN', `gates: module "${module}" has no lifecycle settings (known: ${Object.keys(input.settings.modules).join(', ')})`, { module });
    const storedState = input.stored?.modules[module];
    const probe = input.evidence({ module, gate: { from: input.at, to: input.at }, recent: { from: input.at, to: input.at }, topPaths: 1 });
    const state = storedState ?? initialModuleState(module, own.initialStage, Math.min(input.at, probe.firstMinute ?? input.at));
    const ranges = evaluationWindows(input.settings, state, input.at);
    const evidence = input.evidence({ module, gate: ranges.gate, recent: ranges.recent });
    const v = evidence.versions;
    const raw = evaluate({
      settings: input.settings,
      state,
      now: input.at,
      windows: { gate: { ...evidence.gate, module }, recent: { ...evidence.recent, module } },
      facts: {
        moduleVersion: v?.moduleVersion ?? 'unknown',
        wasmDigest: v?.wasmDigest ?? null,
        rulesetVersion: v?.rulesetVersion ?? 'unknown',
        // Runtime facts only a running gateway knows: judged by its own evaluations, not by this dry run.
        wasmInitFailed: false,
        wasmInitError: null,
        wasmCrashes: 0,
        topDiffPaths: evidence.topDiffPaths,
      },
    });
    return { evaluation: heldByOperator(raw, operatorHolds(module, input.overrides)), state: storedState === undefined ? 'initial' : 'stored' };
  });
}
