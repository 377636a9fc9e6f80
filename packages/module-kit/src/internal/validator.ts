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

/** What JSON cannot carry in a scalar (`null` when it can): NaN, ±Infinity, undefined, bigint, functions, symbols. */
function nonJsonScalar(v: unknown): string | null {
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'object':
      return null;
    case 'number':
      return Number.isFinite(v) ? null : `number ${String(v)}`;
    default:
      return typeof v;
  }
}

/**
 * Finds the first value JSON cannot carry (NaN, ±Infinity, undefined in arrays, bigint, functions,
 * cycles) or the first container nested deeper than MAX_DEPTH, in document order. Iterative: any depth is
 * safe to check. It runs on every call's input and output, on the caller's thread, so it allocates per
 * container, not per value: the stack holds the containers on the current path and where each is at,
 * and the offending value's pointer is built only when there is one.
 */
export function findNonJson(value: unknown, path = '', maxDepth: number = MAX_DEPTH): { path: string; what: string } | null {
  const scalar = nonJsonScalar(value);
  if (scalar !== null) return { path, what: scalar };
  if (value === null || typeof value !== 'object') return null;
  if (maxDepth <= 0) return { path, what: `nesting deeper than ${maxDepth} levels` };
  // Per level of the current path: the container, its keys (null for an array), the next index.
  const containers: object[] = [value];
  const keys: (string[] | null)[] = [Array.isArray(value) ? null : Object.keys(value)];
  const next: number[] = [0];
  const onPath = new Set<object>([value]);
  const at = (): string => {
    let out = path;
    for (let level = 0; level < containers.length; level += 1) {
      const i = (next[level] as number) - 1;
      out += pointer(keys[level]?.[i] ?? String(i));
    }
    return out;
  };
  while (containers.length > 0) {
    const top = containers.length - 1;
    const container = containers[top] as Record<string, unknown> & unknown[];
    const own = keys[top] as string[] | null;
    const i = next[top] as number;
    if (i >= (own === null ? container.length : own.length)) {
      onPath.delete(container);
      containers.pop();
      keys.pop();
      next.pop();
      continue;
    }
    next[top] = i + 1;
    const item = own === null ? container[i] : container[own[i] as string];
    if (item === undefined && own !== null) continue;
    const what = nonJsonScalar(item);
    if (what !== null) return { path: at(), what };
    if (item === null || typeof item !== 'object') continue;
    if (onPath.has(item)) return { path: at(), what: 'a cycle' };
    if (containers.length >= maxDepth) return { path: at(), what: `nesting deeper than ${maxDepth} levels` };
    onPath.add(item);
    containers.push(item);
    keys.push(Array.isArray(item) ? null : Object.keys(item));
    next.push(0);
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
