import { ModuleKitError } from '../errors.js';

/**
 * JSON-pointer patterns (ignored or normalized paths in rulesets, PII fields for redaction). A segment
 * `*` matches exactly one key or index; a segment `**`
 * matches any number of segments, including none (so `/messages`, `*`, `name` masks every message's
 * name, and `**`, `email` masks every `email` field). Segments use JSON-pointer escapes (`~1` for `/`,
 * `~0` for `~`). Matching is a tiny NFA: a walker carries the set of pattern positions reachable at its
 * node and advances it one key at a time.
 */
export interface PointerPatterns {
  /** The states at the root, or `null` when no pattern can match anywhere. */
  readonly root: PatternStates | null;
  /** The states after descending into `segment`, or `null` when no pattern can match below. */
  advance(states: PatternStates, segment: string): PatternStates | null;
}

/** Where each pattern stands at one node. */
export interface PatternStates {
  /** True when some pattern matches this node exactly. */
  readonly matched: boolean;
  /** `pattern * 1024 + position`, positions already closed over `**`. */
  readonly positions: readonly number[];
}

const WIDTH = 1024;

function splitPointer(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parse(pattern: string, field: string): string[] {
  if (pattern !== '' && !pattern.startsWith('/')) {
    throw new ModuleKitError('PATTERN_INVALID', `${field} must be a JSON pointer starting with "/": ${JSON.stringify(pattern)}`, { field });
  }
  const segments = splitPointer(pattern);
  if (segments.length >= WIDTH) throw new ModuleKitError('PATTERN_INVALID', `${field} is too deep`, { field });
  return segments;
}

/**
 * Compiles patterns once; `label` names them in errors (`redaction.piiPaths` → `redaction.piiPaths[2]`).
 * @throws ModuleKitError `PATTERN_INVALID` (with `detail.field`) for a malformed pattern.
 */
export function compilePointerPatterns(patterns: readonly string[], label = 'patterns'): PointerPatterns {
  const table = patterns.map((pattern, i) => parse(pattern, `${label}[${i}]`));

  const close = (positions: Iterable<number>): PatternStates | null => {
    const seen = new Set<number>();
    const stack = [...positions];
    let matched = false;
    while (stack.length > 0) {
      const state = stack.pop() as number;
      if (seen.has(state)) continue;
      seen.add(state);
      const segments = table[Math.floor(state / WIDTH)] ?? [];
      const at = state % WIDTH;
      if (at === segments.length) matched = true;
      else if (segments[at] === '**') stack.push(state + 1);
    }
    return seen.size === 0 ? null : { matched, positions: [...seen] };
  };

  return {
    root: close(table.map((_, p) => p * WIDTH)),
    advance(states, segment) {
      const next: number[] = [];
      for (const state of states.positions) {
        const segments = table[Math.floor(state / WIDTH)] ?? [];
        const token = segments[state % WIDTH];
        if (token === undefined) continue;
        if (token === '**') next.push(state);
        else if (token === '*' || token === segment) next.push(state + 1);
      }
      return next.length === 0 ? null : close(next);
    },
  };
}

/** True when the JSON pointer `path` (e.g. `/choices/0/id`, `` or `/` for the root) matches any pattern. */
export function matchesPointer(patterns: PointerPatterns, path: string): boolean {
  let states = patterns.root;
  for (const segment of path === '/' ? [] : splitPointer(path)) {
    if (states === null) return false;
    states = patterns.advance(states, segment);
  }
  return states !== null && states.matched;
}
