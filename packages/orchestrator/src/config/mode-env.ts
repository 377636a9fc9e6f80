// The mode variables (docs/switch-matrix.md, decision 0014). Controls have fixed names; per-module
// variables put the module after a double underscore, so no module id can ever collide with a control:
// `LLMS_WASM_MODE_LOCK` is the global lock, `LLMS_WASM_MODE__LOCK` the mode of a module called `lock`.
import { OrchestratorError } from '../errors.js';
import { MODES, type Mode } from './mode-schema.js';

/** Environment variables, as `process.env` holds them. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** The global-scope mode settings read from the environment. */
export interface ModeEnv {
  /** `LLMS_WASM_MODE`: every module. */
  readonly mode?: Mode;
  /** `LLMS_WASM_MODE_LOCK`: the global scope is locked for every module. */
  readonly lock: boolean;
  /** `LLMS_WASM_SPLIT_PERCENT`: every module. */
  readonly splitPercent?: number;
  /** `LLMS_WASM_MODE__<MODULE>` and `LLMS_WASM_MODE_LOCK__<MODULE>`, by module id. */
  readonly modules: ReadonlyMap<string, { readonly mode?: Mode; readonly lock: boolean }>;
  /** `LLMS_WASM_ROLLBACK`: the modules forced to a locked `ts_primary` above every scope. */
  readonly rollback: ReadonlySet<string>;
}

/** The control variables (fixed names). */
export const MODE_VAR = 'LLMS_WASM_MODE';
export const LOCK_VAR = 'LLMS_WASM_MODE_LOCK';
export const SPLIT_VAR = 'LLMS_WASM_SPLIT_PERCENT';
export const ROLLBACK_VAR = 'LLMS_WASM_ROLLBACK';
/** The value of `LLMS_WASM_ROLLBACK` that names every module (so `all` is not a valid module id). */
export const ROLLBACK_ALL = 'all';

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/** The part of a module's variable names after the double underscore (`tool-calls` → `TOOL_CALLS`). */
export function moduleEnvName(moduleId: string): string {
  return moduleId.toUpperCase().replace(/-/g, '_');
}

/** `LLMS_WASM_MODE__TOKENIZER`: the mode of one module at global scope. */
export function moduleModeVar(moduleId: string): string {
  return `${MODE_VAR}__${moduleEnvName(moduleId)}`;
}

/** `LLMS_WASM_MODE_LOCK__TOKENIZER`: locks the global scope of one module. */
export function moduleLockVar(moduleId: string): string {
  return `${LOCK_VAR}__${moduleEnvName(moduleId)}`;
}

function refuse(name: string, message: string, raw: string): never {
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  throw new OrchestratorError('CONFIG_INVALID', `${name}: ${message} (got "${shown}")`, { field: name });
}

function parseMode(name: string, raw: string): Mode | undefined {
  const value = raw.trim().toLowerCase();
  if (value === '') return undefined;
  if ((MODES as readonly string[]).includes(value)) return value as Mode;
  return refuse(name, `must be one of ${MODES.join(', ')}`, raw);
}

function parseFlag(name: string, raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (value === '' || FALSE.has(value)) return false;
  if (TRUE.has(value)) return true;
  return refuse(name, 'must be 1 or 0 (true/false, yes/no, on/off)', raw);
}

function parsePercent(name: string, raw: string): number | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const number = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= 0 && number <= 100)) refuse(name, 'must be a number from 0 to 100', raw);
  return number;
}

function parseRollback(raw: string, moduleIds: readonly string[]): Set<string> {
  const parts = raw.split(',').map((part) => part.trim().toLowerCase()).filter((part) => part !== '');
  if (parts.length === 1 && parts[0] === ROLLBACK_ALL) return new Set(moduleIds);
  const known = new Set(moduleIds);
  for (const part of parts) {
    if (part === ROLLBACK_ALL) refuse(ROLLBACK_VAR, `"${ROLLBACK_ALL}" stands alone (every module), not in a list`, raw);
    if (!known.has(part)) refuse(ROLLBACK_VAR, `"${part}" is not a configured module (configured: ${moduleIds.join(', ') || 'none'}; or "${ROLLBACK_ALL}")`, raw);
  }
  return new Set(parts);
}

/** Why a `LLMS_WASM_MODE_*` name that is none of ours was refused: the old per-module forms get the new name. */
function unknownModeVar(name: string, byEnvName: ReadonlyMap<string, string>, moduleIds: readonly string[]): string {
  const rest = name.slice(MODE_VAR.length + 1);
  const moduleId = byEnvName.get(rest);
  if (moduleId !== undefined) return `the per-module form is now ${moduleModeVar(moduleId)} (two underscores; decision 0014)`;
  const locked = rest.endsWith('_LOCK') ? byEnvName.get(rest.slice(0, -5)) : undefined;
  if (locked !== undefined) return `the per-module lock is now ${moduleLockVar(locked)} (decision 0014)`;
  return `is not a mode variable (${MODE_VAR}, ${LOCK_VAR}, ${MODE_VAR}__<MODULE>, ${LOCK_VAR}__<MODULE>; configured modules: ${moduleIds.join(', ') || 'none'})`;
}

/**
 * Reads the mode variables for the given modules. Empty values count as unset.
 * @throws OrchestratorError `CONFIG_INVALID` naming the variable: a bad value, a per-module variable
 * naming no configured module (a typo must not pass for a rollback), a variable of ours with an unknown
 * name (`LLMS_WASM_MODE_*`, `LLMS_WASM_ROLLBACK*`, `LLMS_WASM_SPLIT*`), the old `LLMS_WASM_MODE_<MODULE>`
 * forms included (the message gives the new name).
 */
export function readModeEnv(env: EnvSource, moduleIds: readonly string[]): ModeEnv {
  const byEnvName = new Map(moduleIds.map((id) => [moduleEnvName(id), id]));
  const modules = new Map<string, { mode?: Mode; lock: boolean }>();
  const entry = (id: string): { mode?: Mode; lock: boolean } => {
    const found = modules.get(id) ?? { lock: false };
    modules.set(id, found);
    return found;
  };
  const perModule = (name: string, prefix: string, raw: string): string => {
    const id = byEnvName.get(name.slice(prefix.length));
    return id ?? refuse(name, `names no configured module (configured: ${moduleIds.join(', ') || 'none'})`, raw);
  };
  let mode: Mode | undefined;
  let lock = false;
  let splitPercent: number | undefined;
  let rollback: Set<string> = new Set();
  for (const name in env) {
    const raw = env[name];
    if (raw === undefined) continue;
    if (name === MODE_VAR) mode = parseMode(name, raw);
    else if (name === LOCK_VAR) lock = parseFlag(name, raw);
    else if (name === SPLIT_VAR) splitPercent = parsePercent(name, raw);
    else if (name === ROLLBACK_VAR) rollback = parseRollback(raw, moduleIds);
    else if (name.startsWith(`${LOCK_VAR}__`)) entry(perModule(name, `${LOCK_VAR}__`, raw)).lock = parseFlag(name, raw);
    else if (name.startsWith(`${MODE_VAR}__`)) {
      const id = perModule(name, `${MODE_VAR}__`, raw);
      const parsed = parseMode(name, raw);
      if (parsed !== undefined) entry(id).mode = parsed;
    } else if (name.startsWith(`${MODE_VAR}_`)) refuse(name, unknownModeVar(name, byEnvName, moduleIds), raw);
    else if (name.startsWith(ROLLBACK_VAR) || name.startsWith('LLMS_WASM_SPLIT')) {
      refuse(name, `is not a variable of ours (did you mean ${name.startsWith(ROLLBACK_VAR) ? ROLLBACK_VAR : SPLIT_VAR}?)`, raw);
    }
  }
  return {
    ...(mode === undefined ? {} : { mode }),
    lock,
    ...(splitPercent === undefined ? {} : { splitPercent }),
    modules,
    rollback,
  };
}
