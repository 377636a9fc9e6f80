import type { AlertRulesConfig, LifecycleConfig, ModuleLifecycleConfig, Severity, StageGateConfig } from './gate-config.js';
import { DIFF_RATE_DEFAULTS, LIFECYCLE_DEFAULTS, STRICTEST_DIFF_RATE } from './gate-defaults.js';
import { durationMs } from './duration.js';
import type { BoundMethod } from './statistics.js';
import { GATED_STAGES, type GatedStage, type Stage } from './stages.js';

/** A stage's gate with every default applied. Rates are shares (0..1), durations milliseconds. */
export interface StageGate {
  readonly diffRate: number;
  readonly shadowErrorRate: number;
  readonly primaryErrorRate: number;
  readonly droppedShare: number;
  readonly latencyDeltaMs: number;
  readonly latencyQuantile: number;
  readonly minSamples: number;
  readonly stratumMinSamples: number;
  readonly observationMs: number;
  readonly consecutivePasses: number;
  /** `allowedFailures` (a count) wins over `allowedRate` (a share of comparisons) when set. */
  readonly errorBudget: { readonly allowedFailures: number | null; readonly allowedRate: number };
}

/** An alert rule with defaults applied. */
export interface AlertRule {
  readonly severity: Severity;
  readonly rollback: boolean;
}

/** Every alert rule of a module. */
export interface AlertRules {
  readonly diffSpike: AlertRule & { readonly factor: number };
  readonly shadowErrorRate: AlertRule;
  readonly primaryErrorRate: AlertRule;
  readonly mainLatency: AlertRule;
  readonly wasmFailure: AlertRule & { readonly minCrashes: number; readonly scope: 'module' | 'all' };
  readonly liveness: { readonly severity: Severity; readonly minExpectedComparisons: number };
  readonly droppedShare: AlertRule;
  readonly errorBudget: AlertRule;
}

/** One module's lifecycle settings with every default applied. Shares are fractions (0..1). */
export interface ModuleLifecycleSettings {
  readonly module: string;
  readonly promotion: 'auto' | 'approval';
  readonly initialStage: Stage;
  readonly cooldownMs: number;
  readonly passSpacingMs: number;
  readonly shadow: { readonly sampleRate: number };
  readonly canary: { readonly share: number };
  readonly default: { readonly share: number; readonly shadowSchedule: readonly { readonly afterMs: number; readonly sampleRate: number }[] };
  readonly deprecated: { readonly minReleases: number };
  readonly gates: Readonly<Record<GatedStage, StageGate>>;
  readonly alerts: AlertRules;
}

/** The lifecycle config with every default applied (deeply frozen). */
export interface LifecycleSettings {
  readonly confidence: number;
  readonly rollbackConfidence: number;
  readonly method: BoundMethod;
  readonly evaluateEveryMs: number;
  readonly recentWindowMs: number;
  readonly maxGateWindowMs: number;
  readonly maxScopedRollbacks: number;
  readonly modules: Readonly<Record<string, ModuleLifecycleSettings>>;
}

const G = LIFECYCLE_DEFAULTS.gate;
const M = LIFECYCLE_DEFAULTS.module;
const A = LIFECYCLE_DEFAULTS.alerts;

function defined<T extends object>(value: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, v] of Object.entries(value ?? {})) if (v !== undefined) (out as Record<string, unknown>)[key] = v;
  return out;
}

function stageGate(module: string, stage: GatedStage, layers: readonly (StageGateConfig | undefined)[]): StageGate {
  const merged: StageGateConfig = Object.assign({}, ...layers.map((layer) => defined(layer)));
  const diffRate = merged.diffRate ?? DIFF_RATE_DEFAULTS[module] ?? STRICTEST_DIFF_RATE;
  const shadowErrorRate = merged.shadowErrorRate ?? G.shadowErrorRate;
  const budget = Object.assign({}, ...layers.map((layer) => defined(layer?.errorBudget))) as { allowedFailures?: number; allowedRate?: number };
  return {
    diffRate,
    shadowErrorRate,
    primaryErrorRate: merged.primaryErrorRate ?? G.primaryErrorRate,
    droppedShare: merged.droppedShare ?? G.droppedShare,
    latencyDeltaMs: merged.latencyDeltaMs ?? G.latencyDeltaMs,
    latencyQuantile: merged.latencyQuantile ?? G.latencyQuantile,
    minSamples: merged.minSamples ?? G.minSamples,
    stratumMinSamples: merged.stratumMinSamples ?? G.stratumMinSamples,
    observationMs: merged.observation === undefined ? LIFECYCLE_DEFAULTS.observationMs[stage] : durationMs(merged.observation),
    consecutivePasses: merged.consecutivePasses ?? G.consecutivePasses,
    errorBudget: { allowedFailures: budget.allowedFailures ?? null, allowedRate: budget.allowedRate ?? Math.min(1, diffRate + shadowErrorRate) },
  };
}

function alertRules(layers: readonly (AlertRulesConfig | undefined)[]): AlertRules {
  const rule = <K extends keyof AlertRules>(key: K): AlertRules[K] =>
    Object.assign({}, A[key], ...layers.map((layer) => defined(layer?.[key] as object | undefined))) as AlertRules[K];
  return {
    diffSpike: rule('diffSpike'),
    shadowErrorRate: rule('shadowErrorRate'),
    primaryErrorRate: rule('primaryErrorRate'),
    mainLatency: rule('mainLatency'),
    wasmFailure: rule('wasmFailure'),
    liveness: rule('liveness'),
    droppedShare: rule('droppedShare'),
    errorBudget: rule('errorBudget'),
  };
}

function moduleSettings(module: string, defaults: ModuleLifecycleConfig, own: ModuleLifecycleConfig): ModuleLifecycleSettings {
  const pick = <K extends keyof ModuleLifecycleConfig>(key: K): ModuleLifecycleConfig[K] => own[key] ?? defaults[key];
  const cooldown = pick('cooldown');
  const spacing = pick('passSpacing');
  const schedule = own.default?.shadowSchedule ?? defaults.default?.shadowSchedule;
  const gates = {} as Record<GatedStage, StageGate>;
  for (const stage of GATED_STAGES) {
    gates[stage] = stageGate(module, stage, [defaults.gates?.all, defaults.gates?.[stage], own.gates?.all, own.gates?.[stage]]);
  }
  return {
    module,
    promotion: pick('promotion') ?? M.promotion,
    initialStage: pick('initialStage') ?? M.initialStage,
    cooldownMs: cooldown === undefined ? M.cooldownMs : durationMs(cooldown),
    passSpacingMs: spacing === undefined ? M.passSpacingMs : durationMs(spacing),
    shadow: { sampleRate: own.shadow?.sampleRate ?? defaults.shadow?.sampleRate ?? M.shadowSampleRate },
    canary: { share: (own.canary?.percent ?? defaults.canary?.percent ?? M.canaryPercent) / 100 },
    default: {
      share: (own.default?.percent ?? defaults.default?.percent ?? M.defaultPercent) / 100,
      shadowSchedule: schedule === undefined ? M.defaultShadowSchedule.map((step) => ({ ...step })) : schedule.map((step) => ({ afterMs: durationMs(step.after), sampleRate: step.sampleRate })),
    },
    deprecated: { minReleases: own.deprecated?.minReleases ?? defaults.deprecated?.minReleases ?? M.minReleases },
    gates,
    alerts: alertRules([defaults.alerts, own.alerts]),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The lifecycle settings of `modules` from a checked `lifecycle` config (see `lifecycleProblems`),
 * every default applied. `config` may be undefined: every module then gets the defaults.
 */
export function resolveLifecycle(config: LifecycleConfig | undefined, modules: readonly string[]): LifecycleSettings {
  const c = config ?? {};
  const resolved: Record<string, ModuleLifecycleSettings> = {};
  for (const module of modules) resolved[module] = moduleSettings(module, c.defaults ?? {}, c.modules?.[module] ?? {});
  return deepFreeze({
    confidence: c.confidence ?? LIFECYCLE_DEFAULTS.confidence,
    rollbackConfidence: c.rollbackConfidence ?? LIFECYCLE_DEFAULTS.rollbackConfidence,
    method: c.method ?? LIFECYCLE_DEFAULTS.method,
    evaluateEveryMs: c.evaluateEvery === undefined ? LIFECYCLE_DEFAULTS.evaluateEveryMs : durationMs(c.evaluateEvery),
    recentWindowMs: c.recentWindow === undefined ? LIFECYCLE_DEFAULTS.recentWindowMs : durationMs(c.recentWindow),
    maxGateWindowMs: c.maxGateWindow === undefined ? LIFECYCLE_DEFAULTS.maxGateWindowMs : durationMs(c.maxGateWindow),
    maxScopedRollbacks: c.maxScopedRollbacks ?? LIFECYCLE_DEFAULTS.maxScopedRollbacks,
    modules: resolved,
  });
}
