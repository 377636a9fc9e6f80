// Orchestrator
export { createOrchestrator, type CallContext, type Orchestrator, type OrchestratorOptions } from './orchestrator.js';
export type { StartReport } from './orchestrator/start.js';
export type { StreamCall, StreamContext } from './orchestrator/stream-call.js';
export { openOrchestrator, type OpenOptions } from './open.js';
export { describeEvent, loggerSink, type ErrorSink, type Logger, type OrchestratorEvent } from './orchestrator/error-sink.js';
export { systemClock, type Clock, type TimerHandle } from './clock.js';

// Config
export { loadConfig, type ConfigFileSource, type LoadConfigOptions } from './config/load-config.js';
export { resolveModuleSpecifier } from './config/resolve-specifier.js';
export { CONFIG_DEFAULTS, type LoadedConfig, type LoadedModuleConfig, type LoadedTenantConfig } from './config/loaded-config.js';
export {
  DefaultsConfig,
  ControlConfig,
  ModuleConfig,
  OrchestratorConfig,
  RouteConfig,
  RulesetConfig,
  ShadowConfig,
  StoreConfig,
  TenantConfig,
} from './config/config-schema.js';
export { MODES, Mode, ModeSetting, ModuleModeSetting } from './config/mode-schema.js';
export { LOCK_VAR, MODE_VAR, ROLLBACK_ALL, ROLLBACK_VAR, SPLIT_VAR, moduleLockVar, moduleModeVar, type EnvSource } from './config/mode-env.js';

// Modes
export { createModeResolver, HEADER_IGNORED_METRIC, type ModeResolver } from './modes/mode-resolver.js';
export { MODE_HEADER } from './modes/mode-header.js';
export { ModeOverrideInput, makeOverride, type ModeOverride, type OverrideMeta, type OverrideOrigin, type OverrideScope, type OverrideTarget } from './modes/mode-override.js';
export type { CallPlan, HeaderOutcome, LockScope, ModeContext, ModeResolution, ModeScope, RequestHeaders } from './modes/mode-resolution.js';

// Control plane: persisted overrides, heartbeats, status (decision 0013)
export { openControlStore, type ActiveOverrides, type ClearedBy, type ControlStore, type ControlStoreOptions, type InstanceRow, type StoredOverride } from './control/control-store.js';
export type { InstanceState, OverrideSyncState, RuntimeHealth } from './control/instance-state.js';
export {
  INSTANCE_WINDOW_MS,
  STATUS_VERSION,
  readStatus,
  type InstanceStatus,
  type ModeInForce,
  type ModuleStatus,
  type OverrideStatus,
  type ReadStatusOptions,
  type StatusReport,
} from './control/status.js';

// Diff (rulesets themselves live in @llms-wasm/module-kit)
export { judge, type Verdict } from './diff/classify.js';
export { rulesetInForce } from './diff/ruleset-in-force.js';
export type { Classification, ComparisonStatus, DiffRecord, DiffSummary, ShadowError, StreamTiming } from './records/diff-record.js';
export type { ReplayRun, VersionSnapshot } from './records/replay-run.js';
export type { SummaryDelta, SummaryKey } from './records/summary.js';
export type { GateWindow, OutcomeCounts } from './gates/window.js';

// Shadow
export { ShadowPool, type JobSettlement, type PoolEvent, type ShadowFailure, type ShadowPoolOptions, type ShadowPoolState, type ShadowPoolStats } from './shadow/pool.js';

// Redaction and storage
export { createRedactor, type RedactionConfig, type RedactionCounters, type Redactor } from './redact/redactor.js';
export { stackHash } from './redact/stack-hash.js';
export { HASHED_IDENTIFIER, IDENTIFIER_GRAMMAR, MAX_IDENTIFIER_LENGTH, identifierNeedsHash } from './redact/identifier.js';
export { SECRET_MARKER } from './redact/secret-patterns.js';
export { openDiffStore, type DiffStore, type StoreRelay } from './store/diff-store.js';
export type { RelayClient } from './store/batch-writer.js';
/** The diff store's schema version this package writes (and migrates older files to). */
export { SCHEMA_VERSION as STORE_SCHEMA_VERSION } from './store/schema.js';
export { openDiffReader, type DiffReader, type DiffReaderOptions } from './store/diff-reader.js';
export type { WriteFailure } from './store/write-pipeline.js';
export type { WriteFailureReason } from './store/write-failures.js';
export type { DiffStoreOptions, RetentionOptions, StoreLogger } from './store/options.js';
export type { ClassificationCount, DiffQuery, ModuleSummary } from './store/queries.js';

// Metrics
export { MetricsRegistry } from './metrics/metrics-registry.js';
export { PROMETHEUS_CONTENT_TYPE } from './metrics/exposition.js';

// Errors
export { OrchestratorError, isOrchestratorError, type OrchestratorErrorCode } from './errors.js';

// Lifecycle: stages, gates, decisions (decision 0017)
export * from './gates/index.js';
export { heldByOperator, operatorHolds, type OperatorOverride } from './gates/operator-hold.js';
export { openLifecycleStore, type CommitResult, type DecisionFilter, type LifecycleStore, type LifecycleStoreOptions, type StoredLifecycle } from './control/lifecycle-store.js';
export { memoryLifecycleStore } from './control/memory-lifecycle-store.js';
export { lifecycleStatus, type LifecycleModuleStatus, type LifecycleStatus } from './control/lifecycle-status.js';
export { gateReport, type GateReportEntry, type GateReportInput } from './control/gate-report.js';
export type { LifecycleController, LifecyclePass, ManualAction } from './orchestrator/lifecycle-controller.js';
export { AlertWebhook, webhookBackoffMs, type WebhookPayload, type WebhookPost } from './orchestrator/alert-webhook.js';
export type { WebhookSettings } from './config/loaded-config.js';
export type { StageMode } from './modes/scope-layers.js';
export type { DiffPathCount, Evidence, EvidenceQuery, StoredVersions } from './store/window-query.js';
