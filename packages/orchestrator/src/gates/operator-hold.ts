// An operator's rollback wins over the gates: while a `ts_primary` override set by a person (or a
// degradation of this instance) covers a module at any scope, an evaluation that would promote it holds
// instead, and every decision says which override holds it.
import type { Evaluation } from './evaluation.js';

/** An override as the gates see it (module absent: every module). */
export interface OperatorOverride {
  readonly module?: string;
  readonly tenant?: string;
  readonly route?: string;
  readonly mode: string;
  readonly reason: string;
  readonly who: string;
}

/** Why `module` is held: one line per `ts_primary` override that covers it (empty: not held). */
export function operatorHolds(module: string, overrides: readonly OperatorOverride[]): string[] {
  return overrides
    .filter((o) => o.mode === 'ts_primary' && (o.module === undefined || o.module === module))
    .map((o) => {
      const scope = o.tenant !== undefined ? `tenant ${o.tenant}` : o.route !== undefined ? `route ${o.route}` : o.module === undefined ? 'every module' : 'module';
      return `held by rollback override (${scope}, by ${o.who}): ${o.reason}`;
    });
}

/** `e` with a promotion turned into a hold and the hold reasons first; unchanged when `holds` is empty. */
export function heldByOperator(e: Evaluation, holds: readonly string[]): Evaluation {
  if (holds.length === 0) return e;
  const d = e.decision;
  if (d.action !== 'promote') return { ...e, decision: { ...d, reasons: [...holds, ...d.reasons] } };
  return { ...e, decision: { action: 'hold', scopes: [], to: null, approval: null, reasons: [...holds, `would promote to ${d.to ?? '?'}`, ...d.reasons] } };
}
