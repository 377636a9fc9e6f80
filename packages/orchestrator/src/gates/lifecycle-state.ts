// The lifecycle state of every module: what the reducer (state-machine.ts) reads and writes and the
// store persists. Plain JSON: `serializeState` and `parseState` round-trip it exactly.
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { schemaProblems } from '../config/config-problems.js';
import { OrchestratorError } from '../errors.js';
import type { LifecycleSettings } from './gate-settings.js';
import { Stage } from './stages.js';

const Time = Type.Number({ minimum: 0 });
const Count = Type.Integer({ minimum: 0 });
const Text = Type.String({ maxLength: 10_000 });
const strict = { additionalProperties: false } as const;

/** A rollback of one tenant or route: `ts_primary` until `until`, then TS serves with WASM shadowing until released. */
export const ScopedRollback = Type.Object(
  {
    kind: Type.Enum(['tenant', 'route']),
    id: Type.String({ minLength: 1 }),
    at: Time,
    until: Time,
    fromStage: Stage,
    reason: Text,
    /** Fresh clean evaluations of this scope in a row since the cool-down ended. */
    passes: Count,
    lastCountedAt: Type.Union([Time, Type.Null()]),
  },
  strict,
);
export type ScopedRollback = Static<typeof ScopedRollback>;

/** A module's lifecycle. */
export const ModuleState = Type.Object(
  {
    module: Type.String({ minLength: 1 }),
    stage: Stage,
    /** When the module entered its stage. */
    stageSince: Time,
    /** Evidence for the current stage counts from here (the stage's start, or the end of a rollback's cool-down). */
    observeFrom: Time,
    /** Passing evaluations in a row (counted at most once per `passSpacing`). */
    passStreak: Count,
    lastCountedPassAt: Type.Union([Time, Type.Null()]),
    /** A promotion the gate allowed that waits for an approval. */
    pending: Type.Union([Type.Object({ to: Stage, since: Time }, strict), Type.Null()]),
    /** The last module-wide rollback; its cool-down runs while `now < until`. */
    rollback: Type.Union([Type.Object({ at: Time, until: Time, fromStage: Stage, reason: Text }, strict), Type.Null()]),
    scoped: Type.Array(ScopedRollback),
    /** In `deprecated`: the module version it was deprecated at and the later versions seen since. */
    releases: Type.Union([Type.Object({ entry: Type.Union([Type.String(), Type.Null()]), seen: Type.Array(Type.String()) }, strict), Type.Null()]),
    /** Decision records written for this module (the next record's number is `sequence + 1`). */
    sequence: Count,
    lastEvaluationAt: Type.Union([Time, Type.Null()]),
  },
  strict,
);
export type ModuleState = Static<typeof ModuleState>;

/** Every module's lifecycle. */
export const LifecycleState = Type.Object({ version: Type.Literal(1), modules: Type.Record(Type.String(), ModuleState) }, strict);
export type LifecycleState = Static<typeof LifecycleState>;

const validator = Compile(LifecycleState);

/** A module's state on its first day: its initial stage (default `shadow`), nothing observed yet. */
export function initialModuleState(module: string, stage: Stage, now: number): ModuleState {
  return {
    module,
    stage,
    stageSince: now,
    observeFrom: now,
    passStreak: 0,
    lastCountedPassAt: null,
    pending: null,
    rollback: null,
    scoped: [],
    releases: stage === 'deprecated' ? { entry: null, seen: [] } : null,
    sequence: 0,
    lastEvaluationAt: null,
  };
}

/**
 * `state` (or a fresh state) with every module of `settings` present: modules it lacks start at their
 * `initialStage`; modules it has keep their state (also those no longer configured).
 */
export function withModules(state: LifecycleState | null, settings: LifecycleSettings, now: number): LifecycleState {
  const modules: Record<string, ModuleState> = { ...(state?.modules ?? {}) };
  for (const [module, own] of Object.entries(settings.modules)) modules[module] ??= initialModuleState(module, own.initialStage, now);
  return { version: 1, modules };
}

/** The state as JSON text (stable key order: modules sorted). */
export function serializeState(state: LifecycleState): string {
  const modules: Record<string, ModuleState> = {};
  for (const key of Object.keys(state.modules).sort()) modules[key] = state.modules[key] as ModuleState;
  return JSON.stringify({ version: state.version, modules });
}

/**
 * Reads a state written by `serializeState`.
 * @throws OrchestratorError `STORE_FAILED` when the text is not JSON or not a lifecycle state
 * (`detail.path` points at the faulty value).
 */
export function parseState(text: string): LifecycleState {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (cause) {
    throw new OrchestratorError('STORE_FAILED', `lifecycle state: not JSON: ${(cause as Error).message}`, { path: '' }, { cause });
  }
  if (!validator.Check(value)) {
    const problem = schemaProblems(validator.Errors(value), value)[0] ?? { path: '', message: 'is invalid' };
    throw new OrchestratorError('STORE_FAILED', `lifecycle state${problem.path}: ${problem.message}`, { path: problem.path });
  }
  for (const [key, module] of Object.entries(value.modules)) {
    if (module.module !== key) throw new OrchestratorError('STORE_FAILED', `lifecycle state/modules/${key}/module: must be "${key}"`, { path: `/modules/${key}/module` });
  }
  return value;
}
