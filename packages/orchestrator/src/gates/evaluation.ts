// What an evaluation concludes (values, not exceptions): per criterion the measured value, its bound,
// the threshold and a verdict; per stratum; alerts; the error budget; and the decision.
import type { Severity } from './gate-config.js';
import type { Stage } from './stages.js';

/** A criterion's verdict. No data or too few samples is `inconclusive`, never `pass`. */
export type GateVerdict = 'pass' | 'fail' | 'inconclusive';

/** What a criterion measures. */
export type CriterionName =
  | 'samples'
  | 'diff_rate'
  | 'shadow_error_rate'
  | 'primary_error_rate'
  | 'dropped_share'
  | 'latency_delta'
  | 'observation'
  | 'liveness'
  | 'releases';

/** One criterion of a gate. */
export interface Criterion {
  readonly name: CriterionName;
  /** The measured value (a share, ms, a count or a duration in ms), null without data. */
  readonly value: number | null;
  /** The confidence bound judged against the threshold (upper for `max` limits), null where none applies or is known. */
  readonly bound: number | null;
  readonly threshold: number;
  /** `max`: the bound must stay at or under the threshold; `min`: the value must reach it. */
  readonly limit: 'max' | 'min';
  readonly unit: 'share' | 'ms' | 'count' | 'duration';
  readonly verdict: GateVerdict;
  /** The sample size behind the value. */
  readonly samples: number;
  /** Why the verdict is what it is, when that is not plain from the numbers. */
  readonly note: string | null;
}

/** Who a decision or an alert is about. */
export type Scope =
  | { readonly kind: 'module' }
  | { readonly kind: 'tenant'; readonly id: string }
  | { readonly kind: 'route'; readonly id: string }
  | { readonly kind: 'all' };

/** A tenant's or route's gate. */
export interface StratumResult {
  readonly kind: 'tenant' | 'route';
  readonly id: string;
  readonly samples: number;
  /** `fail` blocks the module's promotion; `inconclusive` (covered, but a bound still above its threshold) does not. */
  readonly verdict: GateVerdict;
  readonly criteria: readonly Criterion[];
}

/** A tenant or route with too little traffic to be judged yet. */
export interface UncoveredStratum {
  readonly kind: 'tenant' | 'route';
  readonly id: string;
  readonly samples: number;
  readonly needed: number;
}

/** Which alert rule fired. */
export type AlertRuleName = 'diff_spike' | 'shadow_error_rate' | 'primary_error_rate' | 'main_latency' | 'wasm_failure' | 'liveness' | 'dropped_share' | 'error_budget';

/** An alert fired by an evaluation. */
export interface Alert {
  readonly rule: AlertRuleName;
  readonly severity: Severity;
  readonly module: string;
  readonly scope: Scope;
  readonly message: string;
  readonly value: number | null;
  /** The evidence: a lower confidence bound that passed the threshold (null for counts and facts). */
  readonly bound: number | null;
  readonly threshold: number | null;
  /** The rule asks for a rollback (acted on only in stages where WASM serves). */
  readonly rollback: boolean;
}

/** The error budget of the gate window: failures (diffs + shadow errors) against those allowed. */
export interface BudgetBurn {
  readonly failures: number;
  readonly allowed: number;
  /** failures / allowed; null when nothing is allowed. */
  readonly burn: number | null;
  readonly exhausted: boolean;
}

/** Progress of a scoped rollback toward its release. */
export interface ScopedProgress {
  readonly kind: 'tenant' | 'route';
  readonly id: string;
  readonly phase: 'cooldown' | 'shadow';
  readonly passes: number;
  readonly counted: boolean;
  readonly required: number;
  readonly release: boolean;
}

/** Facts about the runtimes an evaluation takes in (the orchestrator and the store know them). */
export interface RuntimeFacts {
  readonly moduleVersion: string;
  /** sha256 of the module's `.wasm`, null when not loaded. */
  readonly wasmDigest: string | null;
  readonly rulesetVersion: string;
  /** The WASM runtime failed to initialize (now); `initError` says how. */
  readonly wasmInitFailed: boolean;
  readonly wasmInitError: string | null;
  /** WASM crashes (traps that replaced the instance, worker crashes) in the recent window. */
  readonly wasmCrashes: number;
  /** The most frequent diff paths of the gate window, from the store. */
  readonly topDiffPaths: readonly { readonly path: string; readonly count: number }[];
}

/** What an evaluation decides. */
export interface Decision {
  readonly action: 'promote' | 'hold' | 'rollback';
  /** For a rollback, what is rolled back (tenants or routes first, where the regression is concentrated). */
  readonly scopes: readonly Scope[];
  /** For a promotion, the stage it leads to. */
  readonly to: Stage | null;
  /** For a promotion: `automatic`, or `required` (ready, waiting for approval). */
  readonly approval: 'automatic' | 'required' | null;
  readonly reasons: readonly string[];
}

/** The evaluation of one module at one time: a pure function of config, state, windows, facts and `at`. */
export interface Evaluation {
  readonly module: string;
  readonly stage: Stage;
  readonly at: number;
  /** The state sequence it was computed from (a reducer refuses a stale evaluation). */
  readonly basedOn: number;
  readonly window: { readonly from: number; readonly to: number };
  readonly recentWindow: { readonly from: number; readonly to: number };
  /** Sample sizes of the gate window and of the recent window. */
  readonly samples: { readonly calls: number; readonly compared: number; readonly recentCalls: number; readonly recentCompared: number };
  readonly criteria: readonly Criterion[];
  readonly strata: { readonly evaluated: readonly StratumResult[]; readonly notCovered: readonly UncoveredStratum[] };
  readonly alerts: readonly Alert[];
  readonly errorBudget: BudgetBurn;
  /** Every criterion passes, no stratum fails, no alert blocks, and the window is fresh. */
  readonly gatePassed: boolean;
  readonly streak: { readonly passes: number; readonly required: number; readonly counted: boolean };
  readonly scopedRollbacks: readonly ScopedProgress[];
  readonly facts: RuntimeFacts;
  readonly decision: Decision;
}
