import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isOrchestratorError, type OrchestratorError } from '../../src/errors.js';
import { durationMs, formatDuration } from '../../src/gates/duration.js';
import { DIFF_RATE_DEFAULTS, LIFECYCLE_DEFAULTS } from '../../src/gates/gate-defaults.js';
import { lifecycleConfigProblems, loadLifecycleConfig } from '../../src/gates/load-gate-config.js';

const MODULES = ['tokenizer', 'tools', 'compat', 'streaming', 'routing'];
const DAY = 86_400_000;

function refusal(value: unknown, modules: readonly string[] = MODULES): OrchestratorError {
  try {
    loadLifecycleConfig(value, modules);
  } catch (error) {
    if (isOrchestratorError(error)) return error;
    throw error;
  }
  throw new Error('the config was accepted');
}

describe('lifecycle defaults', () => {
  it('gives every module the seed thresholds', () => {
    const settings = loadLifecycleConfig(undefined, [...MODULES, 'custom']);
    expect(Object.fromEntries(MODULES.map((m) => [m, settings.modules[m]?.gates.shadow.diffRate]))).toEqual({ tokenizer: 0.0001, tools: 0.001, compat: 0.005, streaming: 0.005, routing: 0.0001 });
    expect(settings.modules['custom']?.gates.canary.diffRate).toBe(0.0001);
    const tools = settings.modules['tools'];
    expect(tools?.gates.shadow).toEqual({
      diffRate: 0.001,
      shadowErrorRate: 0.001,
      primaryErrorRate: 0.01,
      droppedShare: 0.05,
      latencyDeltaMs: 10,
      latencyQuantile: 0.95,
      minSamples: 1000,
      stratumMinSamples: 200,
      observationMs: 7 * DAY,
      consecutivePasses: 3,
      errorBudget: { allowedFailures: null, allowedRate: 0.002 },
    });
    expect(tools?.gates.canary.observationMs).toBe(DAY);
    expect(tools?.gates.deprecated.observationMs).toBe(14 * DAY);
    expect(tools?.canary.share).toBe(0.05);
    expect(tools?.default.share).toBe(1);
    expect(tools?.default.shadowSchedule.map((s) => s.sampleRate)).toEqual([0.25, 0.1, 0.01]);
    expect(tools?.promotion).toBe('auto');
    expect(tools?.alerts.diffSpike).toEqual({ severity: 'critical', rollback: true, factor: 2 });
    expect(settings).toMatchObject({ confidence: 0.95, rollbackConfidence: 0.99, method: 'clopper-pearson', recentWindowMs: 3_600_000, maxScopedRollbacks: 3 });
    expect(Object.isFrozen(tools?.gates.shadow)).toBe(true);
    expect(DIFF_RATE_DEFAULTS['compat']).toBe(0.005);
  });

  it('layers thresholds: defaults.all < defaults.<stage> < module.all < module.<stage>', () => {
    const settings = loadLifecycleConfig(
      {
        defaults: { gates: { all: { diffRate: 0.01, minSamples: 10 }, canary: { diffRate: 0.02, observation: '12h' } }, promotion: 'approval', cooldown: '2h' },
        modules: { tools: { gates: { all: { diffRate: 0.03 }, default: { diffRate: 0.04, errorBudget: { allowedFailures: 5 } } }, canary: { percent: 8 }, promotion: 'auto' } },
      },
      MODULES,
    );
    const tools = settings.modules['tools'];
    const tokenizer = settings.modules['tokenizer'];
    expect(tokenizer?.gates.shadow.diffRate).toBe(0.01);
    expect(tokenizer?.gates.canary).toMatchObject({ diffRate: 0.02, observationMs: 12 * 3_600_000, minSamples: 10 });
    expect(tools?.gates.shadow.diffRate).toBe(0.03);
    expect(tools?.gates.canary.diffRate).toBe(0.03);
    expect(tools?.gates.default).toMatchObject({ diffRate: 0.04, errorBudget: { allowedFailures: 5, allowedRate: 0.041 } });
    expect(tools?.canary.share).toBeCloseTo(0.08, 12);
    expect(tools?.promotion).toBe('auto');
    expect(tokenizer?.promotion).toBe('approval');
    expect(tools?.cooldownMs).toBe(2 * 3_600_000);
  });

  const rate = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined });
  test.prop([rate, rate, rate, rate, fc.constantFrom('shadow' as const, 'canary' as const, 'default' as const, 'deprecated' as const)])('the narrowest layer that sets a threshold wins', (a, b, c, d, stage) => {
    const layer = (diffRate: number | undefined) => (diffRate === undefined ? {} : { diffRate });
    const config = { defaults: { gates: { all: layer(a), [stage]: layer(b) } }, modules: { compat: { gates: { all: layer(c), [stage]: layer(d) } } } };
    const expected = d ?? c ?? b ?? a ?? 0.005;
    expect(loadLifecycleConfig(config, MODULES).modules['compat']?.gates[stage].diffRate).toBe(expected);
  });
});

describe('durations', () => {
  it('reads numbers with units and milliseconds', () => {
    expect(durationMs('7d')).toBe(7 * DAY);
    expect(durationMs('1.5h')).toBe(5_400_000);
    expect(durationMs('250ms')).toBe(250);
    expect(durationMs('2w')).toBe(14 * DAY);
    expect(durationMs(1234)).toBe(1234);
    expect(formatDuration(7 * DAY)).toBe('7d');
    expect(formatDuration(36 * 3_600_000)).toBe('1.5d');
    expect(formatDuration(250)).toBe('250ms');
  });
});

describe('lifecycle refusals name the path', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['an unknown key', { defaults: { gates: { canary: { diffrate: 0.1 } } } }, '/lifecycle/defaults/gates/canary/diffrate', /not a known key/],
    ['a rate above 1', { modules: { tokenizer: { gates: { all: { diffRate: 2 } } } } }, '/lifecycle/modules/tokenizer/gates/all/diffRate', /1/],
    ['a canary percent outside 5–10', { modules: { tools: { canary: { percent: 20 } } } }, '/lifecycle/modules/tools/canary/percent', /between 5 and 10/],
    ['a default percent under 50', { defaults: { default: { percent: 40 } } }, '/lifecycle/defaults/default/percent', /50/],
    ['a shadow observation under a week', { modules: { compat: { gates: { shadow: { observation: '3d' } } } } }, '/lifecycle/modules/compat/gates/shadow/observation', /between 7d and 14d/],
    ['a shadow observation over two weeks', { defaults: { gates: { shadow: { observation: '15d' } } } }, '/lifecycle/defaults/gates/shadow/observation', /between 7d and 14d/],
    ['an observation for all stages too short for shadow', { defaults: { gates: { all: { observation: '1d' } } } }, '/lifecycle/defaults/gates/all/observation', /shadow observation/],
    ['a schedule that rises', { defaults: { default: { shadowSchedule: [{ after: 0, sampleRate: 0.1 }, { after: '1d', sampleRate: 0.5 }] } } }, '/lifecycle/defaults/default/shadowSchedule/1/sampleRate', /only decreases/],
    ['a schedule not starting at 0', { modules: { tools: { default: { shadowSchedule: [{ after: '1h', sampleRate: 0.1 }] } } } }, '/lifecycle/modules/tools/default/shadowSchedule/0/after', /must be 0/],
    ['a schedule going back in time', { defaults: { default: { shadowSchedule: [{ after: 0, sampleRate: 0.5 }, { after: '2d', sampleRate: 0.2 }, { after: '1d', sampleRate: 0.1 }] } } }, '/lifecycle/defaults/default/shadowSchedule/2/after', /later than/],
    ['a module the orchestrator does not run', { modules: { tokeniser: {} } }, '/lifecycle/modules/tokeniser', /not a configured module/],
    ['a bad duration', { defaults: { cooldown: '7 days' } }, '/lifecycle/defaults/cooldown', /must be a duration: whole milliseconds, or a number with a unit/],
    ['a negative duration', { defaults: { passSpacing: -5 } }, '/lifecycle/defaults/passSpacing', /0/],
    ['a confidence too low', { confidence: 0.5 }, '/lifecycle/confidence', /0.8/],
    ['an unknown severity', { defaults: { alerts: { diffSpike: { severity: 'page' } } } }, '/lifecycle/defaults/alerts/diffSpike/severity', /info, warning, critical/],
    ['an unknown promotion mode', { modules: { routing: { promotion: 'yolo' } } }, '/lifecycle/modules/routing/promotion', /auto, approval/],
    ['an unknown method', { method: 'normal' }, '/lifecycle/method', /clopper-pearson, wilson/],
  ];
  for (const [what, value, path, message] of cases) {
    it(`refuses ${what}`, () => {
      const error = refusal(value);
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.detail.path).toBe(path);
      expect(error.message.startsWith(`config${path}: `)).toBe(true);
      expect(error.message).toMatch(message);
    });
  }

  it('accepts a canary percent outside the range when explicitly allowed, and every valid shadow observation', () => {
    expect(loadLifecycleConfig({ modules: { tools: { canary: { percent: 20, allowAnyPercent: true } } } }, MODULES).modules['tools']?.canary.share).toBeCloseTo(0.2, 12);
    expect(loadLifecycleConfig({ defaults: { canary: { allowAnyPercent: true } }, modules: { tools: { canary: { percent: 1 } } } }, MODULES).modules['tools']?.canary.share).toBeCloseTo(0.01, 12);
    expect(loadLifecycleConfig({ defaults: { gates: { all: { observation: '1d' }, shadow: { observation: '10d' } } } }, MODULES).modules['tools']?.gates.canary.observationMs).toBe(DAY);
    expect(loadLifecycleConfig({ modules: { tools: { gates: { shadow: { observation: '2w' } } } } }, MODULES).modules['tools']?.gates.shadow.observationMs).toBe(14 * DAY);
  });

  it('lists every problem and prefixes the path it is given', () => {
    const problems = lifecycleConfigProblems({ modules: { tools: { canary: { percent: 50 } }, bogus: {} } }, MODULES, '/x');
    expect(problems.map((p) => p.path)).toEqual(['/x/modules/tools/canary/percent', '/x/modules/bogus']);
    expect(refusal({ modules: { tools: { canary: { percent: 50 } }, bogus: {} } }).message).toMatch(/\(and 1 more\)$/);
    expect(lifecycleConfigProblems(undefined)).toEqual([]);
    expect(LIFECYCLE_DEFAULTS.shadowObservationRangeMs).toEqual([7 * DAY, 14 * DAY]);
  });
});
