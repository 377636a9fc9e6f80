// The lifecycle section of the orchestrator config (`lifecycle`), as written. Everything is optional:
// `resolveLifecycle` fills in the defaults (gate-defaults.ts, docs/acceptance-thresholds.md).
// Gate thresholds are layered, narrower wins:
//   built-in < defaults.gates.all < defaults.gates.<stage> < modules.<m>.gates.all < modules.<m>.gates.<stage>
// and every other module setting: built-in < defaults < modules.<m>.
import Type, { type Static } from 'typebox';
import { Duration } from './duration.js';
import { Stage } from './stages.js';

const Rate = Type.Number({ minimum: 0, maximum: 1 });
const strict = { additionalProperties: false } as const;

/** How bad an alert is. */
export const Severity = Type.Enum(['info', 'warning', 'critical'], { description: 'info | warning | critical' });
export type Severity = Static<typeof Severity>;

/** The thresholds a window must meet to leave a stage (each one optional here). */
export const StageGateConfig = Type.Object(
  {
    /** Max share of comparisons that differ (`diff`). */
    diffRate: Type.Optional(Rate),
    /** Max share of comparisons where the shadow failed and the primary did not. */
    shadowErrorRate: Type.Optional(Rate),
    /** Max share of calls whose primary failed (every error that reached a caller, refusals included). */
    primaryErrorRate: Type.Optional(Rate),
    /** Max share of shadows dropped (queue full, unavailable …) among those due. */
    droppedShare: Type.Optional(Rate),
    /** Max latency delta (`wasm ms - ts ms`, paired on the same call) at `latencyQuantile`, in ms. */
    latencyDeltaMs: Type.Optional(Type.Number({ minimum: -60_000, maximum: 60_000 })),
    /** The quantile of the paired deltas judged (default 0.95: P95). */
    latencyQuantile: Type.Optional(Type.Number({ minimum: 0.5, maximum: 0.999 })),
    /** Fewer samples (comparisons; calls in `deprecated`) than this are inconclusive. */
    minSamples: Type.Optional(Type.Integer({ minimum: 1 })),
    /** A tenant or route with fewer samples is listed as not yet covered rather than judged. */
    stratumMinSamples: Type.Optional(Type.Integer({ minimum: 1 })),
    /** How long the stage must be observed before it can be left (shadow: 7d–14d). */
    observation: Type.Optional(Duration),
    /** Passing evaluations in a row needed before a promotion. */
    consecutivePasses: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    /** Failures (diffs + shadow errors) allowed per window: a count, or a share of comparisons. */
    errorBudget: Type.Optional(
      Type.Object({ allowedFailures: Type.Optional(Type.Integer({ minimum: 0 })), allowedRate: Type.Optional(Rate) }, strict),
    ),
  },
  strict,
);
export type StageGateConfig = Static<typeof StageGateConfig>;

/** Gate thresholds for every stage (`all`) and per stage. */
export const GatesConfig = Type.Object(
  {
    all: Type.Optional(StageGateConfig),
    shadow: Type.Optional(StageGateConfig),
    canary: Type.Optional(StageGateConfig),
    default: Type.Optional(StageGateConfig),
    deprecated: Type.Optional(StageGateConfig),
  },
  strict,
);
export type GatesConfig = Static<typeof GatesConfig>;

const severity = Type.Optional(Severity);
const rollback = Type.Optional(Type.Boolean());

/** Alert rules: what fires, how bad it is, and whether it rolls back (in stages where WASM serves). */
export const AlertRulesConfig = Type.Object(
  {
    /** The diff rate's lower bound passes `factor` × its threshold (default factor 2). */
    diffSpike: Type.Optional(Type.Object({ severity, rollback, factor: Type.Optional(Type.Number({ minimum: 1, maximum: 1000 })) }, strict)),
    /** The shadow error rate's lower bound passes its threshold. */
    shadowErrorRate: Type.Optional(Type.Object({ severity, rollback }, strict)),
    /** The primary error rate's lower bound passes its threshold. */
    primaryErrorRate: Type.Optional(Type.Object({ severity, rollback }, strict)),
    /** The lower bound of the latency delta quantile passes its threshold (the main path got slower). */
    mainLatency: Type.Optional(Type.Object({ severity, rollback }, strict)),
    /** The WASM runtime failed to initialize, or crashed `minCrashes` times in the recent window. */
    wasmFailure: Type.Optional(
      Type.Object({ severity, rollback, minCrashes: Type.Optional(Type.Integer({ minimum: 1 })), scope: Type.Optional(Type.Enum(['module', 'all'])) }, strict),
    ),
    /** Traffic flows but no shadow was compared (a shadow that silently stopped). Always blocks promotion. */
    liveness: Type.Optional(Type.Object({ severity, minExpectedComparisons: Type.Optional(Type.Number({ minimum: 1 })) }, strict)),
    /** The lower bound of the dropped-shadow share passes its threshold. */
    droppedShare: Type.Optional(Type.Object({ severity, rollback }, strict)),
    /** The window's error budget is spent. */
    errorBudget: Type.Optional(Type.Object({ severity, rollback }, strict)),
  },
  strict,
);
export type AlertRulesConfig = Static<typeof AlertRulesConfig>;

/** One module's lifecycle settings (also the shape of `defaults`). */
export const ModuleLifecycleConfig = Type.Object(
  {
    /** `auto` promotes when the gate passes; `approval` waits for one. `deprecated → removed` always waits. */
    promotion: Type.Optional(Type.Enum(['auto', 'approval'])),
    /** The stage a module starts in when the store has none for it. Default `shadow`. */
    initialStage: Type.Optional(Stage),
    /** After a rollback: no re-promotion before this has passed (and a fresh window passed). */
    cooldown: Type.Optional(Duration),
    /** Two passing evaluations closer than this count once toward `consecutivePasses`. */
    passSpacing: Type.Optional(Duration),
    shadow: Type.Optional(Type.Object({ sampleRate: Type.Optional(Rate) }, strict)),
    canary: Type.Optional(
      Type.Object(
        {
          /** Share of keys WASM serves, in percent (5–10 unless `allowAnyPercent`). */
          percent: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100 })),
          allowAnyPercent: Type.Optional(Type.Boolean()),
        },
        strict,
      ),
    ),
    default: Type.Optional(
      Type.Object(
        {
          /** Share of keys WASM serves, in percent. */
          percent: Type.Optional(Type.Number({ minimum: 50, maximum: 100 })),
          /** TS shadow sample rate by time in the stage: `after` ascending from 0, rates never increasing. */
          shadowSchedule: Type.Optional(Type.Array(Type.Object({ after: Duration, sampleRate: Rate }, strict), { minItems: 1, maxItems: 32 })),
        },
        strict,
      ),
    ),
    deprecated: Type.Optional(
      Type.Object(
        {
          /** Releases (module versions) seen after the deprecating one before removal can be approved. */
          minReleases: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
        },
        strict,
      ),
    ),
    gates: Type.Optional(GatesConfig),
    alerts: Type.Optional(AlertRulesConfig),
  },
  strict,
);
export type ModuleLifecycleConfig = Static<typeof ModuleLifecycleConfig>;

/** The `lifecycle` section of the orchestrator config. */
export const LifecycleConfig = Type.Object(
  {
    /** Confidence of the bounds a promotion is judged on (default 0.95). */
    confidence: Type.Optional(Type.Number({ minimum: 0.8, maximum: 0.9999 })),
    /** Confidence of the evidence a rollback or alert needs (default 0.99). */
    rollbackConfidence: Type.Optional(Type.Number({ minimum: 0.8, maximum: 0.9999 })),
    /** Rate bounds: exact `clopper-pearson` (default) or `wilson`. */
    method: Type.Optional(Type.Enum(['clopper-pearson', 'wilson'])),
    /** How often the orchestrator evaluates (default 5m). */
    evaluateEvery: Type.Optional(Duration),
    /** The gate window reaches back to the start of the stage's evidence, at most this far (default 30d). */
    maxGateWindow: Type.Optional(Duration),
    /** The recent window rollbacks, alerts and liveness are judged on (default 1h). */
    recentWindow: Type.Optional(Duration),
    /** A regression in more tenants (or routes) than this rolls the whole module back (default 3). */
    maxScopedRollbacks: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    defaults: Type.Optional(ModuleLifecycleConfig),
    modules: Type.Optional(Type.Record(Type.String(), ModuleLifecycleConfig)),
  },
  strict,
);
export type LifecycleConfig = Static<typeof LifecycleConfig>;
