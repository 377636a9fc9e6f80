// Turns TypeBox validation errors into one readable problem per fault, each at its JSON pointer.
// Unions (`Mode | {...}`) yield an error per branch; only the branches whose JSON type matches the value
// are kept, so `"bogus"` reads "must be one of …" and `{ mode: "x" }` points at `/mode`.

/** One fault in a config value. */
export interface ConfigProblem {
  /** JSON pointer of the faulty value (`/tenants/2/wasmMode`); `''` is the whole value. */
  readonly path: string;
  readonly message: string;
}

/** The fields of a TypeBox validation error that are read here. */
export interface SchemaError {
  readonly keyword: string;
  readonly schemaPath: string;
  readonly instancePath: string;
  readonly params: object;
  readonly message: string;
}

/** `config/tenants/2/wasmMode` for `/tenants/2/wasmMode`. */
export function displayPath(pointer: string): string {
  return `config${pointer}`;
}

/** A JSON-pointer segment for `key`. */
export function pointerSegment(key: string | number): string {
  return `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let current = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: unknown, value: unknown): boolean {
  const actual = jsonType(value);
  const list = Array.isArray(expected) ? (expected as unknown[]) : [expected];
  return list.some((type) => type === actual || (type === 'number' && actual === 'integer'));
}

/** True when `error` says the value has the wrong JSON type for its branch (so the branch does not apply). */
function isTypeMismatch(error: SchemaError, value: unknown): boolean {
  const params = error.params as { type?: unknown; allowedValues?: unknown[]; allowedValue?: unknown };
  if (error.keyword === 'type') return true;
  if (error.keyword === 'enum') return !(params.allowedValues ?? []).some((allowed) => jsonType(allowed) === jsonType(value));
  if (error.keyword === 'const') return jsonType(params.allowedValue) !== jsonType(value);
  return false;
}

function describeExpected(errors: readonly SchemaError[]): string {
  const options: string[] = [];
  for (const error of errors) {
    const params = error.params as { type?: unknown; allowedValues?: unknown[]; allowedValue?: unknown };
    if (error.keyword === 'enum') options.push(...(params.allowedValues ?? []).map(String));
    else if (error.keyword === 'const') options.push(String(params.allowedValue));
    else if (error.keyword === 'type') options.push(...[params.type].flat().map((type) => `${/^[aeiou]/.test(String(type)) ? 'an' : 'a'} ${String(type)}`));
  }
  const last = options.pop();
  return options.length === 0 ? `must be ${last ?? 'valid'}` : `must be one of ${options.join(', ')} or ${last ?? ''}`;
}

/** Keeps, for every union, only the errors of branches whose JSON type matches the value. */
function pruneUnions(errors: readonly SchemaError[], root: unknown): SchemaError[] {
  const dropped = new Set<SchemaError>();
  const replacements: SchemaError[] = [];
  const unions = errors.filter((error) => error.keyword === 'anyOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of unions) {
    if (dropped.has(union)) continue;
    dropped.add(union);
    const value = valueAt(root, union.instancePath);
    const branches = new Map<string, SchemaError[]>();
    for (const error of errors) {
      const match = error.schemaPath.startsWith(`${union.schemaPath}/anyOf/`) ? /^\/anyOf\/\d+/.exec(error.schemaPath.slice(union.schemaPath.length)) : null;
      if (match === null || dropped.has(error)) continue;
      const branch = branches.get(match[0]) ?? [];
      branch.push(error);
      branches.set(match[0], branch);
    }
    const mismatched = [...branches.values()].filter((branch) => branch.some((error) => error.instancePath === union.instancePath && isTypeMismatch(error, value)));
    for (const branch of mismatched) for (const error of branch) dropped.add(error);
    if (mismatched.length === branches.size) {
      const heads = mismatched.flatMap((branch) => branch.filter((error) => error.instancePath === union.instancePath));
      replacements.push({ ...union, keyword: 'expected', message: describeExpected(heads) });
    }
  }
  return [...errors.filter((error) => !dropped.has(error)), ...replacements];
}

/** The problems behind TypeBox `errors` for `root`, most specific first, one per fault. */
export function schemaProblems(errors: readonly SchemaError[], root: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  const add = (path: string, message: string): void => {
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ path, message });
  };
  for (const error of pruneUnions(errors, root)) {
    const params = error.params as { additionalProperties?: string[]; requiredProperties?: string[]; allowedValues?: unknown[] };
    switch (error.keyword) {
      case 'boolean':
        break; // the additionalProperties error names the key
      case 'additionalProperties':
        for (const key of params.additionalProperties ?? []) add(error.instancePath + pointerSegment(key), 'is not a known key');
        break;
      case 'required':
        for (const key of params.requiredProperties ?? []) add(error.instancePath + pointerSegment(key), 'is required');
        break;
      case 'enum':
        add(error.instancePath, `must be one of ${(params.allowedValues ?? []).map(String).join(', ')}`);
        break;
      default:
        add(error.instancePath, error.message);
    }
  }
  return problems.sort((a, b) => depth(b.path) - depth(a.path));
}

function depth(pointer: string): number {
  let count = 0;
  for (const char of pointer) if (char === '/') count += 1;
  return count;
}
