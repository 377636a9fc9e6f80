/** How two values differ at one path. `type` means the JSON types differ (e.g. string vs number). */
export type DiffKind = 'added' | 'removed' | 'changed' | 'type';

/** One difference. `left`/`right` are short previews, never full payloads. */
export interface DiffEntry {
  readonly path: string;
  readonly kind: DiffKind;
  readonly left?: string;
  readonly right?: string;
}

/** Hooks that let a caller (e.g. a ruleset) shape the comparison without re-implementing it. */
export interface DiffOptions {
  /** Paths to skip entirely (JSON pointers, e.g. `/choices/0/id`). */
  readonly ignore?: (path: string) => boolean;
  /** Compare this array as a multiset (order ignored). */
  readonly unordered?: (path: string) => boolean;
  /** Absolute tolerance for numbers. Default 0 (exact). */
  readonly floatEpsilon?: number;
  /** Rewrites a string before comparison (e.g. trim, collapse whitespace, mask ids). */
  readonly normalizeString?: (path: string, value: string) => string;
  /** Stop after this many entries (the summary stays minimal). Default 50. */
  readonly maxEntries?: number;
  /** Preview length for values. Default 80 characters. */
  readonly previewChars?: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function preview(value: unknown, max: number): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= max ? text : `${text.slice(0, max)}…(${text.length} chars)`;
}

function seg(key: string | number): string {
  return `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

type Emit = (path: string, kind: DiffKind, left: unknown, right: unknown) => boolean;

/**
 * Structural diff of two JSON values: a minimal list of paths with what changed there.
 * Objects are compared key by key, arrays index by index (or as multisets where `unordered`).
 * @example diffValues({ a: 1 }, { a: 2, b: 3 }) // [{ path: '/a', kind: 'changed', … }, { path: '/b', kind: 'added', … }]
 */
export function diffValues(left: unknown, right: unknown, options: DiffOptions = {}): DiffEntry[] {
  const out: DiffEntry[] = [];
  const max = options.maxEntries ?? 50;
  const chars = options.previewChars ?? 80;
  const eps = options.floatEpsilon ?? 0;
  const ignored = (path: string): boolean => path !== '' && options.ignore?.(path) === true;

  // Each emit returns true while more entries are wanted.
  const collect: Emit = (path, kind, l, r) => {
    const entry: { path: string; kind: DiffKind; left?: string; right?: string } = { path: path || '/', kind };
    if (kind !== 'added') entry.left = preview(l, chars);
    if (kind !== 'removed') entry.right = preview(r, chars);
    out.push(entry);
    return out.length < max;
  };

  const equal = (l: unknown, r: unknown, path: string): boolean => {
    let differs = false;
    compare(l, r, path, () => {
      differs = true;
      return false;
    });
    return !differs;
  };

  // Returns false once the emitter wants no more entries.
  function compare(l: unknown, r: unknown, path: string, emit: Emit): boolean {
    if (ignored(path)) return true;
    const lt = typeOf(l);
    if (lt !== typeOf(r)) return emit(path, 'type', l, r);
    switch (lt) {
      case 'number': {
        const a = l as number;
        const b = r as number;
        return a === b || (eps > 0 && Math.abs(a - b) <= eps) ? true : emit(path, 'changed', l, r);
      }
      case 'string': {
        const norm = options.normalizeString;
        const a = norm ? norm(path || '/', l as string) : (l as string);
        const b = norm ? norm(path || '/', r as string) : (r as string);
        return a === b ? true : emit(path, 'changed', l, r);
      }
      case 'array':
        return options.unordered?.(path || '/') ? compareMultiset(l as Json[], r as Json[], path, emit) : compareArrays(l as Json[], r as Json[], path, emit);
      case 'object':
        return compareObjects(l as Record<string, Json>, r as Record<string, Json>, path, emit);
      default:
        return l === r ? true : emit(path, 'changed', l, r);
    }
  }

  function compareArrays(a: Json[], b: Json[], path: string, emit: Emit): boolean {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const p = path + seg(i);
      let more = true;
      if (i >= a.length) more = ignored(p) || emit(p, 'added', undefined, b[i]);
      else if (i >= b.length) more = ignored(p) || emit(p, 'removed', a[i], undefined);
      else more = compare(a[i], b[i], p, emit);
      if (!more) return false;
    }
    return true;
  }

  function compareMultiset(a: Json[], b: Json[], path: string, emit: Emit): boolean {
    const p = `${path}/*`;
    const unmatched = [...b];
    for (const item of a) {
      const idx = unmatched.findIndex((candidate) => equal(item, candidate, p));
      if (idx >= 0) unmatched.splice(idx, 1);
      else if (!emit(p, 'removed', item, undefined)) return false;
    }
    for (const item of unmatched) if (!emit(p, 'added', undefined, item)) return false;
    return true;
  }

  function compareObjects(a: Record<string, Json>, b: Record<string, Json>, path: string, emit: Emit): boolean {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const p = path + seg(key);
      const inA = Object.prototype.hasOwnProperty.call(a, key) && a[key] !== undefined;
      const inB = Object.prototype.hasOwnProperty.call(b, key) && b[key] !== undefined;
      let more = true;
      if (inA && inB) more = compare(a[key], b[key], p, emit);
      else if (ignored(p)) more = true;
      else if (inA) more = emit(p, 'removed', a[key], undefined);
      else if (inB) more = emit(p, 'added', undefined, b[key]);
      if (!more) return false;
    }
    return true;
  }

  compare(left, right, '', collect);
  return out;
}
