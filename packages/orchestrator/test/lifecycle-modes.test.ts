// How stages map onto the modes the resolver resolves (decision 0017): each stage's mode and sample rate,
// lifecycle rollbacks as overrides below people's, `deprecated` running TS not at all, and `removed` not
// loading TS in the gateway or its shadow workers.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createModeResolver, loadConfig, modulePlan, openLifecycleStore, openOrchestrator, resolveLifecycle, withModules, type Orchestrator, type Stage } from '../src/index.js';
import { lifecycleOverrideInputs, stageModeOf } from '../src/orchestrator/stage-modes.js';
import { manualClock } from './helpers/manual-clock.js';
import { scratch } from './helpers/scratch.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/faulty-module.mjs', import.meta.url));
const T = Date.UTC(2026, 10, 1);
const settings = resolveLifecycle({ defaults: { canary: { percent: 10 } } }, ['faulty']);

const { tempDb, later } = scratch('llms-wasm-stage-');

function planOf(stage: Stage, inStageMs = 0) {
  const ms = { ...withModules(null, settings, T).modules['faulty']!, stage, stageSince: T - inStageMs };
  return modulePlan(ms, settings.modules['faulty']!, T);
}

describe('stage modes', () => {
  it('maps each stage onto a mode and a sample rate', () => {
    expect(stageModeOf(planOf('shadow').plan)).toEqual({ mode: 'shadow', sampleRate: 1, tsLoaded: true });
    expect(stageModeOf(planOf('canary').plan)).toEqual({ mode: 'split', splitPercent: 10, sampleRate: 1, tsLoaded: true });
    // default: WASM serves all, TS shadows by the schedule (25 % → 10 % after a day → 1 % after a week).
    expect(stageModeOf(planOf('default').plan)).toEqual({ mode: 'wasm_primary', sampleRate: 0.25, tsLoaded: true });
    expect(stageModeOf(planOf('default', 8 * 86_400_000).plan)).toEqual({ mode: 'wasm_primary', sampleRate: 0.01, tsLoaded: true });
    expect(stageModeOf(planOf('deprecated').plan)).toEqual({ mode: 'wasm_only', sampleRate: 0, tsLoaded: true });
    expect(stageModeOf(planOf('removed').plan)).toEqual({ mode: 'wasm_only', sampleRate: 0, tsLoaded: false });
  });

  it('turns rollbacks into locked overrides at their scope', () => {
    const ms = { ...withModules(null, settings, T).modules['faulty']!, stage: 'default' as const, scoped: [{ kind: 'tenant' as const, id: 'acme', at: T, until: T + 3_600_000, fromStage: 'default' as const, reason: 'diff spike', passes: 0, lastCountedAt: null }] };
    const inputs = lifecycleOverrideInputs(modulePlan(ms, settings.modules['faulty']!, T));
    expect(inputs).toEqual([{ module: 'faulty', tenant: 'acme', mode: 'ts_primary', lock: true, reason: expect.stringMatching(/^lifecycle rollback \(cool-down until .+\): diff spike$/) as string }]);
  });
});

describe('the resolver under a lifecycle', () => {
  const config = loadConfig({ modules: { faulty: { import: FIXTURE, mode: 'ts_primary', sampleRate: 0.5 } }, tenants: [{ id: 'calm', wasmMode: 'ts_primary' }] }, {});

  it('puts the stage at the global scope (over the file and the mode variables); tenants still refine', () => {
    const resolver = createModeResolver(config, { LLMS_WASM_MODE: 'ts_primary' });
    expect(resolver.resolveMode({ module: 'faulty' })).toMatchObject({ mode: 'ts_primary' });
    resolver.setStages(new Map([['faulty', stageModeOf(planOf('canary').plan)]]));
    expect(resolver.resolveMode({ module: 'faulty' })).toEqual({ mode: 'split', scope: 'global', locked: false, splitPercent: 10 });
    expect(resolver.resolveMode({ module: 'faulty', tenant: 'calm' })).toMatchObject({ mode: 'ts_primary', scope: 'tenant' });
    expect(resolver.sampleRate('faulty', resolver.resolveMode({ module: 'faulty' }))).toBe(1);
    resolver.setStages(new Map());
    expect(resolver.resolveMode({ module: 'faulty' })).toMatchObject({ mode: 'ts_primary' });
    expect(() => resolver.setStages(new Map([['nope', stageModeOf(planOf('shadow').plan)]]))).toThrow(expect.objectContaining({ code: 'MODULE_UNKNOWN' }));
  });

  it('applies lifecycle rollbacks over the stage and below a person\'s override with the same key', () => {
    const resolver = createModeResolver(config, {});
    resolver.setStages(new Map([['faulty', stageModeOf(planOf('default').plan)]]));
    resolver.setLifecycleOverrides([{ module: 'faulty', tenant: 'acme', mode: 'ts_primary', lock: true, reason: 'lifecycle rollback: diff spike' }], { at: T, who: 'lifecycle:gw' });
    expect(resolver.resolveMode({ module: 'faulty', tenant: 'acme' })).toMatchObject({ mode: 'ts_primary', scope: 'tenant_override', locked: true });
    expect(resolver.resolveMode({ module: 'faulty', tenant: 'other' })).toMatchObject({ mode: 'wasm_primary', scope: 'global' });
    // A rollback decided at runtime samples at the module's configured rate, not the stage's.
    expect(resolver.sampleRate('faulty', resolver.resolveMode({ module: 'faulty', tenant: 'acme' }))).toBe(0.5);
    expect(resolver.sampleRate('faulty', resolver.resolveMode({ module: 'faulty', tenant: 'other' }))).toBe(0.25);
    resolver.setOverride({ module: 'faulty', tenant: 'acme', mode: 'shadow', lock: true, reason: 'INC-3: keep shadowing' }, { who: 'ann@ops' });
    expect(resolver.resolveMode({ module: 'faulty', tenant: 'acme' })).toMatchObject({ mode: 'shadow', scope: 'tenant_override' });
    expect(resolver.overrides().map((o) => o.origin).sort()).toEqual(['lifecycle', 'memory']);
    resolver.clearOverride({ module: 'faulty', tenant: 'acme' });
    expect(resolver.resolveMode({ module: 'faulty', tenant: 'acme' })).toMatchObject({ mode: 'ts_primary', scope: 'tenant_override' });
    resolver.setLifecycleOverrides([], { at: T, who: 'lifecycle:gw' });
    expect(resolver.resolveMode({ module: 'faulty', tenant: 'acme' })).toMatchObject({ mode: 'wasm_primary', scope: 'global' });
  });
});

// Module objects are process-wide (the fixture is imported once): each test uses its own module id, so a
// runtime initialized by one test's orchestrator is not seen by the next.
async function gatewayAt(stage: Stage, module: 'faulty' | 'compat' | 'broken'): Promise<Orchestrator> {
  const path = tempDb();
  const lifecycle = openLifecycleStore(path);
  const state = withModules(null, resolveLifecycle(undefined, [module]), T);
  lifecycle.commit(0, { ...state, modules: { [module]: { ...state.modules[module]!, stage } } }, [], 'test', T);
  lifecycle.close();
  const config = loadConfig({ modules: { [module]: { import: FIXTURE } }, shadow: { workers: 1 }, store: { path }, tenants: [{ id: 'pinned', wasmMode: { mode: 'ts_primary', lock: true } }], lifecycle: { defaults: { canary: { percent: 10 } } } }, {});
  const o = await openOrchestrator(config, { env: {}, redactionKey: 'stage-test-key-0123456789', clock: manualClock(T), logger: { warn: () => undefined, error: () => undefined }, errorSink: () => undefined });
  later(() => o.close());
  await o.start();
  return o;
}

describe('deprecated and removed through the orchestrator', () => {
  it('deprecated: WASM serves, TS stays loaded and runs nothing (counted as no shadow)', async () => {
    const o = await gatewayAt('deprecated', 'faulty');
    expect(o.resolveMode({ module: 'faulty' })).toMatchObject({ mode: 'wasm_only' });
    const records: unknown[] = [];
    o.onRecord((r) => records.push(r));
    expect(await o.call('faulty', 'run', { mode: 'diff', value: 1 })).toEqual({ echo: 'different' }); // the WASM side served
    await o.drain();
    expect(records).toEqual([]);
    expect(o.modules.get('faulty')!.stats('ts').state).toBe('ready');
    expect(o.store!.summary({ module: 'faulty' })[0]).toMatchObject({ calls: 1, compared: 0, skipped: 1 });
    expect(o.store!.window('faulty', T - 60_000, T + 60_000).overall.skipped).toEqual({ no_shadow: 1 });
    expect(o.status().lifecycle?.modules['faulty']).toMatchObject({ stage: 'deprecated' });
  });

  it('removed: TS is not loaded here nor in the shadow workers; a mode that names TS is served by WASM, counted', async () => {
    const o = await gatewayAt('removed', 'compat');
    expect(o.modules.get('compat')!.stats('ts').state).toBe('unloaded');
    expect(o.shadow.runtimes.get('compat')).toEqual({ ts: 'unloaded', wasm: 'ready' });
    expect(await o.call('compat', 'run', { mode: 'diff', value: 1 }, { tenant: 'pinned' })).toEqual({ echo: 'different' });
    expect(o.modules.get('compat')!.stats('ts').state).toBe('unloaded');
    expect(o.metrics.render()).toMatch(/llms_wasm_removed_clamped_total\{module="compat"\} 1/);
  });

  it('a WASM runtime that fails to initialize rolls a module in default back at the first evaluation', async () => {
    const o = await gatewayAt('default', 'broken');
    const pass = await o.lifecycle!.evaluateNow();
    expect(pass.evaluations[0]!.alerts).toContainEqual(expect.objectContaining({ rule: 'wasm_failure', rollback: true }));
    expect(pass.records.map((r) => [r.kind, r.outcome, r.stageBefore, r.stageAfter])).toEqual([['rollback', 'applied', 'default', 'shadow']]);
    expect(pass.records[0]!.reasons.join(' ')).toMatch(/the binary is missing/);
    expect(o.resolveMode({ module: 'broken' })).toMatchObject({ mode: 'ts_primary', locked: true });
  });
});
