import { performance } from 'node:perf_hooks';
import type { CanonicalValue } from './canonical-json.js';
import type { Contracts } from './contract.js';
import type { CompareContext, LlmsModule } from './define-module.js';
import { diffValues, type DiffEntry } from './diff.js';
import { errorCodeOf, isModuleKitError } from './errors.js';
import type { RulesetView } from './ruleset/compile-ruleset.js';
import type { RuntimeKind } from './contract.js';

/** What one runtime did with one input: a value or an error, and how long it took. */
export type Outcome =
  | { readonly ok: true; readonly value: unknown; readonly ms: number }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly error: unknown; readonly ms: number };

/** Captures what `run` produced (or threw) as an outcome, with its duration. */
export async function captureOutcome(run: () => Promise<unknown>): Promise<Outcome> {
  const started = performance.now();
  try {
    const value = await run();
    return { ok: true, value, ms: performance.now() - started };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, code: errorCodeOf(error), message, error, ms: performance.now() - started };
  }
}

/** Runs one call operation on one runtime and captures the outcome instead of throwing. */
export function runOutcome<C extends Contracts>(mod: LlmsModule<C>, kind: RuntimeKind, operation: string, input: unknown): Promise<Outcome> {
  return captureOutcome(() => mod.call(kind, operation, input));
}

/**
 * Why two outcomes are not equal: the canonical values differ, only one side failed, both failed with
 * different codes, both failed with a code that says the contract or a runtime is broken (`kit_failure`:
 * never a match), or an output could not be canonicalized at all.
 */
export type MismatchReason = 'value' | 'error_vs_value' | 'error_code' | 'kit_failure' | 'data_quality';

/**
 * The result of comparing two outcomes of the same operation.
 * - `equal: true` with `bothFailed`: both runtimes refused the input with the same one of the module's
 *   own error codes. That agrees, but it compared only a code: callers count it apart from matches.
 * - `dataQuality` is set when the outputs could not be canonicalized (e.g. a lone surrogate both runtimes
 *   produced): they were then compared as they are, and the finding is still a data-quality problem.
 */
export type Comparison =
  | { readonly equal: true; readonly bothFailed?: string; readonly dataQuality?: string }
  | { readonly equal: false; readonly reason: MismatchReason; readonly diff: readonly DiffEntry[]; readonly detail: string; readonly dataQuality?: string };

function canonicalOf<C extends Contracts>(mod: LlmsModule<C>, operation: string, value: unknown): { ok: true; value: CanonicalValue } | { ok: false; message: string; path: string } {
  try {
    return { ok: true, value: mod.canonicalize(operation, value) };
  } catch (error) {
    if (isModuleKitError(error) && error.code === 'DATA_QUALITY') return { ok: false, message: error.message, path: error.detail.path ?? '/' };
    throw error;
  }
}

function bothFailed<C extends Contracts>(mod: LlmsModule<C>, left: Extract<Outcome, { ok: false }>, right: Extract<Outcome, { ok: false }>): Comparison {
  const detail = `${left.code}: ${left.message} | ${right.code}: ${right.message}`;
  if (left.code !== right.code) return { equal: false, reason: 'error_code', diff: [{ path: '/error/code', kind: 'changed', left: left.code, right: right.code }], detail };
  if (!mod.errors.has(left.code)) return { equal: false, reason: 'kit_failure', diff: [{ path: '/error/code', kind: 'type', left: left.code, right: right.code }], detail };
  return { equal: true, bothFailed: left.code };
}

/**
 * Compares two outcomes of one operation: values by their canonical form (the module's canonicalizer,
 * then its comparator or the structural diff, under `context`), errors by their stable code (messages
 * may differ between runtimes). Only the module's own error codes can agree: a kit code on both sides
 * (INPUT_INVALID, WASM_TRAP, …) is a `kit_failure`.
 * @example compareOutcomes(mod, 'countTokens', ts, wasm, comparisonContext(mod, view, 'normalized'))
 */
export function compareOutcomes<C extends Contracts>(mod: LlmsModule<C>, operation: string, left: Outcome, right: Outcome, context?: CompareContext): Comparison {
  if (!left.ok && !right.ok) return bothFailed(mod, left, right);
  if (!left.ok || !right.ok) {
    const failed = (left.ok ? right : left) as Extract<Outcome, { ok: false }>;
    return {
      equal: false,
      reason: 'error_vs_value',
      diff: [{ path: '/', kind: 'type', left: left.ok ? 'value' : `error ${left.code}`, right: right.ok ? 'value' : `error ${right.code}` }],
      detail: `${failed.code}: ${failed.message}`,
    };
  }
  const ctx = context ?? comparisonContext(mod, null, 'normalized');
  const a = canonicalOf(mod, operation, left.value);
  const b = canonicalOf(mod, operation, right.value);
  if (a.ok && b.ok) {
    const diff = mod.compare ? mod.compare(operation, a.value, b.value, ctx) : diffValues(a.value, b.value, ctx.options);
    return diff.length === 0 ? { equal: true } : { equal: false, reason: 'value', diff, detail: `${diff.length} difference(s)` };
  }
  const dataQuality = [a, b].filter((x) => !x.ok).map((x) => (x as { message: string }).message).join(' | ');
  if (a.ok !== b.ok) {
    const bad = (a.ok ? b : a) as { path: string };
    const side = a.ok ? 'right' : 'left';
    return { equal: false, reason: 'data_quality', diff: [{ path: bad.path, kind: 'type', [side]: 'not canonicalizable' }], detail: dataQuality, dataQuality };
  }
  // Neither side canonicalizes: compare them as produced.
  const diff = diffValues(left.value, right.value, ctx.options);
  return diff.length === 0 ? { equal: true, dataQuality } : { equal: false, reason: 'value', diff, detail: `${diff.length} difference(s)`, dataQuality };
}

/**
 * The context a comparison runs in: one pass of a ruleset view (or exact comparison when `view` is
 * null), with the module's validated section.
 * @throws ModuleKitError `RULESET_INVALID` when the module's section of the ruleset is malformed
 */
export function comparisonContext<C extends Contracts>(mod: LlmsModule<C>, view: RulesetView | null, pass: 'strict' | 'normalized', maxEntries?: number): CompareContext {
  const options = view ? view[pass] : {};
  return { options: maxEntries === undefined ? options : { ...options, maxEntries }, pass, ruleset: view, section: mod.sectionOf(view) };
}
