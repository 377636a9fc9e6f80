import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/gates/evaluate.js';
import type { Evaluation } from '../../src/gates/evaluation.js';
import { loadLifecycleConfig } from '../../src/gates/load-gate-config.js';
import { initialModuleState, type ModuleState } from '../../src/gates/lifecycle-state.js';
import type { Stage } from '../../src/gates/stages.js';
import { DAY, HOUR, inputFor, T0, type Traffic } from './helpers/windows.js';

const settings = loadLifecycleConfig({}, ['tokenizer', 'tools']);
const approval = loadLifecycleConfig({ defaults: { promotion: 'approval' } }, ['tokenizer', 'tools']);
const NOW = T0 + 30 * DAY;

/** A module at `stage` since `since` days before NOW, nothing else happened. */
function at(stage: Stage, sinceDays: number, extra: Partial<ModuleState> = {}, module = 'tokenizer'): ModuleState {
  return { ...initialModuleState(module, stage, NOW - sinceDays * DAY), ...extra };
}

const clean = (calls: number): Traffic => ({ calls, delta: 1, spread: 2 });
/** A week of clean traffic over two tenants: enough to pass tokenizer's 0.01% diff rate. */
const week = { acme: clean(60_000), globex: clean(60_000) };
const hour = { acme: clean(2_000), globex: clean(2_000) };
const criterion = (e: Evaluation, name: string) => e.criteria.find((c) => c.name === name);

describe('promotion', () => {
  it('passes a clean week in shadow, but waits for three passes in a row', () => {
    const e = evaluate(inputFor(settings, at('shadow', 8), NOW, { gate: week, recent: hour }));
    expect(e.criteria.map((c) => [c.name, c.verdict])).toEqual([
      ['samples', 'pass'],
      ['diff_rate', 'pass'],
      ['shadow_error_rate', 'pass'],
      ['primary_error_rate', 'pass'],
      ['dropped_share', 'pass'],
      ['latency_delta', 'pass'],
      ['observation', 'pass'],
      ['liveness', 'pass'],
    ]);
    const diff = criterion(e, 'diff_rate');
    expect(diff).toMatchObject({ value: 0, threshold: 0.0001, samples: 120_000 });
    expect(diff?.bound).toBeLessThan(0.0001);
    expect(e.gatePassed).toBe(true);
    expect(e.streak).toEqual({ passes: 1, required: 3, counted: true });
    expect(e.decision).toMatchObject({ action: 'hold', reasons: ['1 of the 3 passing evaluations in a row needed'] });
  });

  it('promotes on the third spaced pass; approval mode says ready, waiting for approval', () => {
    const state = at('shadow', 8, { passStreak: 2, lastCountedPassAt: NOW - HOUR });
    expect(evaluate(inputFor(settings, state, NOW, { gate: week, recent: hour })).decision).toMatchObject({ action: 'promote', to: 'canary', approval: 'automatic' });
    const waiting = evaluate(inputFor(approval, state, NOW, { gate: week, recent: hour })).decision;
    expect(waiting).toMatchObject({ action: 'promote', to: 'canary', approval: 'required' });
    expect(waiting.reasons).toContain('ready, waiting for approval to enter canary');
  });

  it('counts two passes closer than the spacing once', () => {
    const state = at('shadow', 8, { passStreak: 2, lastCountedPassAt: NOW - 10 * 60_000 });
    const e = evaluate(inputFor(settings, state, NOW, { gate: week, recent: hour }));
    expect(e.streak).toEqual({ passes: 2, required: 3, counted: false });
    expect(e.decision.action).toBe('hold');
  });

  it('is inconclusive without data or with too few samples, never a pass', () => {
    const none = evaluate(inputFor(settings, at('shadow', 8), NOW, { gate: {}, recent: {} }));
    expect(none.criteria.every((c) => c.verdict === 'inconclusive')).toBe(true);
    expect(none.decision.action).toBe('hold');
    expect(none.gatePassed).toBe(false);
    const few = evaluate(inputFor(settings, at('shadow', 8), NOW, { gate: { acme: clean(500) }, recent: { acme: clean(50) } }));
    expect(criterion(few, 'samples')).toMatchObject({ value: 500, threshold: 1000, verdict: 'inconclusive' });
    expect(criterion(few, 'diff_rate')).toMatchObject({ verdict: 'inconclusive', note: '500 of the 1000 samples needed' });
    expect(few.streak.passes).toBe(0);
  });

  it('holds until the observation period has passed', () => {
    const e = evaluate(inputFor(settings, at('shadow', 3), NOW, { gate: week, recent: hour }));
    expect(criterion(e, 'observation')).toMatchObject({ value: 3 * DAY, threshold: 7 * DAY, verdict: 'inconclusive' });
    expect(e.decision.action).toBe('hold');
  });

  it('holds when the bound is still above the threshold even though no diff was seen', () => {
    const e = evaluate(inputFor(settings, at('shadow', 8), NOW, { gate: { acme: clean(20_000) }, recent: hour }));
    expect(criterion(e, 'diff_rate')).toMatchObject({ value: 0, verdict: 'inconclusive' });
    expect(e.decision.action).toBe('hold');
  });

  it('does not promote while a tenant with enough traffic fails, and lists tenants not yet covered', () => {
    const gate = { ...week, small: { calls: 300, diffs: 1 }, tiny: clean(20) };
    const e = evaluate(inputFor(settings, at('shadow', 8, { passStreak: 5, lastCountedPassAt: NOW - HOUR }), NOW, { gate, recent: hour }));
    expect(criterion(e, 'diff_rate')?.verdict).toBe('pass');
    expect(e.strata.evaluated.find((s) => s.id === 'small')?.verdict).toBe('fail');
    expect(e.strata.notCovered).toEqual([{ kind: 'tenant', id: 'tiny', samples: 20, needed: 200 }]);
    expect(e.decision.action).toBe('hold');
    expect(e.decision.reasons.some((r) => r.startsWith('tenant small fails its gate: diff_rate fail'))).toBe(true);
  });

  it('gives deprecated → removed only with an approval, after enough releases', () => {
    const state = at('deprecated', 20, { passStreak: 3, lastCountedPassAt: NOW - HOUR, releases: { entry: '1.0.0', seen: ['1.1.0'] } });
    const traffic = { gate: { acme: { calls: 50_000, compared: 0 } }, recent: { acme: { calls: 500, compared: 0 } } };
    const one = evaluate(inputFor(settings, state, NOW, traffic, { moduleVersion: '1.1.0' }));
    expect(criterion(one, 'releases')).toMatchObject({ value: 1, threshold: 2, verdict: 'inconclusive' });
    expect(one.decision.action).toBe('hold');
    const two = evaluate(inputFor(settings, state, NOW, traffic, { moduleVersion: '1.2.0' }));
    expect(two.criteria.map((c) => c.name)).toEqual(['samples', 'primary_error_rate', 'observation', 'releases']);
    expect(two.decision).toMatchObject({ action: 'promote', to: 'removed', approval: 'required' });
  });

  it('holds in removed: nothing to promote, nothing to roll back', () => {
    const e = evaluate(inputFor(settings, at('removed', 5), NOW, { gate: { acme: { calls: 1000, compared: 0 } }, recent: { acme: { calls: 100, compared: 0 } } }, { wasmCrashes: 3 }));
    expect(e.alerts.map((a) => [a.rule, a.rollback])).toEqual([['wasm_failure', false]]);
    expect(e.decision.action).toBe('hold');
  });
});

describe('liveness', () => {
  it('a shadow that stopped while traffic flows raises an alert and blocks promotion', () => {
    const dead = { acme: { calls: 3_000, compared: 0 } };
    const e = evaluate(inputFor(settings, at('canary', 3, { passStreak: 5, lastCountedPassAt: NOW - HOUR }), NOW, { gate: week, recent: dead }));
    expect(criterion(e, 'liveness')).toMatchObject({ value: 0, verdict: 'fail' });
    expect(e.alerts).toMatchObject([{ rule: 'liveness', severity: 'warning', rollback: false }]);
    expect(e.decision.action).toBe('hold');
  });

  it('too little traffic to tell is inconclusive, not an alert', () => {
    const e = evaluate(inputFor(settings, at('canary', 3), NOW, { gate: week, recent: { acme: { calls: 10, compared: 0 } } }));
    expect(criterion(e, 'liveness')?.verdict).toBe('inconclusive');
    expect(e.alerts).toEqual([]);
  });
});

describe('rollback', () => {
  it('rolls back only the tenant a diff spike is concentrated in, and says so', () => {
    const e = evaluate(inputFor(settings, at('canary', 3), NOW, { gate: week, recent: { ...hour, acme: { calls: 2_000, diffs: 40 } } }));
    expect(e.decision.action).toBe('rollback');
    expect(e.decision.scopes).toEqual([{ kind: 'tenant', id: 'acme' }]);
    expect(e.decision.reasons[0]).toMatch(/^regression concentrated in tenant acme; the rest of the traffic is within its thresholds/);
    const spike = e.alerts.find((a) => a.rule === 'diff_spike' && a.scope.kind === 'tenant');
    expect(spike).toMatchObject({ severity: 'critical', rollback: true, threshold: 0.0002 });
    expect(spike?.bound).toBeGreaterThan(0.0002);
  });

  it('rolls back the module when the regression is everywhere', () => {
    const everywhere = { acme: { calls: 2_000, diffs: 40 }, globex: { calls: 2_000, diffs: 40 }, initech: { calls: 2_000, diffs: 40 }, hooli: { calls: 2_000, diffs: 40 } };
    const e = evaluate(inputFor(settings, at('default', 3), NOW, { gate: week, recent: everywhere }));
    expect(e.decision).toMatchObject({ action: 'rollback', scopes: [{ kind: 'module' }] });
  });

  it('rolls back a route when the error burst is in one route', () => {
    const routes = { chat: { calls: 2_000, shadowErrors: 30 }, embed: clean(2_000) };
    const e = evaluate(inputFor(settings, at('canary', 3), NOW, { gate: week, recent: { acme: { calls: 4_000, shadowErrors: 30 } }, recentRoutes: routes }));
    expect(e.decision.scopes).toEqual([{ kind: 'route', id: 'chat' }]);
    expect(e.alerts.some((a) => a.rule === 'shadow_error_rate' && a.scope.kind === 'route')).toBe(true);
  });

  it('rolls back a tenant whose main-path latency degraded', () => {
    const e = evaluate(inputFor(settings, at('default', 3), NOW, { gate: week, recent: { ...hour, globex: { calls: 2_000, delta: 40, spread: 5 } } }));
    expect(e.decision.scopes).toEqual([{ kind: 'tenant', id: 'globex' }]);
    expect(e.alerts.find((a) => a.rule === 'main_latency')?.bound).toBeGreaterThan(10);
  });

  it('rolls back on a primary error burst in deprecated, and on a WASM init failure (every module when the rule says so)', () => {
    const deprecated = evaluate(inputFor(settings, at('deprecated', 3), NOW, { gate: { acme: { calls: 50_000, compared: 0 } }, recent: { acme: { calls: 2_000, compared: 0, primaryErrors: 200 } } }));
    expect(deprecated.decision).toMatchObject({ action: 'rollback', scopes: [{ kind: 'module' }] });
    const init = evaluate(inputFor(settings, at('default', 3), NOW, { gate: week, recent: hour }, { wasmInitFailed: true, wasmInitError: 'WASM_INIT_FAILED' }));
    expect(init.decision).toMatchObject({ action: 'rollback', scopes: [{ kind: 'module' }] });
    const all = loadLifecycleConfig({ defaults: { alerts: { wasmFailure: { scope: 'all' } } } }, ['tokenizer']);
    expect(evaluate(inputFor(all, at('canary', 3), NOW, { gate: week, recent: hour }, { wasmCrashes: 1 })).decision.scopes).toEqual([{ kind: 'all' }]);
  });

  it('only alerts in shadow (TS serves: nothing to roll back)', () => {
    const e = evaluate(inputFor(settings, at('shadow', 8), NOW, { gate: week, recent: { ...hour, acme: { calls: 2_000, diffs: 40 } } }));
    expect(e.alerts.some((a) => a.rule === 'diff_spike' && !a.rollback)).toBe(true);
    expect(e.decision.action).toBe('hold');
  });

  it('needs evidence: one diff in a few calls is no spike for tools', () => {
    const e = evaluate(inputFor(settings, at('canary', 3, {}, 'tools'), NOW, { gate: week, recent: { acme: { calls: 300, diffs: 1 } } }));
    expect(e.alerts.filter((a) => a.rule === 'diff_spike')).toEqual([]);
  });

  it('does not roll back again for a tenant already rolled back', () => {
    const scoped = { kind: 'tenant' as const, id: 'acme', at: NOW - 10 * 60_000, until: NOW + DAY, fromStage: 'canary' as const, reason: 'spike', passes: 0, lastCountedAt: null };
    const e = evaluate(inputFor(settings, at('canary', 3, { scoped: [scoped] }), NOW, { gate: week, recent: { ...hour, acme: { calls: 2_000, diffs: 40 } } }));
    expect(e.decision.action).toBe('hold');
    expect(e.scopedRollbacks).toEqual([{ kind: 'tenant', id: 'acme', phase: 'cooldown', passes: 0, counted: false, required: 3, release: false }]);
    expect(e.decision.reasons).toContain('tenant acme is rolled back (cool-down)');
  });

  it('holds during the cool-down after a module rollback, and on a window that is not fresh', () => {
    const cooling = at('shadow', 0.1, { observeFrom: NOW + 0.9 * DAY, rollback: { at: NOW - 0.1 * DAY, until: NOW + 0.9 * DAY, fromStage: 'canary', reason: 'diff spike' } });
    const e = evaluate(inputFor(settings, cooling, NOW, { gate: {}, recent: {} }));
    expect(e.decision.reasons[0]).toMatch(/^cool-down after the rollback at .* \(diff spike\) until /);
    const stale = evaluate({ ...inputFor(settings, at('shadow', 8, { observeFrom: NOW - 6 * DAY }), NOW, { gate: week, recent: hour }) });
    expect(stale.window.from).toBe(NOW - 6 * DAY);
    const input = inputFor(settings, at('shadow', 8), NOW, { gate: week, recent: hour });
    const old = evaluate({ ...input, state: { ...input.state, observeFrom: NOW - DAY } });
    expect(old.gatePassed).toBe(false);
    expect(old.decision.reasons.some((r) => r.includes('not a fresh window'))).toBe(true);
  });
});

describe('alerts and error budget', () => {
  it('raises the dropped-shadow alert and reports the budget burn', () => {
    const e = evaluate(inputFor(settings, at('canary', 3, {}, 'tools'), NOW, { gate: { acme: { calls: 100_000, diffs: 150 } }, recent: { acme: { calls: 4_000, compared: 3_000, dropped: 1_000 } } }));
    expect(e.alerts.find((a) => a.rule === 'dropped_share')).toMatchObject({ severity: 'warning', rollback: false });
    expect(e.errorBudget).toMatchObject({ failures: 150, exhausted: false });
    expect(e.errorBudget.allowed).toBeCloseTo(200, 6);
    expect(e.errorBudget.burn).toBeCloseTo(0.75, 6);
    const spent = evaluate(inputFor(settings, at('canary', 3, {}, 'tools'), NOW, { gate: { acme: { calls: 100_000, diffs: 250 } }, recent: hour }));
    expect(spent.errorBudget.exhausted).toBe(true);
    expect(spent.alerts.find((a) => a.rule === 'error_budget')).toMatchObject({ severity: 'warning', rollback: false, value: 250 });
  });

  it('refuses windows of another module or with impossible counts', () => {
    const input = inputFor(settings, at('shadow', 8), NOW, { gate: week, recent: hour });
    expect(() => evaluate({ ...input, windows: { ...input.windows, gate: { ...input.windows.gate, module: 'tools' } } })).toThrow(/gate window: module is "tools"/);
    const broken = { ...input.windows.recent, overall: { ...input.windows.recent.overall, diffs: input.windows.recent.overall.compared + 1 } };
    expect(() => evaluate({ ...input, windows: { ...input.windows, recent: broken } })).toThrow(RangeError);
    expect(() => evaluate({ ...input, state: { ...input.state, module: 'nope' } })).toThrow(/no lifecycle settings/);
  });
});

describe('more clean samples', () => {
  const traffic = fc.record({ calls: fc.integer({ min: 0, max: 200_000 }), diffs: fc.integer({ min: 0, max: 30 }), shadowErrors: fc.integer({ min: 0, max: 30 }), delta: fc.double({ min: -5, max: 30, noNaN: true }) });
  test.prop([traffic, fc.integer({ min: 1, max: 500_000 }), fc.constantFrom('shadow' as const, 'canary' as const, 'default' as const)])('never turn a passing criterion into a failing one', (t, more, stage) => {
    const gate = { acme: { ...t, diffs: Math.min(t.diffs, t.calls), shadowErrors: Math.min(t.shadowErrors, t.calls - Math.min(t.diffs, t.calls)) } };
    const before = evaluate(inputFor(settings, at(stage, 10), NOW, { gate, recent: hour }));
    const after = evaluate(inputFor(settings, at(stage, 10), NOW, { gate: { ...gate, extra: { calls: more, delta: -1, spread: 0.5 } }, recent: hour }));
    for (const c of before.criteria) if (c.verdict === 'pass') expect(after.criteria.find((x) => x.name === c.name)?.verdict).toBe('pass');
  });
});
