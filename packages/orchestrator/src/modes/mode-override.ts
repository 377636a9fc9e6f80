import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { schemaProblems } from '../config/config-problems.js';
import { Mode, SplitPercent } from '../config/mode-schema.js';
import { OrchestratorError } from '../errors.js';

/** A runtime override request (`setOverride`), e.g. from a gate, the CLI or the HTTP surface. */
export const ModeOverrideInput = Type.Object(
  {
    /** The module; absent: every module. */
    module: Type.Optional(Type.String()),
    mode: Mode,
    /** A locked override caps every scope, the global lock included. Default false. */
    lock: Type.Optional(Type.Boolean()),
    splitPercent: Type.Optional(SplitPercent),
    /** Why (logged and kept with the override). */
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type ModeOverrideInput = Static<typeof ModeOverrideInput>;

/** An override in force. */
export interface ModeOverride {
  /** Absent: every module. */
  readonly module?: string;
  readonly mode: Mode;
  readonly lock: boolean;
  readonly splitPercent?: number;
  readonly reason: string;
  /** When it was set (ms since the epoch). */
  readonly at: number;
}

const validator = Compile(ModeOverrideInput);

/**
 * Checks `input` and builds the override.
 * @throws OrchestratorError `OVERRIDE_INVALID` naming the field (`detail.path`), an unknown module included.
 */
export function makeOverride(input: unknown, modules: ReadonlySet<string>, at: number): ModeOverride {
  if (!validator.Check(input)) {
    const problem = schemaProblems(validator.Errors(input), input)[0] ?? { path: '', message: 'is invalid' };
    throw new OrchestratorError('OVERRIDE_INVALID', `override${problem.path}: ${problem.message}`, { path: problem.path });
  }
  if (input.module !== undefined && !modules.has(input.module)) {
    throw new OrchestratorError('OVERRIDE_INVALID', `override/module: "${input.module}" is not a configured module`, { path: '/module', module: input.module });
  }
  return Object.freeze({
    ...(input.module === undefined ? {} : { module: input.module }),
    mode: input.mode,
    lock: input.lock ?? false,
    ...(input.splitPercent === undefined ? {} : { splitPercent: input.splitPercent }),
    reason: input.reason,
    at,
  });
}
