// A tenant or route rolled back on its own is released once, after its cool-down, a fresh recent
// window (starting after the cool-down) shows it covered and clean — no criterion failing, no alert —
// for `consecutivePasses` evaluations in a row (spaced by `passSpacing`).
import { type BoundOptions, combinedVerdict } from './criteria.js';
import type { ScopedProgress } from './evaluation.js';
import { countCriteria } from './gate-criteria.js';
import type { StageGate } from './gate-settings.js';
import type { ScopedRollback } from './lifecycle-state.js';
import { countAlerts, type TriggerContext } from './triggers.js';
import type { GateWindow } from './window.js';

/** The progress of `scoped` toward its release at `now`. */
export function scopedProgress(scoped: ScopedRollback, recent: GateWindow, gate: StageGate, ctx: TriggerContext, options: BoundOptions, spacingMs: number, now: number): ScopedProgress {
  const base = { kind: scoped.kind, id: scoped.id, required: gate.consecutivePasses };
  if (now < scoped.until) return { ...base, phase: 'cooldown', passes: 0, counted: false, release: false };
  const counts = (scoped.kind === 'tenant' ? recent.byTenant : recent.byRoute)[scoped.id];
  // The scope now runs as `shadow` (TS serves, WASM shadows): it is judged like the shadow stage.
  const clean =
    counts !== undefined &&
    recent.from >= scoped.until &&
    counts.compared >= gate.stratumMinSamples &&
    combinedVerdict(countCriteria(counts, 'shadow', gate, gate.stratumMinSamples, options)) !== 'fail' &&
    countAlerts(counts, { kind: scoped.kind, id: scoped.id }, { ...ctx, stage: 'shadow' }).length === 0;
  const counted = clean && (scoped.lastCountedAt === null || now - scoped.lastCountedAt >= spacingMs);
  const passes = clean ? scoped.passes + (counted ? 1 : 0) : 0;
  return { ...base, phase: 'shadow', passes, counted, release: passes >= gate.consecutivePasses };
}
