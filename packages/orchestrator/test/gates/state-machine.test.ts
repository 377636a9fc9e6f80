import { describe, expect, it } from 'vitest';
import { isOrchestratorError } from '../../src/errors.js';
import type { DecisionRecord } from '../../src/gates/decision-record.js';
import { evaluate } from '../../src/gates/evaluate.js';
import { loadLifecycleConfig } from '../../src/gates/load-gate-config.js';
import { type LifecycleState, parseState, serializeState, withModules } from '../../src/gates/lifecycle-state.js';
import { modulePlan } from '../../src/gates/stage-plan.js';
import { type LifecycleEvent, reduce } from '../../src/gates/state-machine.js';
import type { Stage } from '../../src/gates/stages.js';
import { DAY, HOUR, inputFor, T0, type Traffic } from './helpers/windows.js';

const MODULES = ['tokenizer', 'tools'];
const settings = loadLifecycleConfig({ defaults: { promotion: 'approval' } }, MODULES);
const VERSIONS = { moduleVersion: '1.0.0', wasmDigest: 'sha256:abc', rulesetVersion: 'v1' };

class Harness {
  state: LifecycleState;
  now = T0;
  version = '1.0.0';
  records: DecisionRecord[] = [];
  constructor(readonly s = settings) {
    this.state = withModules(null, s, T0);
  }
  send(event: LifecycleEvent): readonly DecisionRecord[] {
    const t = reduce(this.state, event, { now: this.now, settings: this.s, facts: { tokenizer: { ...VERSIONS, moduleVersion: this.version }, tools: VERSIONS } });
    this.state = t.state;
    this.records.push(...t.records);
    return t.records;
  }
  tick(hours: number, recent?: Record<string, Traffic>, module = 'tokenizer'): DecisionRecord {
    this.now += hours * HOUR;
    const ms = this.state.modules[module]!;
    const compares = ms.stage === 'shadow' || ms.stage === 'canary' || ms.stage === 'default';
    const gate = compares ? { acme: { calls: 60_000 }, globex: { calls: 60_000 } } : { acme: { calls: 60_000, compared: 0 }, globex: { calls: 60_000, compared: 0 } };
    const quiet = compares ? { acme: { calls: 2_000 }, globex: { calls: 2_000 } } : { acme: { calls: 2_000, compared: 0 }, globex: { calls: 2_000, compared: 0 } };
    const evaluation = evaluate(inputFor(this.s, ms, this.now, { gate, recent: recent ?? quiet }, { moduleVersion: this.version, topDiffPaths: [{ path: '/usage/total', count: 2 }] }));
    const records = this.send({ type: 'evaluation', evaluation });
    return records[records.length - 1]!;
  }
  /** Clean ticks until the module is ready (a pending promotion) or promoted. */
  until(stage: Stage, module = 'tokenizer'): void {
    for (let i = 0; i < 100 && this.state.modules[module]!.pending?.to !== stage && this.state.modules[module]!.stage !== stage; i += 1) this.tick(24, undefined, module);
  }
  get tokenizer() {
    return this.state.modules['tokenizer']!;
  }
}

describe('the lifecycle reducer', () => {
  it('walks shadow → canary → default → deprecated → removed with approvals, and removal waits for releases', () => {
    const h = new Harness();
    for (const [from, to] of [['shadow', 'canary'], ['canary', 'default'], ['default', 'deprecated']] as const) {
      h.until(to);
      expect(h.tokenizer).toMatchObject({ stage: from, pending: { to } });
      expect(h.records.at(-1)?.reasons).toContain(`ready, waiting for approval to enter ${to}`);
      const [approval] = h.send({ type: 'approve', module: 'tokenizer', to, by: 'alice' });
      expect(approval).toMatchObject({ kind: 'approval', outcome: 'applied', stageBefore: from, stageAfter: to, actor: 'alice', trigger: 'approval' });
    }
    expect(h.tokenizer.releases).toEqual({ entry: '1.0.0', seen: [] });
    for (let i = 0; i < 20; i += 1) h.tick(24);
    expect(h.tokenizer.pending).toBeNull();
    expect(h.records.at(-1)?.reasons.some((r) => r.startsWith('releases inconclusive: value 0'))).toBe(true);
    h.version = '1.1.0';
    h.tick(24);
    h.version = '1.2.0';
    for (let i = 0; i < 4; i += 1) h.tick(24);
    expect(h.tokenizer).toMatchObject({ stage: 'deprecated', pending: { to: 'removed' }, releases: { entry: '1.0.0', seen: ['1.1.0', '1.2.0'] } });
    expect(h.send({ type: 'promote', module: 'tokenizer', to: 'removed', by: 'bob', reason: 'done' })[0]).toMatchObject({ outcome: 'refused' });
    expect(h.send({ type: 'approve', module: 'tokenizer', to: 'removed', by: 'carol' })[0]).toMatchObject({ outcome: 'applied', stageAfter: 'removed' });
    expect(modulePlan(h.tokenizer, settings.modules['tokenizer']!, h.now).plan.tsLoaded).toBe(false);
    expect(h.send({ type: 'rollback', module: 'tokenizer', scope: { kind: 'module' }, by: 'dave', reason: 'panic' })[0]).toMatchObject({ kind: 'rollback', outcome: 'refused', stageAfter: 'removed' });
    expect(h.send({ type: 'runtime_failure', module: 'tokenizer', failure: 'crash', message: 'trap' })[0]?.reasons).toContain('TS is not loaded: nothing to roll back to');
  });

  it('lets a pending approval lapse when the gate stops passing, and refuses approvals of anything else', () => {
    const h = new Harness();
    h.until('canary');
    expect(h.send({ type: 'approve', module: 'tokenizer', to: 'default', by: 'x' })[0]?.reasons).toEqual(['the promotion waiting for approval is to canary, not default']);
    h.tick(1, { acme: { calls: 2_000, compared: 0 }, globex: { calls: 2_000, compared: 0 } });
    expect(h.tokenizer.pending).toBeNull();
    expect(h.records.at(-1)?.reasons).toContain('the promotion to canary waiting for approval lapsed: the gate no longer passes');
    expect(h.send({ type: 'approve', module: 'tokenizer', to: 'canary', by: 'x' })[0]).toMatchObject({ outcome: 'refused', stageAfter: 'shadow' });
  });

  it('refuses a stale evaluation (computed from an older state)', () => {
    const h = new Harness();
    const ms = h.tokenizer;
    const old = evaluate(inputFor(settings, ms, h.now, { gate: {}, recent: {} }));
    h.tick(1);
    const [refused] = h.send({ type: 'evaluation', evaluation: old });
    expect(refused).toMatchObject({ kind: 'hold', outcome: 'refused' });
    expect(refused?.reasons[0]).toMatch(/^stale evaluation: computed from record #0 at shadow; the module is at #1, shadow$/);
  });

  it('rolls back every module on a runtime failure when the rule says all, but only where WASM serves', () => {
    const all = loadLifecycleConfig({ defaults: { alerts: { wasmFailure: { scope: 'all' } } } }, MODULES);
    const h = new Harness(all);
    h.until('canary');
    h.send({ type: 'promote', module: 'tools', to: 'canary', by: 'ops', reason: 'try' });
    h.send({ type: 'promote', module: 'tools', to: 'default', by: 'ops', reason: 'try' });
    const records = h.send({ type: 'runtime_failure', module: 'tokenizer', failure: 'init', message: 'WASM_INIT_FAILED' });
    expect(records.map((r) => [r.module, r.kind, r.stageBefore, r.stageAfter])).toEqual([
      ['tokenizer', 'rollback', 'canary', 'shadow'],
      ['tools', 'rollback', 'default', 'shadow'],
    ]);
    expect(records[1]?.reasons[0]).toBe('every module is rolled back (from tokenizer)');
    expect(h.tokenizer.rollback).toMatchObject({ at: h.now, until: h.now + DAY, fromStage: 'canary' });
  });

  it('writes records with all the evidence, immutable', () => {
    const h = new Harness();
    const record = h.tick(1);
    expect(record).toMatchObject({ id: 'tokenizer#1', module: 'tokenizer', sequence: 1, kind: 'hold', trigger: 'gate', stageBefore: 'shadow', stageAfter: 'shadow', rulesetVersion: 'v1', moduleVersion: '1.0.0', wasmDigest: 'sha256:abc', topDiffPaths: [{ path: '/usage/total', count: 2 }], sampleSize: { calls: 120_000, compared: 120_000 } });
    expect(record.criteria.find((c) => c.name === 'diff_rate')).toMatchObject({ verdict: 'pass', threshold: 0.0001, samples: 120_000 });
    expect(record.window).toEqual({ from: T0, to: T0 + HOUR });
    expect(record.strata.verdicts.map((s) => s.id)).toEqual(['acme', 'globex']);
    expect(record.config).toMatchObject({ confidence: 0.95, module: { module: 'tokenizer', promotion: 'approval', gates: { shadow: { diffRate: 0.0001 } } } });
    expect(Object.isFrozen(record) && Object.isFrozen(record.criteria[0]) && Object.isFrozen(record.config)).toBe(true);
    expect(() => ((record as { kind: string }).kind = 'x')).toThrow(TypeError);
    const manual = h.send({ type: 'rollback', module: 'tokenizer', scope: { kind: 'tenant', id: 'acme' }, by: 'eve', reason: 'customer report' })[0];
    expect(manual).toMatchObject({ kind: 'rollback', trigger: 'manual', actor: 'eve', scopes: [{ kind: 'tenant', id: 'acme' }], reasons: ['eve: customer report'], criteria: [], window: null, moduleVersion: '1.0.0' });
  });
});

describe('the lifecycle state', () => {
  it('round-trips through JSON and behaves the same after a reload', () => {
    const a = new Harness();
    a.until('canary');
    const b = new Harness();
    b.state = parseState(serializeState(a.state));
    b.now = a.now;
    expect(b.state).toEqual(a.state);
    expect(a.tick(24)).toEqual(b.tick(24));
    expect(serializeState(a.state)).toBe(serializeState(b.state));
  });

  it('refuses what is not a lifecycle state, naming the path', () => {
    const text = serializeState(withModules(null, settings, T0));
    const broken = text.replace('"stage":"shadow"', '"stage":"beta"');
    const refusal = (t: string) => {
      try {
        parseState(t);
      } catch (error) {
        if (isOrchestratorError(error)) return error;
      }
      throw new Error('accepted');
    };
    expect(refusal(broken)).toMatchObject({ code: 'STORE_FAILED', detail: { path: '/modules/tokenizer/stage' } });
    expect(refusal('{')).toMatchObject({ code: 'STORE_FAILED' });
    expect(refusal(text.replace('"module":"tools"', '"module":"other"')).detail.path).toBe('/modules/tools/module');
    expect(() => reduce(withModules(null, settings, T0), { type: 'approve', module: 'nope', to: 'canary', by: 'x' }, { now: T0, settings })).toThrow(/no state for module "nope"/);
  });
});
