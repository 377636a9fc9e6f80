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
  /** `LLMS_WASM_MODE_<MODULE>` and `LLMS_WASM_MODE_<MODULE>_LOCK`, by module id. */
  readonly modules: ReadonlyMap<string, { readonly mode?: Mode; readonly lock: boolean }>;
}

const PREFIX = 'LLMS_WASM_MODE';
const SPLIT = 'LLMS_WASM_SPLIT_PERCENT';
const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/** The part of a module's environment variable names after `LLMS_WASM_MODE_` (`tool-calls` → `TOOL_CALLS`). */
export function moduleEnvName(moduleId: string): string {
  return moduleId.toUpperCase().replace(/-/g, '_');
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

/**
 * Reads the mode variables for the given modules. Empty values count as unset.
 * @throws OrchestratorError `CONFIG_INVALID` naming the variable: a bad value, or a `LLMS_WASM_MODE_*`
 * variable that names no configured module (a typo must not pass for a rollback).
 */
export function readModeEnv(env: EnvSource, moduleIds: readonly string[]): ModeEnv {
  const byEnvName = new Map(moduleIds.map((id) => [moduleEnvName(id), id]));
  const modules = new Map<string, { mode?: Mode; lock: boolean }>();
  const entry = (id: string): { mode?: Mode; lock: boolean } => {
    const found = modules.get(id) ?? { lock: false };
    modules.set(id, found);
    return found;
  };
  let mode: Mode | undefined;
  let lock = false;
  let splitPercent: number | undefined;
  for (const name in env) {
    const raw = env[name];
    if (raw === undefined) continue;
    if (name === SPLIT) splitPercent = parsePercent(name, raw);
    if (!name.startsWith(PREFIX)) continue;
    if (name === PREFIX) mode = parseMode(name, raw);
    else if (name === `${PREFIX}_LOCK`) lock = parseFlag(name, raw);
    else if (name.startsWith(`${PREFIX}_`)) {
      const rest = name.slice(PREFIX.length + 1);
      const id = byEnvName.get(rest);
      const lockedId = rest.endsWith('_LOCK') ? byEnvName.get(rest.slice(0, -5)) : undefined;
      if (id !== undefined) {
        const parsed = parseMode(name, raw);
        if (parsed !== undefined) entry(id).mode = parsed;
      } else if (lockedId !== undefined) entry(lockedId).lock = parseFlag(name, raw);
      else refuse(name, `names no configured module (configured: ${moduleIds.join(', ') || 'none'})`, raw);
    }
  }
  return {
    ...(mode === undefined ? {} : { mode }),
    lock,
    ...(splitPercent === undefined ? {} : { splitPercent }),
    modules,
  };
}
