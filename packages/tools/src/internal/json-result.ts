// What the contract's JSON outputs require of a value llms returns: numbers JSON can carry
// (RESULT_NOT_JSON otherwise, naming the path), and plain objects.

/** The JSON pointer of the first NaN/±Infinity inside `value`, or null when there is none. */
export function firstNonJsonNumber(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || '/';
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNonJsonNumber(value[i], `${path}/${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = firstNonJsonNumber(item, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (found !== null) return found;
  }
  return null;
}

/** True when some object inside `value` has a prototype other than Object.prototype (llms assigned `obj.__proto__ = {…}`). */
function hasForeignPrototype(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasForeignPrototype);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return true;
  return Object.values(value).some(hasForeignPrototype);
}

/**
 * The value as JSON carries it. llms's `obj[key] = v` with the key `__proto__` sets a prototype instead
 * of a member; such objects are given as JSON shows them (what JSON.stringify writes), the form the
 * WASM side computes; every other value is returned as it is.
 */
export function asJsonData(value: unknown): unknown {
  return hasForeignPrototype(value) ? (JSON.parse(JSON.stringify(value)) as unknown) : value;
}
