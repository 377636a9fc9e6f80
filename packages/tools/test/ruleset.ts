// Comparison options from packages/tools/ruleset-proposal.json, until module-kit compares under the
// ruleset in force (rulesets/current.json) itself: the proposed normalizations for one operation.
import { readFileSync } from 'node:fs';
import type { DiffOptions } from '@llms-wasm/module-kit';

interface Rule {
  readonly operation?: string;
  readonly path: string;
  readonly pattern: string;
  readonly replacement: string;
}

const proposal = JSON.parse(readFileSync(new URL('../ruleset-proposal.json', import.meta.url), 'utf8')) as { nondeterministic_rules: Rule[] };

/** JSON-pointer pattern match: `*` one segment, `**` any number of segments. */
export function pointerMatches(pattern: string, path: string): boolean {
  const p = pattern.split('/').slice(1);
  const s = path.split('/').slice(1);
  const go = (i: number, j: number): boolean => {
    if (i === p.length) return j === s.length;
    if (p[i] === '**') return go(i + 1, j) || (j < s.length && go(i, j + 1));
    return j < s.length && (p[i] === '*' || p[i] === s[j]) && go(i + 1, j + 1);
  };
  return go(0, 0);
}

/** The proposal's rules for `operation` as diff options (string normalization at the rule paths). */
export function proposedOptions(operation: string): DiffOptions {
  const rules = proposal.nondeterministic_rules.filter((r) => r.operation === undefined || r.operation === operation);
  if (rules.length === 0) return {};
  const compiled = rules.map((r) => ({ path: r.path, regex: new RegExp(r.pattern, 'u'), replacement: r.replacement }));
  return { normalizeString: (path, value) => compiled.reduce((acc, r) => (pointerMatches(r.path, path) ? acc.replace(r.regex, r.replacement) : acc), value) };
}

/** The proposed rule (regex) for a random value at `path` of `operation`. */
export function proposedPattern(operation: string, path: string): RegExp {
  const rule = proposal.nondeterministic_rules.find((r) => r.operation === operation && pointerMatches(r.path, path));
  if (!rule) throw new Error(`no proposed rule for ${operation} ${path}`);
  return new RegExp(rule.pattern, 'u');
}
