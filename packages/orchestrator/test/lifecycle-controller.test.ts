// The lifecycle controller in a gateway: config refused with the path, approvals, a second gateway on the
// same store file (compare-and-set: one evaluation per revision, the other adopts it), people's rollbacks
// holding promotions, alerts reaching the webhook.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createOrchestrator,
  createRedactor,
  loadConfig,
  memoryLifecycleStore,
  openDiffStore,
  openOrchestrator,
  reduce,
  resolveLifecycle,
  withModules,
  type LifecyclePass,
  type LifecycleStore,
  type Orchestrator,
  type WebhookPost,
} from '../src/index.js';
import { manualClock, type ManualClock } from './helpers/manual-clock.js';
import { scratch } from './helpers/scratch.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/faulty-module.mjs', import.meta.url));
const T0 = Date.UTC(2026, 10, 2);
const HOUR = 3_600_000;
const quiet = { warn: (): void => undefined, error: (): void => undefined };

const { tempDb, later } = scratch('llms-wasm-controller-');

const settings = resolveLifecycle(undefined, ['faulty']);
const lifecycle = (promotion: 'auto' | 'approval') => ({
  evaluateEvery: '6h',
  recentWindow: '6h',
  defaults: {
    promotion,
    gates: { all: { diffRate: 0.05, shadowErrorRate: 0.05, latencyDeltaMs: 60_000, minSamples: 100, stratumMinSamples: 20, consecutivePasses: 1 }, shadow: { observation: '7d' } },
  },
});

async function gateway(path: string, clock: ManualClock, options: { promotion?: 'auto' | 'approval'; post?: WebhookPost; id?: string } = {}): Promise<Orchestrator> {
  const config = loadConfig(
    {
      modules: { faulty: { import: FIXTURE } },
      shadow: { workers: 1, timeoutMs: 600_000 },
      store: { path },
      control: { pollMs: 3_600_000, heartbeatMs: 3_600_000 },
      lifecycle: lifecycle(options.promotion ?? 'auto'),
      alerts: { webhook: { url: 'https://hooks.example/llms', retries: 0 } },
    },
    {},
  );
  const o = await openOrchestrator(config, { env: {}, redactionKey: 'controller-test-key-0123456789', clock, logger: quiet, errorSink: () => undefined, ...(options.post ? { webhookPost: options.post } : {}), ...(options.id ? { instanceId: options.id } : {}) });
  later(() => o.close());
  await o.start();
  return o;
}

/** A week and a bit of clean traffic in 6-hour steps, evaluated by `o`'s timer. */
async function cleanWeek(o: Orchestrator, clock: ManualClock, steps = 29, mode = 'ok'): Promise<LifecyclePass> {
  let last: LifecyclePass | undefined;
  for (let i = 0; i < steps; i += 1) {
    for (let n = 0; n < 20; n += 1) await o.call('faulty', 'run', { mode, value: n }, { tenant: n % 2 === 0 ? 'acme' : 'globex', splitKey: `s-${i}-${n}` });
    await o.drain();
    clock.advance(6 * HOUR);
    last = await o.lifecycle!.evaluateNow();
  }
  return last!;
}

describe('lifecycle config', () => {
  it('is refused with the path of the problem', () => {
    const base = { modules: { faulty: { import: FIXTURE } } };
    expect(() => loadConfig({ ...base, lifecycle: { defaults: { gates: { shadow: { observation: '2d' } } } } }, {})).toThrow(/config\/lifecycle\/defaults\/gates\/shadow\/observation: sets the shadow observation period to 2d/);
    expect(() => loadConfig({ ...base, lifecycle: { modules: { nope: {} } } }, {})).toThrow(/lifecycle\/modules\/nope/);
    expect(() => loadConfig({ ...base, lifecycle: { evaluateEvery: 'soon' } }, {})).toThrow(/lifecycle\/evaluateEvery: must be a duration/);
    expect(() => loadConfig({ ...base, alerts: { webhook: { url: 'ftp://x' } } }, {})).toThrow(/alerts\/webhook\/url/);
  });

  it('needs a store: the gates read their evidence from it', async () => {
    const config = loadConfig({ modules: { faulty: { import: FIXTURE } }, lifecycle: {} }, {});
    await expect(openOrchestrator(config, { env: {}, noStore: true, logger: quiet })).rejects.toMatchObject({ code: 'CONFIG_INVALID', detail: { field: 'lifecycle' } });
  });
});

describe('the lifecycle controller', () => {
  it('waits for an approval under promotion: approval, and promotes when it is given', async () => {
    const clock = manualClock(T0);
    const o = await gateway(tempDb(), clock, { promotion: 'approval' });
    await cleanWeek(o, clock);
    const ms = o.lifecycle!.state().modules['faulty']!;
    expect(ms.stage).toBe('shadow');
    expect(ms.pending).toMatchObject({ to: 'canary' });
    expect(o.status().lifecycle?.modules['faulty']?.pending).toMatchObject({ to: 'canary' });
    const records = o.lifecycle!.act({ type: 'approve', module: 'faulty', to: 'canary', by: 'ann@ops' });
    expect(records.map((r) => [r.kind, r.outcome, r.stageAfter, r.actor])).toEqual([['approval', 'applied', 'canary', 'ann@ops']]);
    expect(o.resolveMode({ module: 'faulty' })).toMatchObject({ mode: 'split', splitPercent: 5 });
  });

  it('holds a passing module while a person\'s rollback covers it, and says so', async () => {
    const clock = manualClock(T0);
    const o = await gateway(tempDb(), clock);
    o.setOverride({ module: 'faulty', tenant: 'acme', mode: 'ts_primary', lock: true, reason: 'INC-5 investigating' });
    const last = await cleanWeek(o, clock);
    expect(o.lifecycle!.state().modules['faulty']!.stage).toBe('shadow');
    expect(last.evaluations[0]!.gatePassed).toBe(true);
    expect(last.evaluations[0]!.decision).toMatchObject({ action: 'hold' });
    expect(last.evaluations[0]!.decision.reasons[0]).toMatch(/^held by rollback override \(tenant acme, by instance:.+\): INC-5 investigating$/);
    o.clearOverride({ module: 'faulty', tenant: 'acme' });
    const freed = await cleanWeek(o, clock, 1);
    expect(freed.records.map((r) => r.kind)).toEqual(['promotion']);
  });

  it("with two gateways on one store file, the second sees the first one's stage at its next pass", async () => {
    const path = tempDb();
    const clockA = manualClock(T0);
    const clockB = manualClock(T0);
    const a = await gateway(path, clockA, { id: 'gw-a' });
    const b = await gateway(path, clockB, { id: 'gw-b' });
    expect(b.resolveMode({ module: 'faulty' })).toMatchObject({ mode: 'shadow' });
    await cleanWeek(a, clockA);
    expect(a.lifecycle!.state().modules['faulty']!.stage).toBe('canary');
    clockB.advance(clockA.now() - T0);
    const pass = await b.lifecycle!.evaluateNow();
    expect(pass.committed).toBe(true);
    expect(b.lifecycle!.state().modules['faulty']!.stage).toBe('canary');
    expect(b.resolveMode({ module: 'faulty' })).toMatchObject({ mode: 'split' });
    expect(b.status().lifecycle).toMatchObject({ updatedBy: 'gw-b', modules: { faulty: { stage: 'canary' } } });
  });

  it("loses a compare-and-set to a commit made during its pass: nothing of its own is stored, the winner's state is adopted", async () => {
    const clock = manualClock(T0);
    const inner = memoryLifecycleStore();
    let interfere = false;
    const store: LifecycleStore = {
      ...inner,
      commit(expected, state, records, by, at) {
        if (interfere) {
          interfere = false;
          // Another gateway promoted the module by hand while this pass read its evidence.
          const current = inner.load();
          const t = reduce(withModules(current.state, settings, at), { type: 'promote', module: 'faulty', to: 'canary', by: 'bob@ops', reason: 'CAB-9' }, { now: at, settings });
          expect(inner.commit(current.revision, t.state, t.records, 'gw-other', at).ok).toBe(true);
        }
        return inner.commit(expected, state, records, by, at);
      },
    };
    const config = loadConfig({ modules: { faulty: { import: FIXTURE } }, shadow: { workers: 1 }, store: { path: ':memory:' }, lifecycle: lifecycle('auto') }, {});
    const diffs = openDiffStore({ path: ':memory:', redactor: createRedactor({ key: 'cas-test-key-0123456789' }) });
    const o = await createOrchestrator(config, { store: diffs, lifecycleStore: store, clock, env: {}, logger: quiet, errorSink: () => undefined });
    later(() => o.close());
    await o.start();
    clock.advance(6 * HOUR);
    expect((await o.lifecycle!.evaluateNow()).committed).toBe(true);
    interfere = true;
    clock.advance(6 * HOUR);
    const lost = await o.lifecycle!.evaluateNow();
    expect(lost).toMatchObject({ committed: false, records: [] });
    expect(o.lifecycle!.state().modules['faulty']!.stage).toBe('canary');
    expect(o.resolveMode({ module: 'faulty' })).toMatchObject({ mode: 'split' });
    expect(store.decisions().map((r) => [r.id, r.kind, r.actor])).toEqual([
      ['faulty#2', 'promotion', 'bob@ops'],
      ['faulty#1', 'hold', null],
    ]);
  });

  it('sends alerts to the webhook after the evaluation, not on its turn', async () => {
    const clock = manualClock(T0);
    const bodies: string[] = [];
    const post: WebhookPost = (_url, body) => {
      bodies.push(body);
      return Promise.resolve(204);
    };
    const o = await gateway(tempDb(), clock, { post });
    const last = await cleanWeek(o, clock, 2, 'diff');
    expect(last.evaluations[0]!.alerts.length).toBeGreaterThan(0);
    const before = bodies.length; // the last evaluation's alerts are queued, not sent on its turn
    clock.advance(0);
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(bodies.length).toBe(before + last.evaluations[0]!.alerts.length);
    const alerts = bodies.map((b) => JSON.parse(b) as { type: string; rule?: string; module?: string });
    expect(alerts).toContainEqual(expect.objectContaining({ type: 'lifecycle_alert', module: 'faulty' }));
  });
});
