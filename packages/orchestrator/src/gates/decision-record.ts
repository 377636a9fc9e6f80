// The immutable record every promotion, hold, rollback, approval and release writes: what changed, why,
// and all the evidence (per criterion the value, bound, threshold, verdict and sample size; the
// window; strata; alerts; the error budget; versions and `.wasm` digest; top diff paths; the config).
import type { Alert, BudgetBurn, Criterion, Evaluation, Scope, UncoveredStratum, GateVerdict } from './evaluation.js';
import type { LifecycleSettings } from './gate-settings.js';
import type { Stage } from './stages.js';

/** What a record is about. */
export type RecordKind = 'promotion' | 'hold' | 'rollback' | 'approval' | 'release';

/** What caused it: an evaluation of the gate, a runtime failure, an operator, or an approval. */
export type RecordTrigger = 'gate' | 'runtime' | 'manual' | 'approval';

/** Versions in force, where no evaluation carries them. */
export interface VersionFacts {
  readonly moduleVersion: string;
  readonly wasmDigest: string | null;
  readonly rulesetVersion: string;
}

/** A JSON value (the config snapshot). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One immutable decision record. */
export interface DecisionRecord {
  /** `<module>#<sequence>`: unique per module (a store can key on it to detect two writers). */
  readonly id: string;
  readonly module: string;
  readonly sequence: number;
  readonly at: number;
  readonly kind: RecordKind;
  /** `refused`: the event was not acted on (the reasons say why); the state did not change stage. */
  readonly outcome: 'applied' | 'refused';
  readonly trigger: RecordTrigger;
  /** Who (for manual events and approvals), else null. */
  readonly actor: string | null;
  readonly stageBefore: Stage;
  readonly stageAfter: Stage;
  readonly scopes: readonly Scope[];
  readonly reasons: readonly string[];
  /** The evaluation behind it (null for an event that came with none). */
  readonly evaluationAt: number | null;
  readonly criteria: readonly Criterion[];
  readonly window: { readonly from: number; readonly to: number } | null;
  readonly sampleSize: { readonly calls: number; readonly compared: number } | null;
  readonly strata: { readonly verdicts: readonly { readonly kind: 'tenant' | 'route'; readonly id: string; readonly samples: number; readonly verdict: GateVerdict }[]; readonly notCovered: readonly UncoveredStratum[] };
  readonly alerts: readonly Alert[];
  readonly errorBudget: BudgetBurn | null;
  readonly rulesetVersion: string | null;
  readonly moduleVersion: string | null;
  readonly wasmDigest: string | null;
  readonly topDiffPaths: readonly { readonly path: string; readonly count: number }[];
  /** The settings in force for the module (and the global ones), as JSON. */
  readonly config: JsonValue;
}

/** What `buildDecisionRecord` takes. */
export interface RecordInput {
  readonly module: string;
  readonly sequence: number;
  readonly at: number;
  readonly kind: RecordKind;
  readonly outcome: 'applied' | 'refused';
  readonly trigger: RecordTrigger;
  readonly actor: string | null;
  readonly stageBefore: Stage;
  readonly stageAfter: Stage;
  readonly scopes: readonly Scope[];
  readonly reasons: readonly string[];
  readonly evaluation: Evaluation | null;
  /** Used when there is no evaluation. */
  readonly facts: VersionFacts | null;
  readonly config: JsonValue;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The settings in force for `module`, as the JSON snapshot a record keeps. */
export function configSnapshot(settings: LifecycleSettings, module: string): JsonValue {
  const { modules, ...global } = settings;
  return JSON.parse(JSON.stringify({ ...global, module: modules[module] ?? null })) as JsonValue;
}

/** Builds a record (a deep copy, frozen: later changes to the inputs cannot reach it). */
export function buildDecisionRecord(input: RecordInput): DecisionRecord {
  const e = input.evaluation;
  const facts = e?.facts ?? input.facts;
  const record: DecisionRecord = {
    id: `${input.module}#${input.sequence}`,
    module: input.module,
    sequence: input.sequence,
    at: input.at,
    kind: input.kind,
    outcome: input.outcome,
    trigger: input.trigger,
    actor: input.actor,
    stageBefore: input.stageBefore,
    stageAfter: input.stageAfter,
    scopes: input.scopes,
    reasons: input.reasons,
    evaluationAt: e?.at ?? null,
    criteria: e?.criteria ?? [],
    window: e?.window ?? null,
    sampleSize: e === null ? null : { calls: e.samples.calls, compared: e.samples.compared },
    strata: { verdicts: (e?.strata.evaluated ?? []).map((s) => ({ kind: s.kind, id: s.id, samples: s.samples, verdict: s.verdict })), notCovered: e?.strata.notCovered ?? [] },
    alerts: e?.alerts ?? [],
    errorBudget: e?.errorBudget ?? null,
    rulesetVersion: facts?.rulesetVersion ?? null,
    moduleVersion: facts?.moduleVersion ?? null,
    wasmDigest: facts?.wasmDigest ?? null,
    topDiffPaths: e?.facts.topDiffPaths ?? [],
    config: input.config,
  };
  return deepFreeze(structuredClone(record));
}
