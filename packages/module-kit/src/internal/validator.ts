import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { ModuleKitError, type ModuleKitErrorCode } from '../errors.js';

export interface CompiledSchema {
  readonly check: (value: unknown) => boolean;
  readonly firstError: (value: unknown) => { path: string; message: string };
}

/** Compiles once; called at module definition time, never per call. */
export function compileSchema(schema: TSchema): CompiledSchema {
  const validator: Validator = Compile(schema);
  return {
    check: (value) => validator.Check(value),
    firstError: (value) => {
      // The deepest error names the field best (a union reports every branch at its root).
      let best = { path: '', message: 'does not match the contract' };
      let depth = -1;
      for (const error of validator.Errors(value)) {
        const d = error.instancePath === '' ? 0 : error.instancePath.split('/').length;
        if (d > depth) {
          depth = d;
          best = { path: error.instancePath, message: error.message };
        }
      }
      return best;
    },
  };
}

/** Finds the first value JSON cannot carry (NaN, ±Infinity, undefined in arrays, bigint, functions, cycles). */
export function findNonJson(value: unknown, path = '', seen: Set<object> = new Set()): { path: string; what: string } | null {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : { path, what: `number ${String(value)}` };
    case 'object': {
      if (value === null) return null;
      if (seen.has(value)) return { path, what: 'a cycle' };
      seen.add(value);
      const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
      for (const [key, item] of entries) {
        if (item === undefined && !Array.isArray(value)) continue;
        const found = findNonJson(item, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, seen);
        if (found) return found;
      }
      seen.delete(value);
      return null;
    }
    default:
      return { path, what: typeof value };
  }
}

/** Throws a ModuleKitError naming the offending field unless `value` satisfies `schema` and is plain JSON. */
export function assertMatches(
  compiled: CompiledSchema,
  value: unknown,
  code: Extract<ModuleKitErrorCode, 'INPUT_INVALID' | 'OUTPUT_INVALID'>,
  where: { module: string; operation: string; runtime?: string },
  prefix = '',
): void {
  const side = code === 'INPUT_INVALID' ? 'input' : 'output';
  const nonJson = findNonJson(value);
  if (nonJson) {
    const path = prefix + nonJson.path;
    throw new ModuleKitError(code, `${where.module}.${where.operation}: ${side}${path} is not JSON (${nonJson.what})`, { ...where, path: path || '/' });
  }
  if (compiled.check(value)) return;
  const first = compiled.firstError(value);
  const path = prefix + first.path;
  throw new ModuleKitError(code, `${where.module}.${where.operation}: ${side}${path} ${first.message}`, { ...where, path: path || '/' });
}
