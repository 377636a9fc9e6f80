import { performance } from 'node:perf_hooks';
import type { CanonicalValue } from './canonical-json.js';
import type { Contracts, LlmsModule, RuntimeKind } from './define-module.js';
import { diffValues, type DiffEntry, type DiffOptions } from './diff.js';
import { errorCodeOf, isModuleKitError } from './errors.js';

/** What one runtime did with one input: a value or an error, and how long it took. */
export type Outcome =
  | { readonly ok: true; readonly value: unknown; readonly ms: number }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly error: unknown; readonly ms: number };

/** Runs one operation on one runtime and captures the outcome instead of throwing. */
export async function runOutcome<C extends Contracts>(mod: LlmsModule<C>, kind: RuntimeKind, operation: string, input: unknown): Promise<Outcome> {
  const started = performance.now();
  try {
    const value = await mod.call(kind, operation, input);
    return { ok: true, value, ms: performance.now() - started };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, code: errorCodeOf(error), message, error, ms: performance.now() - started };
  }
}

/**
 * Why two outcomes are not equal: the canonical values differ, only one side failed, both failed with
 * different codes, or an output could not be canonicalized at all.
 */
export type MismatchReason = 'value' | 'error_vs_value' | 'error_code' | 'data_quality';

/**
 * The result of comparing two outcomes of the same operation. `dataQuality` is set when the outputs
 * could not be canonicalized (e.g. a lone surrogate both runtimes produced): they were then compared
 * as they are, and the finding is still a data-quality problem to record.
 */
export type Comparison =
  | { readonly equal: true; readonly dataQuality?: string }
  | { readonly equal: false; readonly reason: MismatchReason; readonly diff: readonly DiffEntry[]; readonly detail: string; readonly dataQuality?: string };

function canonicalOf<C extends Contracts>(mod: LlmsModule<C>, operation: string, value: unknown): { ok: true; value: CanonicalValue } | { ok: false; message: string; path: string } {
  try {
    return { ok: true, value: mod.canonicalize(operation, value) };
  } catch (error) {
    if (isModuleKitError(error) && error.code === 'DATA_QUALITY') return { ok: false, message: error.message, path: error.detail.path ?? '/' };
    throw error;
  }
}

/**
 * Compares two outcomes of one operation: values by their canonical form (the module's canonicalizer,
 * then its comparator or the structural diff, under `options`), errors by their stable code (messages
 * may differ between runtimes).
 */
export function compareOutcomes<C extends Contracts>(mod: LlmsModule<C>, operation: string, left: Outcome, right: Outcome, options?: DiffOptions): Comparison {
  if (!left.ok && !right.ok) {
    return left.code === right.code
      ? { equal: true }
      : { equal: false, reason: 'error_code', diff: [{ path: '/error/code', kind: 'changed', left: left.code, right: right.code }], detail: `${left.code}: ${left.message} | ${right.code}: ${right.message}` };
  }
  if (!left.ok || !right.ok) {
    const failed = (left.ok ? right : left) as Extract<Outcome, { ok: false }>;
    return {
      equal: false,
      reason: 'error_vs_value',
      diff: [{ path: '/', kind: 'type', left: left.ok ? 'value' : `error ${left.code}`, right: right.ok ? 'value' : `error ${right.code}` }],
      detail: `${failed.code}: ${failed.message}`,
    };
  }
  const a = canonicalOf(mod, operation, left.value);
  const b = canonicalOf(mod, operation, right.value);
  if (a.ok && b.ok) {
    const diff = mod.compare ? mod.compare(operation, a.value, b.value, options ?? {}) : diffValues(a.value, b.value, options);
    return diff.length === 0 ? { equal: true } : { equal: false, reason: 'value', diff, detail: `${diff.length} difference(s)` };
  }
  const dataQuality = [a, b].filter((x) => !x.ok).map((x) => (x as { message: string }).message).join(' | ');
  if (a.ok !== b.ok) {
    const bad = (a.ok ? b : a) as { path: string };
    const side = a.ok ? 'right' : 'left';
    return { equal: false, reason: 'data_quality', diff: [{ path: bad.path, kind: 'type', [side]: 'not canonicalizable' }], detail: dataQuality, dataQuality };
  }
  // Neither side canonicalizes: compare them as produced.
  const diff = diffValues(left.value, right.value, options);
  return diff.length === 0 ? { equal: true, dataQuality } : { equal: false, reason: 'value', diff, detail: `${diff.length} difference(s)`, dataQuality };
}
