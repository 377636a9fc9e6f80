import Type, { type Static } from 'typebox';
import { LifecycleConfig } from '../gates/gate-config.js';
import { Mode, ModeSetting, SplitPercent } from './mode-schema.js';

const Rate = Type.Number({ minimum: 0, maximum: 1 });
const Name = Type.String({ minLength: 1 });
const strict = { additionalProperties: false } as const;

/** One module the orchestrator runs: where to import it from and its global-scope mode. */
export const ModuleConfig = Type.Object(
  {
    /**
     * Package specifier (`@llms-wasm/tokenizer`, resolved from the config file's folder), path (`./modules/x.js`,
     * relative to the config file) or `file:` URL.
     */
    import: Name,
    /** The named export holding the module definition. Default: the module id. */
    export: Type.Optional(Name),
    mode: Type.Optional(Mode),
    /** Locks the global scope for this module: tenants, routes and headers cannot change its mode. */
    lock: Type.Optional(Type.Boolean()),
    splitPercent: Type.Optional(SplitPercent),
    /** Share of calls shadowed (0..1). Default: `defaults.sampleRate`. */
    sampleRate: Type.Optional(Rate),
    owner: Type.Optional(Name),
  },
  strict,
);
export type ModuleConfig = Static<typeof ModuleConfig>;

/** Global scope for every module, from the config file (environment variables win over it). */
export const DefaultsConfig = Type.Object(
  {
    mode: Type.Optional(Mode),
    lock: Type.Optional(Type.Boolean()),
    splitPercent: Type.Optional(SplitPercent),
    sampleRate: Type.Optional(Rate),
  },
  strict,
);
export type DefaultsConfig = Static<typeof DefaultsConfig>;

/** A tenant's mode and header policy. */
export const TenantConfig = Type.Object(
  {
    id: Name,
    wasmMode: Type.Optional(ModeSetting),
    /** Honour the `X-WASM-Mode` request header for this tenant. Default false. */
    allowHeaderOverride: Type.Optional(Type.Boolean()),
  },
  strict,
);
export type TenantConfig = Static<typeof TenantConfig>;

/** A route's mode. */
export const RouteConfig = Type.Object({ id: Name, wasmMode: Type.Optional(ModeSetting) }, strict);
export type RouteConfig = Static<typeof RouteConfig>;

/** Shadow dispatch resources. */
export const ShadowConfig = Type.Object(
  {
    workers: Type.Optional(Type.Integer({ minimum: 1, maximum: 256 })),
    queueSize: Type.Optional(Type.Integer({ minimum: 1 })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1 })),
    memoryMb: Type.Optional(Type.Integer({ minimum: 1 })),
    retryBudget: Type.Optional(Type.Integer({ minimum: 0 })),
    /** A worker slot whose worker dies before it is ready this many times in a row is given up (back-off 50 ms … 5 s). */
    startAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    /** Input bytes of one stream call kept for its shadow; past it the shadow is dropped (`stream_budget`), never the caller slowed (decision 0016). */
    streamBudgetBytes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1024 * 1024 * 1024 })),
  },
  strict,
);
export type ShadowConfig = Static<typeof ShadowConfig>;

/** The diff store, its retention and redaction. */
export const StoreConfig = Type.Object(
  {
    /** SQLite file (relative to the config file) or `:memory:`. */
    path: Type.Optional(Name),
    keepMatches: Type.Optional(Rate),
    retention: Type.Optional(
      Type.Object(
        {
          fullDays: Type.Optional(Type.Number({ minimum: 0, maximum: 36_500 })),
          summaryDays: Type.Optional(Type.Number({ minimum: 0, maximum: 36_500 })),
          intervalMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
        },
        strict,
      ),
    ),
    redaction: Type.Optional(
      Type.Object(
        {
          /** Name of the environment variable holding the redaction key (the key never sits in the file). */
          keyEnv: Type.Optional(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' })),
          piiPaths: Type.Optional(Type.Array(Type.String())),
        },
        strict,
      ),
    ),
  },
  strict,
);
export type StoreConfig = Static<typeof StoreConfig>;

/** How an orchestrator shares mode overrides and its health with others on the same store file. */
export const ControlConfig = Type.Object(
  {
    /** How often the store's override table is read for overrides written by others (ms). Default 1000. */
    pollMs: Type.Optional(Type.Integer({ minimum: 10, maximum: 3_600_000 })),
    /** How often this instance writes its heartbeat row (ms). Default 2000. */
    heartbeatMs: Type.Optional(Type.Integer({ minimum: 10, maximum: 3_600_000 })),
  },
  strict,
);
export type ControlConfig = Static<typeof ControlConfig>;

/** Which diff ruleset is in force. */
export const RulesetConfig = Type.Object(
  {
    /** Directory of `diff_ruleset_v*.json` and `current.json` (relative to the config file). */
    dir: Type.Optional(Name),
    /** Pin a version; default: the one `current.json` points at. */
    version: Type.Optional(Name),
  },
  strict,
);
export type RulesetConfig = Static<typeof RulesetConfig>;

/** Where lifecycle alerts go besides the error sink. */
export const AlertsConfig = Type.Object(
  {
    /** POST each alert and decision as JSON to `url`, off the caller's path, retried with a bound. */
    webhook: Type.Optional(
      Type.Object(
        {
          url: Type.String({ pattern: '^https?://' }),
          /** Per attempt (ms). Default 5000. */
          timeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 60_000 })),
          /** Attempts after the first, backing off 1 s, 2 s, 4 s … (capped at 60 s). Default 3. */
          retries: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
          /** Name of an environment variable holding the `Authorization` header value (never in the file). */
          authorizationEnv: Type.Optional(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' })),
          /** Deliveries waiting at most; past it the oldest is dropped and counted. Default 1000. */
          queueSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
        },
        strict,
      ),
    ),
  },
  strict,
);
export type AlertsConfig = Static<typeof AlertsConfig>;

/** The orchestrator's config file (JSON), as written. `loadConfig` checks it and applies defaults. */
export const OrchestratorConfig = Type.Object(
  {
    /** Editors' schema pointer; ignored. */
    $schema: Type.Optional(Type.String()),
    modules: Type.Record(Type.String(), ModuleConfig),
    defaults: Type.Optional(DefaultsConfig),
    tenants: Type.Optional(Type.Array(TenantConfig)),
    routes: Type.Optional(Type.Array(RouteConfig)),
    shadow: Type.Optional(ShadowConfig),
    store: Type.Optional(StoreConfig),
    control: Type.Optional(ControlConfig),
    ruleset: Type.Optional(RulesetConfig),
    /** Per-module stages, gates, promotion and rollback (absent: no lifecycle; modes come from the config alone). */
    lifecycle: Type.Optional(LifecycleConfig),
    alerts: Type.Optional(AlertsConfig),
  },
  strict,
);
export type OrchestratorConfig = Static<typeof OrchestratorConfig>;
