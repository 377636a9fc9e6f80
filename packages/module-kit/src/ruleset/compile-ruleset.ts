import type { DiffOptions } from '../diff.js';
import { compilePointerPatterns, matchesPointer, type PointerPatterns } from './pointer-pattern.js';
import type { Ruleset, SseProtocol, StringNormalization } from './ruleset-schema.js';

/**
 * What a ruleset says about one module's operation: the two comparison passes, the SSE protocol and
 * the module's own section (validated against the module's `rulesetSection` schema before its
 * comparator sees it).
 */
export interface RulesetView {
  readonly version: string;
  /** What differs at all, apart from whitelisted fields. */
  readonly strict: DiffOptions;
  /** What still differs after every tolerance and nondeterministic rule of the ruleset. */
  readonly normalized: DiffOptions;
  /** How streams are compared (docs/sse-protocol.md). */
  readonly sseProtocol: SseProtocol;
  /** `modules[<id>]` of the ruleset, as written (undefined when the ruleset has none for the module). */
  readonly section: unknown;
}

/** The compiled ruleset: hands out one view per module and operation (compiled once, then cached). */
export type RulesetViews = (module: string, operation: string) => RulesetView;

interface Scoped {
  readonly module: string;
  readonly operation?: string;
  readonly path: string;
}

const applies = (rule: Scoped, module: string, operation: string): boolean =>
  (rule.module === '*' || rule.module === module) && (rule.operation === undefined || rule.operation === operation);

function patterns(rules: readonly Scoped[], label: string): PointerPatterns | null {
  return rules.length === 0 ? null : compilePointerPatterns(rules.map((r) => r.path), label);
}

const STEPS: Record<StringNormalization, (s: string) => string> = {
  trim: (s) => s.trim(),
  collapse_whitespace: (s) => s.replace(/\s+/gu, ' '),
  lowercase: (s) => s.toLowerCase(),
  nfc: (s) => s.normalize('NFC'),
  crlf_to_lf: (s) => s.replace(/\r\n/g, '\n'),
};

/**
 * Compiles a ruleset once and hands out per-operation views (cached): every pattern is compiled at
 * most once per module and operation.
 * @example const view = compileRuleset(loadRuleset().ruleset)('tools', 'canonicalize'); diffValues(a, b, view.normalized)
 */
export function compileRuleset(ruleset: Ruleset): RulesetViews {
  const cache = new Map<string, RulesetView>();
  return (module, operation) => {
    const key = `${module}\u0000${operation}`;
    let view = cache.get(key);
    if (view) return view;
    const mine = <T extends Scoped>(rules: readonly T[]): T[] => rules.filter((r) => applies(r, module, operation));

    const whitelist = patterns(mine(ruleset.field_whitelist), 'field_whitelist');
    const ignoreRules = patterns(mine(ruleset.nondeterministic_rules.filter((r) => r.action === 'ignore')), 'nondeterministic_rules');
    const unordered = patterns(mine(ruleset.tolerance_policy.unordered_arrays), 'tolerance_policy.unordered_arrays');
    const rewrites = [
      ...mine(ruleset.tolerance_policy.string_normalizations).map((r) => ({
        at: compilePointerPatterns([r.path], 'tolerance_policy.string_normalizations'),
        apply: (s: string) => r.steps.reduce((acc, step) => STEPS[step](acc), s),
      })),
      ...mine(ruleset.nondeterministic_rules.filter((r) => r.action === 'normalize')).map((r) => {
        const regex = new RegExp(r.pattern ?? '$^', 'u');
        return { at: compilePointerPatterns([r.path], 'nondeterministic_rules'), apply: (s: string) => s.replace(regex, r.replacement ?? '') };
      }),
    ];

    const whitelisted = (path: string): boolean => whitelist !== null && matchesPointer(whitelist, path);
    const strict: DiffOptions = whitelist ? { ignore: whitelisted } : {};
    const normalized: DiffOptions = {
      ignore: (path) => whitelisted(path) || (ignoreRules !== null && matchesPointer(ignoreRules, path)),
      floatEpsilon: ruleset.tolerance_policy.float_epsilon,
      ...(unordered ? { unordered: (path: string) => matchesPointer(unordered, path) } : {}),
      ...(rewrites.length > 0
        ? { normalizeString: (path: string, s: string) => rewrites.reduce((acc, r) => (matchesPointer(r.at, path) ? r.apply(acc) : acc), s) }
        : {}),
    };
    view = { version: ruleset.version, strict, normalized, sseProtocol: ruleset.sse_protocol, section: ruleset.modules?.[module] };
    cache.set(key, view);
    return view;
  };
}
