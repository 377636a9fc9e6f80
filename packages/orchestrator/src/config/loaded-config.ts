import { isAbsolute, resolve } from 'node:path';
import type { LifecycleSettings } from '../gates/gate-settings.js';
import { resolveLifecycle } from '../gates/gate-settings.js';
import type { OrchestratorConfig, RouteConfig } from './config-schema.js';
import type { Mode, ModeSetting } from './mode-schema.js';

/** A module entry with defaults applied. */
export interface LoadedModuleConfig {
  readonly import: string;
  /** Default: the module id. */
  readonly export: string;
  readonly mode?: Mode;
  readonly lock: boolean;
  readonly splitPercent?: number;
  /** Effective share of calls shadowed: the module's, else `defaults.sampleRate`. */
  readonly sampleRate: number;
  readonly owner?: string;
}

/** A tenant with defaults applied. */
export interface LoadedTenantConfig {
  readonly id: string;
  readonly wasmMode?: ModeSetting;
  readonly allowHeaderOverride: boolean;
}

/** A checked config with every default applied (deeply frozen). */
export interface LoadedConfig {
  readonly modules: Readonly<Record<string, LoadedModuleConfig>>;
  /** Global scope from the file. `mode` stays unset when the file sets none (the built-in default is `ts_primary`). */
  readonly defaults: { readonly mode?: Mode; readonly lock: boolean; readonly splitPercent?: number; readonly sampleRate: number };
  readonly tenants: readonly LoadedTenantConfig[];
  readonly routes: readonly RouteConfig[];
  readonly shadow: {
    readonly workers: number;
    readonly queueSize: number;
    readonly timeoutMs: number;
    readonly memoryMb: number;
    readonly retryBudget: number;
    /** Start-up failure budget per worker slot (decision 0010). */
    readonly startAttempts: number;
    /** Input bytes of one stream call kept for its shadow (decision 0016). */
    readonly streamBudgetBytes: number;
  };
  readonly store: {
    readonly path: string;
    readonly keepMatches: number;
    readonly retention: { readonly fullDays: number; readonly summaryDays: number; readonly intervalMs: number };
    readonly redaction: { readonly keyEnv: string; readonly piiPaths: readonly string[] };
  };
  /** Override polling and heartbeats on the store file (docs/decisions/0013-override-persistence.md). */
  readonly control: { readonly pollMs: number; readonly heartbeatMs: number };
  /** `dir` unset: the rulesets shipped with the orchestrator; `version` unset: the one `current.json` points at. */
  readonly ruleset: { readonly dir?: string; readonly version?: string };
  /** The lifecycle of every configured module (stages, gates, alerts), or null when the file has no `lifecycle` section. */
  readonly lifecycle: LifecycleSettings | null;
  /** Where alerts go besides the error sink. */
  readonly alerts: { readonly webhook: WebhookSettings | null };
  /** Where package specifiers of `modules[*].import` resolve from: the config file's folder, else the folder given to `loadConfig`, else the working directory at load. */
  readonly baseDir: string;
}

/** The alert webhook with defaults applied. */
export interface WebhookSettings {
  readonly url: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly authorizationEnv?: string;
  readonly queueSize: number;
}

/** The defaults `applyDefaults` fills in, for docs and tests. */
export const CONFIG_DEFAULTS = {
  sampleRate: 1,
  shadow: { workers: 1, queueSize: 1000, timeoutMs: 1000, memoryMb: 512, retryBudget: 0, startAttempts: 5, streamBudgetBytes: 1024 * 1024 },
  store: {
    path: 'llms-wasm-diffs.sqlite',
    keepMatches: 0,
    retention: { fullDays: 14, summaryDays: 90, intervalMs: 3_600_000 },
    redaction: { keyEnv: 'LLMS_WASM_REDACTION_KEY', piiPaths: [] as readonly string[] },
  },
  control: { pollMs: 1000, heartbeatMs: 2000 },
  webhook: { timeoutMs: 5000, retries: 3, queueSize: 1000 },
} as const;

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * `config` (already checked) with defaults applied. Relative file paths — `store.path`, `ruleset.dir` and
 * module imports starting with `./` or `../` — are resolved against `baseDir` when it is given; package
 * specifiers are resolved from `specifierDir` (default `baseDir`, else the working directory) when the
 * modules are loaded.
 */
export function applyDefaults(config: OrchestratorConfig, baseDir?: string, specifierDir?: string): LoadedConfig {
  const path = (value: string): string => (baseDir === undefined || isAbsolute(value) ? value : resolve(baseDir, value));
  const defaults = config.defaults ?? {};
  const sampleRate = defaults.sampleRate ?? CONFIG_DEFAULTS.sampleRate;
  const modules: Record<string, LoadedModuleConfig> = {};
  for (const [id, module] of Object.entries(config.modules)) {
    modules[id] = {
      import: /^\.\.?\//.test(module.import) ? path(module.import) : module.import,
      export: module.export ?? id,
      ...opt('mode', module.mode),
      lock: module.lock ?? false,
      ...opt('splitPercent', module.splitPercent),
      sampleRate: module.sampleRate ?? sampleRate,
      ...opt('owner', module.owner),
    };
  }
  const store = config.store ?? {};
  const storePath = store.path ?? CONFIG_DEFAULTS.store.path;
  const ruleset = config.ruleset ?? {};
  return deepFreeze({
    modules,
    defaults: { ...opt('mode', defaults.mode), lock: defaults.lock ?? false, ...opt('splitPercent', defaults.splitPercent), sampleRate },
    tenants: (config.tenants ?? []).map((tenant) => ({ id: tenant.id, ...opt('wasmMode', structuredClone(tenant.wasmMode)), allowHeaderOverride: tenant.allowHeaderOverride ?? false })),
    routes: (config.routes ?? []).map((route) => ({ id: route.id, ...opt('wasmMode', structuredClone(route.wasmMode)) })),
    shadow: { ...CONFIG_DEFAULTS.shadow, ...config.shadow },
    store: {
      path: storePath === ':memory:' ? storePath : path(storePath),
      keepMatches: store.keepMatches ?? CONFIG_DEFAULTS.store.keepMatches,
      retention: { ...CONFIG_DEFAULTS.store.retention, ...store.retention },
      redaction: {
        keyEnv: store.redaction?.keyEnv ?? CONFIG_DEFAULTS.store.redaction.keyEnv,
        piiPaths: [...(store.redaction?.piiPaths ?? CONFIG_DEFAULTS.store.redaction.piiPaths)],
      },
    },
    control: { ...CONFIG_DEFAULTS.control, ...config.control },
    ruleset: { ...opt('dir', ruleset.dir === undefined ? undefined : path(ruleset.dir)), ...opt('version', ruleset.version) },
    lifecycle: config.lifecycle === undefined ? null : resolveLifecycle(config.lifecycle, Object.keys(config.modules)),
    alerts: { webhook: config.alerts?.webhook === undefined ? null : { ...CONFIG_DEFAULTS.webhook, ...config.alerts.webhook } },
    baseDir: resolve(specifierDir ?? baseDir ?? process.cwd()),
  });
}
