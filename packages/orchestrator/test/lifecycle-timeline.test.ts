// The lifecycle driven through the real orchestrator (real shadow workers, a real store file, the
// faulty fixture module whose WASM side regresses on request), with an injected clock: weeks of clean
// traffic promote shadow → canary → default; a diff spike, an error burst or a latency regression in one
// tenant rolls back that tenant within one evaluation; too little traffic stays inconclusive; shadows that
// stop running raise the liveness alert. Call latencies are wall-clock times of a loaded machine, so the
// promotion timelines set the latency gate out of reach, and the latency regression is a 150 ms busy
// wait judged against +100 ms (also covered, with exact numbers, by the pure gates/timeline.test.ts).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig, openLifecycleStore, openOrchestrator, resolveLifecycle, withModules, type DecisionRecord, type Orchestrator, type OrchestratorEvent } from '../src/index.js';
import { manualClock, type ManualClock } from './helpers/manual-clock.js';
import { scratch } from './helpers/scratch.js';
import { TIMELINE_LIFECYCLE } from './fixtures/timeline-lifecycle.mjs';

const FIXTURE = fileURLToPath(new URL('./fixtures/faulty-module.mjs', import.meta.url));
const KEY = 'lifecycle-test-key-0123456789';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 2);
const TENANTS = ['acme', 'globex'] as const;
const quiet = { warn: (): void => undefined, error: (): void => undefined };

const { tempDb, later } = scratch('llms-wasm-lifecycle-');

interface Gateway {
  readonly o: Orchestrator;
  readonly clock: ManualClock;
  readonly events: OrchestratorEvent[];
}

async function gateway(path: string, clock: ManualClock = manualClock(T0), lifecycle: Record<string, unknown> = TIMELINE_LIFECYCLE): Promise<Gateway> {
  const events: OrchestratorEvent[] = [];
  const config = loadConfig(
    { modules: { faulty: { import: FIXTURE } }, shadow: { workers: 1, timeoutMs: 600_000 }, store: { path }, control: { pollMs: 3_600_000, heartbeatMs: 3_600_000 }, lifecycle },
    {},
  );
  const o = await openOrchestrator(config, { env: {}, redactionKey: KEY, clock, logger: quiet, errorSink: (event) => events.push(event) });
  later(() => o.close());
  await o.start();
  return { o, clock, events };
}

type Fault = 'ok' | 'diff' | 'throw' | 'slow';
let sequence = 0;

/** One evaluation interval: `calls` per tenant (each its own sticky key), then the clock moves 6 h and the timer's pass is awaited. */
async function interval(g: Gateway, calls: number, fault: (tenant: string) => Fault = () => 'ok') {
  for (const tenant of TENANTS) {
    for (let i = 0; i < calls; i += 1) {
      sequence += 1;
      await g.o.call('faulty', 'run', { mode: fault(tenant), value: sequence }, { tenant, requestId: `req-${sequence}`, splitKey: `${tenant}-session-${sequence}` }).catch(() => undefined);
    }
  }
  await g.o.drain();
  g.clock.advance(6 * HOUR); // the lifecycle timer fires: its pass is in flight
  return g.o.lifecycle!.evaluateNow(); // the pass in flight
}

const moves = (records: readonly DecisionRecord[]) => records.filter((r) => r.kind !== 'hold').map((r) => `${r.kind} ${r.stageBefore}→${r.stageAfter}${r.scopes.length ? ` [${r.scopes.map((s) => ('id' in s ? `${s.kind}:${s.id}` : s.kind)).join(',')}]` : ''}`);

describe('the lifecycle through the real orchestrator', () => {
  it('promotes on clean weeks, rolls one tenant back on its diff spike within one evaluation, and a restart sees the same state', async () => {
    const path = tempDb();
    const g = await gateway(path);
    expect(g.o.resolveMode({ module: 'faulty', tenant: 'acme' })).toMatchObject({ mode: 'shadow', scope: 'global' });
    const log: string[] = [];
    let hours = 0;
    while (g.o.lifecycle!.state().modules['faulty']!.stage !== 'default') {
      const pass = await interval(g, 50);
      hours += 6;
      expect(pass.committed).toBe(true);
      log.push(...moves(pass.records).map((m) => `+${hours}h ${m}`));
      expect(hours).toBeLessThanOrEqual(12 * 24);
    }
    // The stage began when the gateway started (T0): promoted at the second passing evaluation in a row
    // once the 7-day observation is met (+168 h, +174 h), and the same after a day in canary.
    expect(log).toEqual(['+174h promotion shadow→canary [module]', '+204h promotion canary→default [module]']);
    expect(g.o.resolveMode({ module: 'faulty', tenant: 'acme' })).toMatchObject({ mode: 'wasm_primary', scope: 'global' });

    // A diff spike in globex only: rolled back for globex at the next evaluation, acme keeps WASM.
    const spike = await interval(g, 50, (tenant) => (tenant === 'globex' ? 'diff' : 'ok'));
    expect(moves(spike.records)).toEqual(['rollback default→default [tenant:globex]']);
    const rollback = spike.records.find((r) => r.kind === 'rollback')!;
    expect(rollback.reasons.join(' ')).toMatch(/globex/);
    expect(rollback.topDiffPaths.length).toBeGreaterThan(0);
    expect(rollback.criteria.length).toBeGreaterThan(0);
    expect(g.o.resolveMode({ module: 'faulty', tenant: 'globex' })).toMatchObject({ mode: 'ts_primary', locked: true, scope: 'tenant_override' });
    expect(g.o.resolveMode({ module: 'faulty', tenant: 'acme' })).toMatchObject({ mode: 'wasm_primary' });
    expect(g.o.overrides()).toContainEqual(expect.objectContaining({ module: 'faulty', tenant: 'globex', origin: 'lifecycle', mode: 'ts_primary' }));
    expect(g.events).toContainEqual(expect.objectContaining({ type: 'lifecycle_alert', module: 'faulty', rule: 'diff_spike', scope: 'tenant:globex', rollback: true }));
    expect(g.events).toContainEqual(expect.objectContaining({ type: 'lifecycle_decision', module: 'faulty', kind: 'rollback', outcome: 'applied' }));

    // Every decision is stored, immutable, and queryable; a restart on the file applies the same stage and rollback.
    await g.o.close(); // closing twice (again after the test) is a no-op
    const stored = openLifecycleStore(path, { readonly: true });
    const records = stored.decisions({ module: 'faulty', limit: 10_000 });
    expect(records.filter((r) => r.kind !== 'hold').map((r) => r.kind)).toEqual(['rollback', 'promotion', 'promotion']);
    expect(records.length).toBe(hours / 6 + 1);
    stored.close();
    const again = await gateway(path, manualClock(g.clock.now()));
    expect(again.o.lifecycle!.state().modules['faulty']!.stage).toBe('default');
    expect(again.o.resolveMode({ module: 'faulty', tenant: 'globex' })).toMatchObject({ mode: 'ts_primary', scope: 'tenant_override' });
    expect(again.o.resolveMode({ module: 'faulty', tenant: 'acme' })).toMatchObject({ mode: 'wasm_primary' });
  }, 600_000);

  it('rolls back one tenant whose WASM errors burst while it serves in canary', async () => {
    const g = await gateway(tempDb());
    while (g.o.lifecycle!.state().modules['faulty']!.stage !== 'canary') await interval(g, 50);
    const burst = await interval(g, 50, (tenant) => (tenant === 'acme' ? 'throw' : 'ok'));
    expect(moves(burst.records)).toEqual(['rollback canary→canary [tenant:acme]']);
    expect(burst.evaluations[0]!.alerts.map((a) => a.rule)).toContain('shadow_error_rate');
    expect(g.o.resolveMode({ module: 'faulty', tenant: 'acme' })).toMatchObject({ mode: 'ts_primary', scope: 'tenant_override' });
    expect(g.o.resolveMode({ module: 'faulty', tenant: 'globex' })).toMatchObject({ mode: 'split' });
  }, 600_000);

  it('stays inconclusive in shadow with too little traffic, however long it runs', async () => {
    const g = await gateway(tempDb());
    let last;
    // 30 evaluations (7.5 days: past the observation period) of one call per tenant.
    for (let i = 0; i < 30; i += 1) last = await interval(g, 1);
    expect(g.o.lifecycle!.state().modules['faulty']!.stage).toBe('shadow');
    const samples = last!.evaluations[0]!.criteria.find((c) => c.name === 'samples')!;
    expect(samples).toMatchObject({ verdict: 'inconclusive', threshold: 200 });
    expect(last!.evaluations[0]!.decision.action).toBe('hold');
    expect(last!.evaluations[0]!.strata.notCovered.map((s) => s.id).sort()).toEqual(['acme', 'globex']);
  }, 600_000);

  it('raises the liveness alert and holds when the shadows stop running while traffic flows', async () => {
    const g = await gateway(tempDb());
    await interval(g, 50);
    await g.o.shadow.close(1000);
    const stopped = await interval(g, 50);
    const e = stopped.evaluations[0]!;
    expect(e.criteria.find((c) => c.name === 'liveness')).toMatchObject({ verdict: 'fail', value: 0 });
    expect(e.alerts).toContainEqual(expect.objectContaining({ rule: 'liveness' }));
    expect(e.decision.action).toBe('hold');
    expect(g.events).toContainEqual(expect.objectContaining({ type: 'lifecycle_alert', rule: 'liveness' }));
  }, 600_000);

  it('rolls back one tenant whose WASM calls got slow in default: the paired latency delta, within one evaluation', async () => {
    // The fixture's `slow` WASM busy-waits 150 ms, so that tenant's paired delta is at least +150 ms on any
    // machine; the threshold is +100 ms, far above what a trivial call costs even on a loaded one.
    const path = tempDb();
    const lifecycle = { ...TIMELINE_LIFECYCLE, defaults: { ...TIMELINE_LIFECYCLE['defaults'] as object, gates: { all: { diffRate: 0.05, shadowErrorRate: 0.05, primaryErrorRate: 0.05, latencyDeltaMs: 100, minSamples: 20, stratumMinSamples: 20, consecutivePasses: 2 } } } };
    const store = openLifecycleStore(path);
    const state = withModules(null, resolveLifecycle(lifecycle as never, ['faulty']), T0);
    store.commit(0, { ...state, modules: { faulty: { ...state.modules['faulty']!, stage: 'default' } } }, [], 'test', T0);
    store.close();
    const g = await gateway(path, manualClock(T0), lifecycle);
    expect(g.o.resolveMode({ module: 'faulty', tenant: 'globex' })).toMatchObject({ mode: 'wasm_primary' });
    const slow = await interval(g, 24, (tenant) => (tenant === 'globex' ? 'slow' : 'ok'));
    expect(moves(slow.records)).toEqual(['rollback default→default [tenant:globex]']);
    expect(slow.evaluations[0]!.alerts).toContainEqual(expect.objectContaining({ rule: 'main_latency', scope: { kind: 'tenant', id: 'globex' }, rollback: true }));
    expect(g.o.resolveMode({ module: 'faulty', tenant: 'globex' })).toMatchObject({ mode: 'ts_primary', scope: 'tenant_override' });
    expect(g.o.resolveMode({ module: 'faulty', tenant: 'acme' })).toMatchObject({ mode: 'wasm_primary' });
  }, 600_000);
});
