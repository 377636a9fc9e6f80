// The gates' public surface, for src/index.ts to re-export (`export * from './gates/index.js'`).

// Config
export { AlertRulesConfig, GatesConfig, LifecycleConfig, ModuleLifecycleConfig, Severity, StageGateConfig } from './gate-config.js';
export { DIFF_RATE_DEFAULTS, LIFECYCLE_DEFAULTS, STRICTEST_DIFF_RATE } from './gate-defaults.js';
export { resolveLifecycle, type AlertRule, type AlertRules, type LifecycleSettings, type ModuleLifecycleSettings, type StageGate } from './gate-settings.js';
export { lifecycleProblems } from './gate-semantics.js';
export { lifecycleConfigProblems, loadLifecycleConfig } from './load-gate-config.js';
export { DURATION_HINT, DURATION_PATTERN, Duration, durationMs, formatDuration } from './duration.js';

// Stages and plans
export { GATED_STAGES, STAGES, Stage, comparesRuntimes, nextStage, servesWasm, type GatedStage } from './stages.js';
export { canPromote, canRollBack, defaultShadowRate, modulePlan, rollbackOverrides, stagePlan, type ModulePlan, type OverrideScope, type RollbackOverride, type StagePlan } from './stage-plan.js';

// Statistics
export { clopperPearsonLower, clopperPearsonUpper, normalCdf, normalQuantile, rateBounds, wilsonBounds, type BoundMethod, type RateBounds } from './statistics.js';
export { binomialCdf, binomialPmf, binomialSf } from './binomial.js';
export { lowerRank, quantileBounds, upperRank, type QuantileBounds } from './quantile-bound.js';

// Evaluation
export { evaluate, evaluationWindows, type EvaluationInput } from './evaluate.js';
export type { Alert, AlertRuleName, BudgetBurn, Criterion, CriterionName, Decision, Evaluation, RuntimeFacts, Scope, ScopedProgress, StratumResult, UncoveredStratum, GateVerdict } from './evaluation.js';
export type { GateWindow, OutcomeCounts } from './window.js';
export { formatEvaluation, formatEvaluations } from './format.js';

// Lifecycle state, reducer, records
export { LifecycleState, ModuleState, ScopedRollback, initialModuleState, parseState, serializeState, withModules } from './lifecycle-state.js';
export { reduce, type LifecycleEvent, type ReduceContext, type Transition } from './state-machine.js';
export { buildDecisionRecord, configSnapshot, type DecisionRecord, type JsonValue, type RecordInput, type RecordKind, type RecordTrigger, type VersionFacts } from './decision-record.js';
