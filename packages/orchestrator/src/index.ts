// Orchestrator
export { createOrchestrator, type CallContext, type Orchestrator, type OrchestratorOptions, type StartReport } from './orchestrator.js';
export { openOrchestrator, type OpenOptions } from './open.js';
export type { Logger } from './orchestrator/recorder.js';

// Config
export { loadConfig, type ConfigFileSource } from './config/load-config.js';
export { CONFIG_DEFAULTS, type LoadedConfig, type LoadedModuleConfig, type LoadedTenantConfig } from './config/loaded-config.js';
export {
  DefaultsConfig,
  ModuleConfig,
  OrchestratorConfig,
  RouteConfig,
  RulesetConfig,
  ShadowConfig,
  StoreConfig,
  TenantConfig,
} from './config/config-schema.js';
export { MODES, Mode, ModeSetting, ModuleModeSetting } from './config/mode-schema.js';
export type { EnvSource } from './config/mode-env.js';

// Modes
export { createModeResolver, HEADER_IGNORED_METRIC, type ModeResolver } from './modes/mode-resolver.js';
export { MODE_HEADER } from './modes/mode-header.js';
export { ModeOverrideInput, type ModeOverride } from './modes/mode-override.js';
export type { CallPlan, HeaderOutcome, ModeContext, ModeResolution, ModeScope, RequestHeaders } from './modes/mode-resolution.js';

// Diff (rulesets themselves live in @llms-wasm/module-kit)
export { judge, type Verdict } from './diff/classify.js';
export { rulesetInForce } from './diff/ruleset-in-force.js';
export type { Classification, ComparisonStatus, DiffRecord, DiffSummary, ShadowError } from './records/diff-record.js';

// Shadow
export { ShadowPool, type ShadowPoolOptions, type ShadowPoolStats } from './shadow/pool.js';

// Redaction and storage
export { createRedactor, type RedactionConfig, type RedactionCounters, type Redactor } from './redact/redactor.js';
export { stackHash } from './redact/stack-hash.js';
export { openDiffStore, type DiffStore } from './store/diff-store.js';
export { openDiffReader, type DiffReader } from './store/diff-reader.js';
export type { DiffStoreOptions, RetentionOptions, StoreLogger } from './store/options.js';
export type { ClassificationCount, DiffQuery, ModuleSummary } from './store/queries.js';

// Metrics
export { MetricsRegistry } from './metrics/metrics-registry.js';
export { PROMETHEUS_CONTENT_TYPE } from './metrics/exposition.js';

// Errors
export { OrchestratorError, isOrchestratorError, type OrchestratorErrorCode } from './errors.js';
