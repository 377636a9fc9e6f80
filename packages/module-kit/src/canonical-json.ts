import { ModuleKitError } from './errors.js';

/** A JSON value in canonical form: plain data, object keys sorted, no -0. */
export type CanonicalValue = null | boolean | number | string | CanonicalValue[] | { [key: string]: CanonicalValue };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function fail(path: string, what: string): never {
  throw new ModuleKitError('DATA_QUALITY', `cannot canonicalize ${path || '/'}: ${what}`, { path: path || '/' });
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function walk(value: unknown, path: string, seen: Set<object>): CanonicalValue {
  switch (typeof value) {
    case 'string':
      if (LONE_SURROGATE.test(value)) fail(path, 'string contains a lone surrogate');
      return value;
    case 'number':
      if (!Number.isFinite(value)) fail(path, `number is ${String(value)}`);
      return Object.is(value, -0) ? 0 : value;
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (seen.has(value)) fail(path, 'value is cyclic');
      seen.add(value);
      let out: CanonicalValue;
      if (Array.isArray(value)) {
        out = value.map((item, i) => walk(item, `${path}/${i}`, seen));
      } else {
        const proto = Object.getPrototypeOf(value) as unknown;
        if (proto !== Object.prototype && proto !== null) fail(path, `value is a ${(value as object).constructor?.name ?? 'non-plain object'}`);
        const record: { [key: string]: CanonicalValue } = {};
        for (const key of Object.keys(value).sort()) {
          if (LONE_SURROGATE.test(key)) fail(`${path}/${escapePointer(key)}`, 'key contains a lone surrogate');
          const item = (value as Record<string, unknown>)[key];
          if (item === undefined) continue; // JSON has no undefined: an absent field and an undefined one are the same
          const canonical = walk(item, `${path}/${escapePointer(key)}`, seen);
          // `record.__proto__ = x` would set the prototype and lose the member: define it as data instead.
          if (key === '__proto__') Object.defineProperty(record, key, { value: canonical, enumerable: true, writable: true, configurable: true });
          else record[key] = canonical;
        }
        out = record;
      }
      seen.delete(value);
      return out;
    }
    case 'undefined':
      return fail(path, 'value is undefined');
    default:
      return fail(path, `value is a ${typeof value}`);
  }
}

/**
 * Canonical form of a JSON value, shared by every module's canonicalizer: object keys sorted by
 * code unit, `-0` written as `0`, absent and `undefined` fields the same, a `__proto__` member kept as
 * data. `canonicalJson` writes it as RFC 8785 (JCS); the value itself is a JavaScript object, whose
 * array-index keys enumerate first (see the package README).
 *
 * @throws ModuleKitError `DATA_QUALITY` (with `detail.path`) for NaN, ±Infinity, lone surrogates,
 * cycles, and non-JSON values (functions, bigint, symbols, class instances).
 * @example canonicalize({ b: 1, a: -0 }) // { a: 0, b: 1 }
 */
export function canonicalize(value: unknown): CanonicalValue {
  return walk(value, '', new Set());
}

function write(value: CanonicalValue, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    out.push(JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      write(item, out);
    });
    out.push(']');
    return;
  }
  // Members by UTF-16 code units, as RFC 8785 says (JSON.stringify would list array-index keys first).
  out.push('{');
  Object.keys(value)
    .sort()
    .forEach((key, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(key), ':');
      write(value[key] as CanonicalValue, out);
    });
  out.push('}');
}

/**
 * `canonicalize` serialized as RFC 8785 (JCS): members sorted by UTF-16 code units, numbers as
 * ECMAScript writes them, strings escaped as JSON.stringify does. Equal values give byte-equal strings.
 * @throws ModuleKitError `DATA_QUALITY`
 * @example canonicalJson({ b: 1, '10': 2, '9': 3 }) // '{"10":2,"9":3,"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(canonicalize(value), out);
  return out.join('');
}
