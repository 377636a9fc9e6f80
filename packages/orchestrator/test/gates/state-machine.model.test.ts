// Model-based test of the lifecycle: random sequences of ticks (clean traffic, spikes, quiet, a dead
// shadow), approvals, manual promotions and rollbacks, runtime failures, releases and restarts, run on
// the real evaluate + reduce and on a reference model written from the rules; after every command the
// stage, streak, pending approval, cool-down, scoped rollbacks, what callers get and the records agree.
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import type { DecisionRecord } from '../../src/gates/decision-record.js';
import { loadLifecycleConfig } from '../../src/gates/load-gate-config.js';
import { parseState, serializeState, withModules, type ModuleState } from '../../src/gates/lifecycle-state.js';
import { modulePlan } from '../../src/gates/stage-plan.js';
import { reduce, type LifecycleEvent } from '../../src/gates/state-machine.js';
import { STAGES, type Stage } from '../../src/gates/stages.js';
import {
  MODULES,
  type Model,
  type ModelModule,
  modelGatePasses,
  modelRollback,
  modelScopedClean,
  nextStage,
  promoteModel,
  type Real,
  realEvaluation,
  releaseCount,
  REQUIRED,
  rollbackModel,
  SPACING,
  TENANTS,
  type Tenant,
  type TickKind,
} from './helpers/lifecycle-model.js';
import { HOUR, T0 } from './helpers/windows.js';

type Expected = [DecisionRecord['kind'], DecisionRecord['outcome'], string][];

function facts(real: Real) {
  return Object.fromEntries(MODULES.map((m) => [m, { moduleVersion: real.versions[m] ?? '1.0.0', wasmDigest: 'sha256:abc', rulesetVersion: 'v1' }]));
}

function apply(real: Real, event: LifecycleEvent): readonly DecisionRecord[] {
  const before = real.state;
  const { state, records } = reduce(before, event, { now: real.now, settings: real.settings, facts: facts(real) });
  expect(before).toEqual(JSON.parse(serializeState(before))); // the input state was not changed into something non-JSON
  for (const r of records) {
    expect(Object.isFrozen(r) && Object.isFrozen(r.criteria)).toBe(true);
    const prev = before.modules[r.module] as ModuleState;
    expect(r.id).toBe(`${r.module}#${r.sequence}`);
    expect(r.sequence).toBeGreaterThan(prev.sequence);
  }
  real.state = state;
  return records;
}

function served(m: ModelModule, now: number, tenant: Tenant): 'ts' | 'wasm' | 'split' {
  if ((m.coolUntil !== null && now < m.coolUntil) || m.scoped.has(tenant)) return 'ts';
  return ({ shadow: 'ts', canary: 'split', default: 'wasm', deprecated: 'wasm', removed: 'wasm' } as const)[m.stage];
}

function agree(model: Model, real: Real, records: readonly DecisionRecord[], expected: Expected): void {
  expect(records.map((r) => [r.kind, r.outcome, r.module])).toEqual(expected);
  for (const module of MODULES) {
    const m = model.modules[module] as ModelModule;
    const r = real.state.modules[module] as ModuleState;
    expect({ stage: r.stage, streak: r.passStreak, pending: r.pending?.to ?? null, observeFrom: r.observeFrom }).toEqual({ stage: m.stage, streak: m.streak, pending: m.pendingTo, observeFrom: m.observeFrom });
    expect(r.scoped.map((s) => [s.id, s.until, s.passes])).toEqual([...m.scoped].map(([id, s]) => [id, s.until, s.passes]));
    if (m.stage === 'deprecated') expect(r.releases?.seen).toEqual([...(m.releases?.seen ?? [])].sort());
    const plan = modulePlan(r, real.settings.modules[module]!, real.now);
    const cooling = m.coolUntil !== null && real.now < m.coolUntil;
    expect(plan.overrides.some((o) => o.scope.kind === 'module' && o.mode === 'ts_primary')).toBe(cooling);
    expect(plan.plan.tsLoaded).toBe(m.stage !== 'removed');
    for (const t of TENANTS) {
      const overridden = plan.overrides.some((o) => o.scope.kind === 'module' || (o.scope.kind === 'tenant' && o.scope.id === t));
      expect(overridden ? 'ts' : plan.plan.serve).toBe(served(m, real.now, t)); // a rollback override wins over the stage
    }
  }
}

/** The model's side of an evaluation tick; returns the records it expects. */
function tickModel(model: Model, module: string, kind: TickKind): Expected {
  const m = model.modules[module] as ModelModule;
  const now = model.now;
  const expected: Expected = [];
  const version = model.versions[module] ?? '1.0.0';
  const passes = modelGatePasses(model, m, module, kind);
  const rollback = modelRollback(model, m, kind);
  const hadScoped = m.scoped.size > 0;
  for (const [t, s] of [...m.scoped]) {
    if (now < s.until) continue;
    const clean = modelScopedClean(m, now, t, kind);
    const counted = clean && (s.lastCounted === null || now - s.lastCounted >= SPACING);
    s.passes = clean ? s.passes + (counted ? 1 : 0) : 0;
    if (counted) s.lastCounted = now;
    if (s.passes >= REQUIRED) {
      m.scoped.delete(t);
      expected.push(['release', 'applied', module]);
    }
  }
  const counted = passes && (m.lastCounted === null || now - m.lastCounted >= SPACING);
  m.streak = passes ? m.streak + (counted ? 1 : 0) : 0;
  if (counted) m.lastCounted = now;
  if (m.stage === 'deprecated' && m.releases !== null && version !== m.releases.entry) m.releases.seen.add(version);
  if (rollback !== 'none') {
    rollbackModel(model, m, rollback);
    return [...expected, ['rollback', 'applied', module]];
  }
  const to = nextStage(m.stage);
  if (passes && m.streak >= REQUIRED && !hadScoped && to !== null) {
    if (model.promotion === 'auto' && to !== 'removed') {
      promoteModel(model, m, module, to);
      return [...expected, ['promotion', 'applied', module]];
    }
    m.pendingTo = to;
    return [...expected, ['hold', 'applied', module]];
  }
  m.pendingTo = null;
  return [...expected, ['hold', 'applied', module]];
}

const moduleArb = fc.constantFrom(...MODULES);
const stageArb = fc.constantFrom(...STAGES);
const hoursArb = fc.constantFrom(0, 1, 2, 6, 24, 72, 8 * 24, 15 * 24);
const kindArb = fc.constantFrom<TickKind>('clean', 'clean', 'clean', 'clean', 'spike', 'tenantSpike', 'quiet', 'dead');
type Cmd = fc.Command<Model, Real>;

const cmd = (name: string, run: (model: Model, real: Real) => void): Cmd => ({ check: () => true, run, toString: () => name });

const tick = (module: string, kind: TickKind, hours: number): Cmd =>
  cmd(`tick(${module}, ${kind}, ${hours}h)`, (model, real) => {
    model.now += hours * HOUR;
    real.now = model.now;
    const evaluation = realEvaluation(real, module, kind);
    const expected = tickModel(model, module, kind);
    agree(model, real, apply(real, { type: 'evaluation', evaluation }), expected);
  });

const steady = (module: string, count: number, hours: number): Cmd =>
  cmd(`steady(${module}, ${count} × ${hours}h)`, (model, real) => {
    for (let i = 0; i < count; i += 1) tick(module, 'clean', hours).run(model, real);
  });

const approvePending = (module: string): Cmd =>
  cmd(`approvePending(${module})`, (model, real) => approve(module, model.modules[module]?.pendingTo ?? 'removed').run(model, real));

const stale = (module: string): Cmd =>
  cmd(`stale(${module})`, (model, real) => {
    const first = realEvaluation(real, module, 'clean');
    const second = realEvaluation(real, module, 'clean');
    agree(model, real, apply(real, { type: 'evaluation', evaluation: second }), tickModel(model, module, 'clean'));
    agree(model, real, apply(real, { type: 'evaluation', evaluation: first }), [['hold', 'refused', module]]);
  });

const approve = (module: string, to: Stage): Cmd =>
  cmd(`approve(${module}, ${to})`, (model, real) => {
    const m = model.modules[module] as ModelModule;
    const ok = m.pendingTo === to;
    if (ok) promoteModel(model, m, module, to);
    agree(model, real, apply(real, { type: 'approve', module, to, by: 'ops' }), [['approval', ok ? 'applied' : 'refused', module]]);
  });

const promote = (module: string, to: Stage): Cmd =>
  cmd(`promote(${module}, ${to})`, (model, real) => {
    const m = model.modules[module] as ModelModule;
    const ok = nextStage(m.stage) === to && to !== 'removed';
    if (ok) promoteModel(model, m, module, to);
    agree(model, real, apply(real, { type: 'promote', module, to, by: 'ops', reason: 'manual' }), [['promotion', ok ? 'applied' : 'refused', module]]);
  });

const rollback = (module: string | null, scope: 'module' | Tenant): Cmd =>
  cmd(`rollback(${module ?? 'all'}, ${scope})`, (model, real) => {
    const targets = module === null ? [...MODULES] : [module];
    const expected: Expected = [];
    for (const target of targets) {
      const m = model.modules[target] as ModelModule;
      const ok = m.stage !== 'removed';
      if (ok) rollbackModel(model, m, scope);
      expected.push(['rollback', ok ? 'applied' : 'refused', target]);
    }
    const event: LifecycleEvent = module === null ? { type: 'rollback', module: null, scope: { kind: 'all' }, by: 'ops', reason: 'drill' } : { type: 'rollback', module, scope: scope === 'module' ? { kind: 'module' } : { kind: 'tenant', id: scope }, by: 'ops', reason: 'drill' };
    agree(model, real, apply(real, event), expected);
  });

const failure = (module: string): Cmd =>
  cmd(`runtimeFailure(${module})`, (model, real) => {
    const m = model.modules[module] as ModelModule;
    if (m.stage !== 'removed' && m.stage !== 'shadow') {
      rollbackModel(model, m, 'module');
      agree(model, real, apply(real, { type: 'runtime_failure', module, failure: 'crash', message: 'trap' }), [['rollback', 'applied', module]]);
      return;
    }
    m.streak = 0;
    m.lastCounted = null;
    m.pendingTo = null;
    agree(model, real, apply(real, { type: 'runtime_failure', module, failure: 'init', message: 'no wasm' }), [['hold', 'applied', module]]);
  });

const release = (module: string): Cmd =>
  cmd(`release(${module})`, (model, real) => {
    const next = `1.${Number((model.versions[module] ?? '1.0.0').split('.')[1]) + 1}.0`;
    model.versions[module] = next;
    real.versions[module] = next;
    const m = model.modules[module] as ModelModule;
    if (m.stage === 'deprecated') expect(releaseCount(m, next)).toBeGreaterThanOrEqual(1);
  });

const restart = (): Cmd =>
  cmd('restart', (model, real) => {
    const text = serializeState(real.state);
    real.state = parseState(text);
    expect(serializeState(real.state)).toBe(text);
    agree(model, real, [], []);
  });

const commands = fc.commands(
  [
    fc.tuple(moduleArb, kindArb, hoursArb).map(([m, k, h]) => tick(m, k, h)),
    fc.tuple(moduleArb, kindArb, hoursArb).map(([m, k, h]) => tick(m, k, h)),
    fc.tuple(moduleArb, hoursArb).map(([m, h]) => tick(m, 'clean', h)),
    fc.tuple(moduleArb, fc.integer({ min: 3, max: 6 }), fc.constantFrom(1, 24, 72, 15 * 24)).map(([m, n, h]) => steady(m, n, h)),
    fc.tuple(moduleArb, fc.integer({ min: 3, max: 6 }), fc.constantFrom(1, 24, 72, 15 * 24)).map(([m, n, h]) => steady(m, n, h)),
    moduleArb.map(approvePending),
    moduleArb.map(stale),
    fc.tuple(moduleArb, stageArb).map(([m, s]) => approve(m, s)),
    fc.tuple(moduleArb, stageArb).map(([m, s]) => promote(m, s)),
    fc.tuple(fc.option(moduleArb, { nil: null }), fc.constantFrom<'module' | Tenant>('module', 'acme', 'globex')).map(([m, s]) => rollback(m, m === null ? 'module' : s)),
    moduleArb.map(failure),
    moduleArb.map(release),
    moduleArb.map(release),
    fc.constant(null).map(restart),
  ],
  { maxCommands: 60, size: 'max' },
);

test.prop([fc.constantFrom<'auto' | 'approval'>('auto', 'approval'), commands])('the lifecycle reducer agrees with the reference model', (promotion, cmds) => {
  const settings = loadLifecycleConfig({ defaults: { promotion } }, [...MODULES]);
  const setup = () => {
    const model: Model = { now: T0, promotion, versions: { tokenizer: '1.0.0', tools: '1.0.0' }, modules: {} };
    for (const module of MODULES) {
      model.modules[module] = { stage: 'shadow', stageSince: T0, observeFrom: T0, coolUntil: null, pendingTo: null, streak: 0, lastCounted: null, scoped: new Map(), releases: null };
    }
    const real: Real = { state: withModules(null, settings, T0), now: T0, versions: { tokenizer: '1.0.0', tools: '1.0.0' }, settings };
    return { model, real };
  };
  fc.modelRun(setup, cmds);
});
