import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { schemaProblems } from '../config/config-problems.js';
import { Mode, ModuleId, SplitPercent } from '../config/mode-schema.js';
import { OrchestratorError } from '../errors.js';

/** The scopes an override can sit at: every call, one tenant's calls, one route's calls. */
export type OverrideScope = 'global' | 'tenant' | 'route';

/** A tenant or route id an override names (it need not be in the config: unknown tenants can be rolled back too). */
const ScopeId = Type.String({ minLength: 1, maxLength: 256 });

/** A runtime override request (`setOverride`), e.g. from a gate, the CLI or the HTTP surface. */
export const ModeOverrideInput = Type.Object(
  {
    /** The module; absent: every module. */
    module: Type.Optional(ModuleId),
    /** Only the calls of this tenant (scope `tenant`). */
    tenant: Type.Optional(ScopeId),
    /** Only the calls of this route (scope `route`); not together with `tenant`. */
    route: Type.Optional(ScopeId),
    mode: Mode,
    /** A locked override caps every narrower scope and every config lock (docs/switch-matrix.md). Default false. */
    lock: Type.Optional(Type.Boolean()),
    splitPercent: Type.Optional(SplitPercent),
    /** Why (logged and kept with the override). */
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
    /** Who set it (default: `instance:<id>` of the orchestrator; the CLI gives `user@host`). */
    who: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ModeOverrideInput = Static<typeof ModeOverrideInput>;

/** Which override `clearOverride` removes: the module (absent: the all-modules one) at a scope (absent: global). */
export interface OverrideTarget {
  readonly module?: string;
  readonly tenant?: string;
  readonly route?: string;
}

/**
 * Where an override lives: `stored` is a row of the store's `mode_overrides` table (every orchestrator on
 * that file applies it), `pending` is one this process could not write yet (retried at every poll),
 * `memory` one of a process without a store file (forgotten at exit), `local` this instance's own
 * degradation (a runtime that cannot start here), never written anywhere.
 */
export type OverrideOrigin = 'stored' | 'pending' | 'memory' | 'local' | 'lifecycle';

/** An override in force. */
export interface ModeOverride {
  /** Row id in the store (origin `stored`). */
  readonly id?: number;
  /** Absent: every module. */
  readonly module?: string;
  readonly scope: OverrideScope;
  /** For scope `tenant`. */
  readonly tenant?: string;
  /** For scope `route`. */
  readonly route?: string;
  readonly mode: Mode;
  readonly lock: boolean;
  readonly splitPercent?: number;
  readonly reason: string;
  readonly who: string;
  /** When it was set (ms since the epoch). */
  readonly at: number;
  readonly origin: OverrideOrigin;
}

/** What `makeOverride` records besides the input. */
export interface OverrideMeta {
  readonly at: number;
  readonly who: string;
  readonly origin: OverrideOrigin;
  readonly id?: number;
}

const validator = Compile(ModeOverrideInput);

function invalid(path: string, message: string, extra: Readonly<Record<string, unknown>> = {}): never {
  throw new OrchestratorError('OVERRIDE_INVALID', `override${path}: ${message}`, { path, ...extra });
}

/** The scope a target or an input names. */
export function scopeOf(target: OverrideTarget): OverrideScope {
  return target.tenant !== undefined ? 'tenant' : target.route !== undefined ? 'route' : 'global';
}

/** One key per (scope, tenant or route, module or every module): an override replaces the one with its key. */
export function overrideKey(target: OverrideTarget): string {
  return `${scopeOf(target)}\u0000${target.tenant ?? target.route ?? ''}\u0000${target.module ?? '*'}`;
}

/**
 * Checks `input` and builds the override. `modules` null skips the "is configured" check (a CLI writing
 * to a store knows no config; its module ids are still checked against the id grammar).
 * @throws OrchestratorError `OVERRIDE_INVALID` naming the field (`detail.path`), an unknown module included.
 */
export function makeOverride(input: unknown, modules: ReadonlySet<string> | null, meta: OverrideMeta): ModeOverride {
  if (!validator.Check(input)) {
    const problem = schemaProblems(validator.Errors(input), input)[0] ?? { path: '', message: 'is invalid' };
    invalid(problem.path, problem.message);
  }
  if (input.tenant !== undefined && input.route !== undefined) invalid('/route', 'an override is for a tenant or for a route, not both');
  if (input.module !== undefined && modules !== null && !modules.has(input.module)) invalid('/module', `"${input.module}" is not a configured module`, { module: input.module });
  return Object.freeze({
    ...(meta.id === undefined ? {} : { id: meta.id }),
    ...(input.module === undefined ? {} : { module: input.module }),
    scope: scopeOf(input),
    ...(input.tenant === undefined ? {} : { tenant: input.tenant }),
    ...(input.route === undefined ? {} : { route: input.route }),
    mode: input.mode,
    lock: input.lock ?? false,
    ...(input.splitPercent === undefined ? {} : { splitPercent: input.splitPercent }),
    reason: input.reason,
    who: input.who ?? meta.who,
    at: meta.at,
    origin: meta.origin,
  });
}

/** The input that rebuilds `override` (for writing it elsewhere). */
export function overrideInput(override: ModeOverride): ModeOverrideInput {
  return {
    ...(override.module === undefined ? {} : { module: override.module }),
    ...(override.tenant === undefined ? {} : { tenant: override.tenant }),
    ...(override.route === undefined ? {} : { route: override.route }),
    mode: override.mode,
    lock: override.lock,
    ...(override.splitPercent === undefined ? {} : { splitPercent: override.splitPercent }),
    reason: override.reason,
    who: override.who,
  };
}
