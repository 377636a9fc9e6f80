import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { loadLifecycleConfig } from '../../src/gates/load-gate-config.js';
import { initialModuleState } from '../../src/gates/lifecycle-state.js';
import { canPromote, canRollBack, defaultShadowRate, modulePlan, stagePlan } from '../../src/gates/stage-plan.js';
import { nextStage, STAGES } from '../../src/gates/stages.js';

const DAY = 86_400_000;
const settings = loadLifecycleConfig({ modules: { tools: { canary: { percent: 8 }, default: { percent: 60 } } } }, ['tokenizer', 'tools']);
const tokenizer = settings.modules['tokenizer']!;
const tools = settings.modules['tools']!;

describe('stage plans', () => {
  it('says who serves, who shadows and whether TS is loaded, per stage', () => {
    expect(stagePlan('shadow', tokenizer, 0)).toEqual({ serve: 'ts', wasmShare: 0, shadowSampleRate: 1, tsLoaded: true });
    expect(stagePlan('canary', tokenizer, 0)).toEqual({ serve: 'split', wasmShare: 0.05, shadowSampleRate: 1, tsLoaded: true });
    expect(stagePlan('canary', tools, 0).wasmShare).toBeCloseTo(0.08, 12);
    expect(stagePlan('default', tokenizer, 0)).toEqual({ serve: 'wasm', wasmShare: 1, shadowSampleRate: 0.25, tsLoaded: true });
    expect(stagePlan('default', tools, 2 * DAY)).toEqual({ serve: 'split', wasmShare: 0.6, shadowSampleRate: 0.1, tsLoaded: true });
    expect(stagePlan('default', tokenizer, 30 * DAY).shadowSampleRate).toBe(0.01);
    expect(stagePlan('deprecated', tokenizer, 0)).toEqual({ serve: 'wasm', wasmShare: 1, shadowSampleRate: 0, tsLoaded: true });
    expect(stagePlan('removed', tokenizer, 0)).toEqual({ serve: 'wasm', wasmShare: 1, shadowSampleRate: 0, tsLoaded: false });
  });

  test.prop([fc.integer({ min: 0, max: 60 * DAY }), fc.integer({ min: 0, max: 60 * DAY })])('the TS shadow rate in default never rises with time in the stage', (a, b) => {
    const [early, late] = a <= b ? [a, b] : [b, a];
    expect(defaultShadowRate(tokenizer, late)).toBeLessThanOrEqual(defaultShadowRate(tokenizer, early));
  });
});

describe('rollback overrides win over the stage', () => {
  it('module-wide: ts_primary during the cool-down, nothing after', () => {
    const state = { ...initialModuleState('tokenizer', 'shadow', 0), rollback: { at: 0, until: DAY, fromStage: 'canary' as const, reason: 'diff spike' } };
    expect(modulePlan(state, tokenizer, DAY / 2).overrides).toEqual([{ scope: { kind: 'module' }, mode: 'ts_primary', reason: 'diff spike', since: 0, until: DAY }]);
    expect(modulePlan(state, tokenizer, DAY).overrides).toEqual([]);
  });

  it('a tenant: ts_primary during its cool-down, then shadowing until released', () => {
    const scoped = { kind: 'tenant' as const, id: 'acme', at: 0, until: DAY, fromStage: 'canary' as const, reason: 'latency', passes: 0, lastCountedAt: null };
    const state = { ...initialModuleState('tokenizer', 'canary', 0), scoped: [scoped] };
    expect(modulePlan(state, tokenizer, 1).overrides).toEqual([{ scope: { kind: 'tenant', id: 'acme' }, mode: 'ts_primary', reason: 'latency', since: 0, until: DAY }]);
    expect(modulePlan(state, tokenizer, 2 * DAY).overrides).toEqual([{ scope: { kind: 'tenant', id: 'acme' }, mode: 'shadow', reason: 'latency', since: DAY, until: null }]);
    expect(modulePlan(state, tokenizer, 2 * DAY).plan.serve).toBe('split');
  });
});

describe('transitions', () => {
  it('promotes one stage at a time, into removed only by approval; rolls back anywhere TS is loaded', () => {
    for (const from of STAGES) {
      for (const to of STAGES) {
        const step = nextStage(from) === to;
        expect(canPromote(from, to, 'gate')).toBe(step && to !== 'removed');
        expect(canPromote(from, to, 'manual')).toBe(step && to !== 'removed');
        expect(canPromote(from, to, 'approval')).toBe(step);
      }
    }
    expect(STAGES.filter(canRollBack)).toEqual(['shadow', 'canary', 'default', 'deprecated']);
    expect(nextStage('removed')).toBeNull();
  });
});
