// A reference model of the lifecycle, written from the rules (not from the code), and the system under
// test it is compared with: the real evaluate + reduce on synthetic windows.
import { evaluate } from '../../../src/gates/evaluate.js';
import type { Evaluation } from '../../../src/gates/evaluation.js';
import type { LifecycleSettings } from '../../../src/gates/gate-settings.js';
import type { LifecycleState, ModuleState } from '../../../src/gates/lifecycle-state.js';
import { comparesRuntimes, nextStage, servesWasm, type Stage } from '../../../src/gates/stages.js';
import { HOUR, inputFor, type Traffic } from './windows.js';

export const MODULES = ['tokenizer', 'tools'] as const;
export const TENANTS = ['acme', 'globex'] as const;
export type Tenant = (typeof TENANTS)[number];
export const COOLDOWN = 24 * HOUR;
export const SPACING = HOUR;
export const REQUIRED = 3;
export const OBSERVATION: Record<Exclude<Stage, 'removed'>, number> = { shadow: 7 * 24 * HOUR, canary: 24 * HOUR, default: 7 * 24 * HOUR, deprecated: 14 * 24 * HOUR };

/** What a tick's traffic looks like. */
export type TickKind = 'clean' | 'spike' | 'tenantSpike' | 'quiet' | 'dead';

export interface ModelScoped {
  until: number;
  passes: number;
  lastCounted: number | null;
}

export interface ModelModule {
  stage: Stage;
  stageSince: number;
  observeFrom: number;
  coolUntil: number | null;
  pendingTo: Stage | null;
  streak: number;
  lastCounted: number | null;
  scoped: Map<Tenant, ModelScoped>;
  releases: { entry: string; seen: Set<string> } | null;
}

export interface Model {
  now: number;
  promotion: 'auto' | 'approval';
  versions: Record<string, string>;
  modules: Record<string, ModelModule>;
}

export interface Real {
  state: LifecycleState;
  now: number;
  versions: Record<string, string>;
  settings: LifecycleSettings;
}

/** Synthetic windows for `kind`, shaped by what the real state runs (overrides decide who is compared). */
export function traffic(ms: ModuleState, now: number, kind: TickKind): { gate: Record<string, Traffic>; recent: Record<string, Traffic> } {
  if (kind === 'quiet') return { gate: {}, recent: {} };
  const compares = comparesRuntimes(ms.stage);
  const cooling = ms.rollback !== null && now < ms.rollback.until;
  const gate: Record<string, Traffic> = {};
  const recent: Record<string, Traffic> = {};
  for (const t of TENANTS) {
    gate[t] = compares ? { calls: 60_000, delta: 1, spread: 2 } : { calls: 60_000, compared: 0 };
    const scoped = ms.scoped.find((s) => s.kind === 'tenant' && s.id === t);
    let compared = scoped !== undefined ? (now < scoped.until ? 0 : 2_000) : !cooling && compares ? 2_000 : 0;
    if (kind === 'dead') compared = 0;
    const spike = kind === 'spike' || (kind === 'tenantSpike' && t === 'acme');
    recent[t] = { calls: 2_000, compared, delta: 1, spread: 2, ...(spike ? { diffs: compared > 0 ? 100 : 0, primaryErrors: 400 } : {}) };
  }
  return { gate, recent };
}

/** The real evaluation of a tick. */
export function realEvaluation(real: Real, module: string, kind: TickKind): Evaluation {
  const ms = real.state.modules[module] as ModuleState;
  const t = traffic(ms, real.now, kind);
  return evaluate(inputFor(real.settings, ms, real.now, t, { moduleVersion: real.versions[module] ?? '1.0.0' }));
}

const scopedCooling = (m: ModelModule, now: number, t: Tenant): boolean => (m.scoped.get(t)?.until ?? -1) > now;

/** Whether the module's own gate passes on a tick, by the rules. */
export function modelGatePasses(model: Model, m: ModelModule, module: string, kind: TickKind): boolean {
  const now = model.now;
  if (m.stage === 'removed') return false;
  if (m.coolUntil !== null && now < m.coolUntil) return false;
  const unscoped = TENANTS.filter((t) => !m.scoped.has(t));
  if (kind === 'spike' && unscoped.length > 0) return false;
  if (kind === 'tenantSpike' && !m.scoped.has('acme')) return false;
  if (kind === 'quiet') return false;
  const compares = comparesRuntimes(m.stage);
  if (compares && kind === 'dead') return false;
  if (compares && TENANTS.every((t) => scopedCooling(m, now, t))) return false; // nothing compared: liveness cannot pass
  if (now - m.observeFrom < OBSERVATION[m.stage]) return false;
  if (m.stage === 'deprecated' && releaseCount(m, model.versions[module] ?? '1.0.0') < 2) return false;
  return true;
}

export function releaseCount(m: ModelModule, current: string): number {
  if (m.releases === null) return 0;
  const seen = new Set(m.releases.seen);
  if (current !== m.releases.entry) seen.add(current);
  return seen.size;
}

/** The rollback a tick calls for, by the rules: none, the module, or tenant acme. */
export function modelRollback(model: Model, m: ModelModule, kind: TickKind): 'none' | 'module' | 'acme' {
  if (m.coolUntil !== null && model.now < m.coolUntil) return 'none';
  if (!servesWasm(m.stage) || m.stage === 'removed') return 'none';
  const unscoped = TENANTS.filter((t) => !m.scoped.has(t));
  if (kind === 'spike') return unscoped.length > 0 ? 'module' : 'none';
  if (kind === 'tenantSpike' && !m.scoped.has('acme')) return m.scoped.has('globex') ? 'module' : 'acme';
  return 'none';
}

/** Whether a scoped tenant's fresh recent window is clean on a tick. */
export function modelScopedClean(m: ModelModule, now: number, t: Tenant, kind: TickKind): boolean {
  const s = m.scoped.get(t) as ModelScoped;
  const recentFrom = Math.min(now, Math.max(m.stageSince, now - HOUR));
  if (now < s.until || recentFrom < s.until) return false;
  if (kind === 'quiet' || kind === 'dead' || kind === 'spike') return false;
  return !(kind === 'tenantSpike' && t === 'acme');
}

export function promoteModel(model: Model, m: ModelModule, module: string, to: Stage): void {
  m.stage = to;
  m.stageSince = model.now;
  m.observeFrom = model.now;
  m.streak = 0;
  m.lastCounted = null;
  m.pendingTo = null;
  m.coolUntil = null;
  m.releases = to === 'deprecated' ? { entry: model.versions[module] ?? '1.0.0', seen: new Set() } : null;
}

export function rollbackModel(model: Model, m: ModelModule, scope: 'module' | Tenant): void {
  m.streak = 0;
  m.lastCounted = null;
  m.pendingTo = null;
  if (scope !== 'module') {
    m.observeFrom = model.now;
    m.scoped.delete(scope);
    m.scoped.set(scope, { until: model.now + COOLDOWN, passes: 0, lastCounted: null });
    return;
  }
  m.stage = 'shadow';
  m.stageSince = model.now;
  m.coolUntil = model.now + COOLDOWN;
  m.observeFrom = m.coolUntil;
  m.scoped.clear();
  m.releases = null;
}

export { nextStage };
