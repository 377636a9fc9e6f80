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

/**
 * How deep an input or output may nest. Deeper values are refused at the boundary on both runtimes
 * alike (V8's own JSON.stringify gives up between 4,000 and 5,000 levels, so the runtimes could not
 * agree beyond some depth anyway); every walk the kit makes stays well inside the call stack.
 */
export const MAX_DEPTH = 2048;

const pointer = (key: string): string => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * Finds the first value JSON cannot carry (NaN, ±Infinity, undefined in arrays, bigint, functions,
 * cycles) or the first container nested deeper than MAX_DEPTH. Iterative: any depth is safe to check.
 */
export function findNonJson(value: unknown, path = '', maxDepth: number = MAX_DEPTH): { path: string; what: string } | null {
  const onPath = new Set<object>();
  // Each frame: a value, its pointer, its depth; `exit` frames take a container off the current path.
  const stack: { value: unknown; path: string; depth: number; exit?: object }[] = [{ value, path, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop() as (typeof stack)[number];
    if (frame.exit !== undefined) {
      onPath.delete(frame.exit);
      continue;
    }
    const v = frame.value;
    switch (typeof v) {
      case 'string':
      case 'boolean':
        continue;
      case 'number':
        if (!Number.isFinite(v)) return { path: frame.path, what: `number ${String(v)}` };
        continue;
      case 'object': {
        if (v === null) continue;
        if (onPath.has(v)) return { path: frame.path, what: 'a cycle' };
        if (frame.depth >= maxDepth) return { path: frame.path, what: `nesting deeper than ${maxDepth} levels` };
        onPath.add(v);
        stack.push({ value: undefined, path: frame.path, depth: frame.depth, exit: v });
        const entries: [string, unknown][] = Array.isArray(v) ? v.map((item, i) => [String(i), item]) : Object.entries(v);
        for (let i = entries.length - 1; i >= 0; i--) {
          const [key, item] = entries[i] as [string, unknown];
          if (item === undefined && !Array.isArray(v)) continue;
          stack.push({ value: item, path: frame.path + pointer(key), depth: frame.depth + 1 });
        }
        continue;
      }
      default:
        return { path: frame.path, what: typeof v };
    }
  }
  return null;
}

/**
 * Throws a ModuleKitError naming the offending field unless `value` satisfies `schema` and is plain JSON.
 * `plainJson` says the value is known to be plain JSON within MAX_DEPTH (see `takeFreshJson`): the
 * non-JSON scan is skipped, the schema check never is.
 */
export function assertMatches(
  compiled: CompiledSchema,
  value: unknown,
  code: Extract<ModuleKitErrorCode, 'INPUT_INVALID' | 'OUTPUT_INVALID'>,
  where: { module: string; operation: string; runtime?: string },
  prefix = '',
  plainJson = false,
): void {
  const side = code === 'INPUT_INVALID' ? 'input' : 'output';
  const nonJson = plainJson ? null : findNonJson(value);
  if (nonJson) {
    const path = prefix + nonJson.path;
    throw new ModuleKitError(code, `${where.module}.${where.operation}: ${side}${path} is not JSON (${nonJson.what})`, { ...where, path: path || '/' });
  }
  if (compiled.check(value)) return;
  const first = compiled.firstError(value);
  const path = prefix + first.path;
  throw new ModuleKitError(code, `${where.module}.${where.operation}: ${side}${path} ${first.message}`, { ...where, path: path || '/' });
}
