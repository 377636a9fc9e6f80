// The lifecycle part of the status shape (docs/status.md): each module's stage, since when, what waits
// for approval, and the rollbacks in force with their cool-downs.
import type { LifecycleState } from '../gates/lifecycle-state.js';
import type { Stage } from '../gates/stages.js';
import type { StoredLifecycle } from './lifecycle-store.js';

/** One module's lifecycle, as status reports it. Times are ISO 8601. */
export interface LifecycleModuleStatus {
  readonly stage: Stage;
  readonly stageSince: string;
  /** A promotion the gate allowed that waits for `llms-wasm promote` (an approval). */
  readonly pending: { readonly to: Stage; readonly since: string } | null;
  /** The module-wide rollback, while its cool-down runs. */
  readonly rollback: { readonly at: string; readonly until: string; readonly reason: string } | null;
  /** Tenants and routes rolled back (in cool-down, then shadowing until released). */
  readonly scoped: readonly { readonly kind: 'tenant' | 'route'; readonly id: string; readonly until: string; readonly phase: 'cooldown' | 'shadow'; readonly reason: string }[];
  readonly passStreak: number;
  readonly lastEvaluationAt: string | null;
  /** Decision records written for the module. */
  readonly decisions: number;
}

/** Every module's lifecycle, or null in `StatusReport.lifecycle` when no lifecycle state is stored. */
export interface LifecycleStatus {
  /** The stored state's revision (every commit adds one). */
  readonly revision: number;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
  readonly modules: Readonly<Record<string, LifecycleModuleStatus>>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The status of a lifecycle state at `now` (null when there is none). */
export function lifecycleStatus(stored: StoredLifecycle | { readonly revision: number; readonly state: LifecycleState | null; readonly updatedAt: number | null; readonly updatedBy: string | null }, now: number): LifecycleStatus | null {
  if (stored.state === null) return null;
  const modules: Record<string, LifecycleModuleStatus> = {};
  for (const [id, m] of Object.entries(stored.state.modules).sort(([a], [b]) => a.localeCompare(b))) {
    modules[id] = {
      stage: m.stage,
      stageSince: iso(m.stageSince),
      pending: m.pending === null ? null : { to: m.pending.to, since: iso(m.pending.since) },
      rollback: m.rollback === null || now >= m.rollback.until ? null : { at: iso(m.rollback.at), until: iso(m.rollback.until), reason: m.rollback.reason },
      scoped: m.scoped.map((s) => ({ kind: s.kind, id: s.id, until: iso(s.until), phase: now < s.until ? 'cooldown' : 'shadow', reason: s.reason })),
      passStreak: m.passStreak,
      lastEvaluationAt: m.lastEvaluationAt === null ? null : iso(m.lastEvaluationAt),
      decisions: m.sequence,
    };
  }
  return { revision: stored.revision, updatedAt: stored.updatedAt === null ? null : iso(stored.updatedAt), updatedBy: stored.updatedBy, modules };
}
