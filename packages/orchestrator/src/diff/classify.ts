import { compareOutcomes, comparisonContext, type Contracts, type DiffEntry, type LlmsModule, type Outcome, type RulesetView } from '@llms-wasm/module-kit';
import type { Classification, ComparisonStatus, DiffSummary, ShadowError } from '../records/diff-record.js';

/** What the diff engine concluded about one main/shadow pair. */
export interface Verdict {
  readonly status: ComparisonStatus;
  readonly classification: Classification | null;
  readonly summary: DiffSummary | null;
  readonly shadowError: ShadowError | null;
}

const MAX_ENTRIES = 20;

function summarize(entries: readonly DiffEntry[]): DiffSummary {
  return {
    entries: entries.slice(0, MAX_ENTRIES),
    paths: [...new Set(entries.map((e) => e.path))],
    kinds: [...new Set(entries.map((e) => e.kind))],
    truncated: entries.length > MAX_ENTRIES,
  };
}

/** Where a real difference gets fixed decides what kind of problem it is. */
function byFixPath(fixPath: string): Classification {
  return fixPath === 'compat adapter' ? 'compat_issue' : 'logic_bug';
}

/**
 * Compares the main and shadow outcomes under a ruleset and classifies the result:
 * - equal after the ruleset's rules but not before → `match`, `nondeterministic`;
 * - both refused the input with the same module error → `both_failed` (agreement on a code only,
 *   counted apart from matches);
 * - outputs that cannot be canonicalized → `data_quality`;
 * - the shadow failed where the main did not → `shadow_error` (classified by the module's fix path);
 * - any other difference, including both failing with a kit code → `diff`, by the module's fix path.
 */
export function judge<C extends Contracts>(mod: LlmsModule<C>, operation: string, main: Outcome, shadow: Outcome, view: RulesetView, shadowError: ShadowError | null): Verdict {
  const normalized = compareOutcomes(mod, operation, main, shadow, comparisonContext(mod, view, 'normalized', MAX_ENTRIES + 1));
  if (normalized.equal) {
    if (normalized.bothFailed !== undefined) return { status: 'both_failed', classification: null, summary: null, shadowError };
    if (normalized.dataQuality) return { status: 'match', classification: 'data_quality', summary: null, shadowError: null };
    const strict = compareOutcomes(mod, operation, main, shadow, comparisonContext(mod, view, 'strict', MAX_ENTRIES + 1));
    return strict.equal
      ? { status: 'match', classification: null, summary: null, shadowError: null }
      : { status: 'match', classification: 'nondeterministic', summary: summarize(strict.diff), shadowError: null };
  }
  if (!shadow.ok && main.ok) {
    return {
      status: 'shadow_error',
      classification: shadow.code === 'DATA_QUALITY' ? 'data_quality' : byFixPath(mod.fixPath),
      summary: summarize(normalized.diff),
      shadowError: shadowError ?? { code: shadow.code, message: shadow.message },
    };
  }
  const classification = normalized.reason === 'data_quality' ? 'data_quality' : byFixPath(mod.fixPath);
  return { status: 'diff', classification, summary: summarize(normalized.diff), shadowError: shadow.ok ? null : shadowError };
}
