import type { DiffOptions } from '@llms-wasm/module-kit';

function seg(key: string | number): string {
  return `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * A string that is equal for two values exactly when the structural diff under `options` finds
 * nothing (ignored paths dropped, strings normalized, object keys sorted); float epsilon is not applied
 * here (keys are exact), the diff that explains a mismatch applies it.
 */
export function normalizedKey(value: unknown, path: string, options: DiffOptions): string {
  if (path !== '' && options.ignore?.(path) === true) return '"<ignored>"';
  if (typeof value === 'string') return JSON.stringify(options.normalizeString ? options.normalizeString(path || '/', value) : value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    const items = value.map((v, i) => normalizedKey(v, path + seg(i), options));
    if (options.unordered?.(path || '/')) items.sort();
    return `[${items.join(',')}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  const parts: string[] = [];
  for (const k of keys) {
    const p = path + seg(k);
    if (options.ignore?.(p) === true) continue;
    parts.push(`${JSON.stringify(k)}:${normalizedKey(obj[k], p, options)}`);
  }
  return `{${parts.join(',')}}`;
}

/** `options` with every path hook seen from `prefix` (e.g. `/normalized_payload`). */
export function scoped(options: DiffOptions, prefix: string): DiffOptions {
  const at = (p: string): string => prefix + (p === '/' ? '' : p);
  return {
    ...options,
    ...(options.ignore ? { ignore: (p: string) => options.ignore?.(at(p)) === true } : {}),
    ...(options.unordered ? { unordered: (p: string) => options.unordered?.(at(p)) === true } : {}),
    ...(options.normalizeString ? { normalizeString: (p: string, v: string) => options.normalizeString?.(at(p), v) ?? v } : {}),
  };
}
