// Overrides survive a restart and reach every orchestrator on the same store file (decision 0013): own
// writes go through at once, rows written by others are polled on the injected clock, a write the store
// cannot take now stays in force here and is retried, a store without a file keeps them in memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_SCHEMA_VERSION, loadConfig, openControlStore, openOrchestrator, readStatus, type ControlStore, type Orchestrator, type OrchestratorEvent } from '../src/index.js';
import { makeOverride } from '../src/modes/mode-override.js';
import { manualClock, type ManualClock } from './helpers/manual-clock.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/faulty-module.mjs', import.meta.url));
const KEY = 'control-test-key-0123456789';
const quiet = { warn: (): void => undefined, error: (): void => undefined };
let dirs: string[] = [];
let opened: { close(): unknown }[] = [];

afterEach(async () => {
  for (const o of opened.reverse()) await o.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
  opened = [];
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'llms-wasm-control-'));
  dirs.push(dir);
  return join(dir, 'store.sqlite');
}

interface Opened {
  readonly o: Orchestrator;
  readonly clock: ManualClock;
  readonly events: OrchestratorEvent[];
  readonly logs: string[];
}

async function open(path: string, options: { env?: Record<string, string>; noStore?: boolean; modules?: Record<string, unknown>; instanceId?: string } = {}): Promise<Opened> {
  const clock = manualClock();
  const events: OrchestratorEvent[] = [];
  const logs: string[] = [];
  const env = options.env ?? {};
  const config = loadConfig({ modules: options.modules ?? { faulty: { import: FIXTURE }, compat: { import: FIXTURE } }, defaults: { mode: 'shadow' }, shadow: { workers: 1 }, store: { path } }, env);
  const o = await openOrchestrator(config, {
    env,
    redactionKey: KEY,
    clock,
    logger: { warn: (line: string) => logs.push(line), error: (line: string) => logs.push(line) },
    errorSink: (event) => events.push(event),
    ...(options.noStore === true ? { noStore: true } : {}),
    ...(options.instanceId === undefined ? {} : { instanceId: options.instanceId }),
  });
  opened.push(o);
  return { o, clock, events, logs };
}

/** Another writer on the same file (what the CLI or a second gateway does). */
function other(path: string): ControlStore {
  const control = openControlStore(path);
  opened.push(control);
  return control;
}

const rollback = (module: string, reason: string, who = 'alice@ops-host'): ReturnType<typeof makeOverride> =>
  makeOverride({ module, mode: 'ts_primary', lock: true, reason, who }, null, { at: Date.now(), who, origin: 'stored' });

describe('overrides written by others', () => {
  it('are honoured at the next poll (1 s by default, on the clock), and their clearing too', async () => {
    const path = tempDb();
    const { o, clock, logs } = await open(path);
    expect(o.resolveMode({ module: 'faulty' })).toEqual({ mode: 'shadow', scope: 'global', locked: false });
    const row = other(path).insertOverride(rollback('faulty', 'INC-42 diff spike'));
    clock.advance(999);
    expect(o.resolveMode({ module: 'faulty' }).scope).toBe('global'); // not read yet
    clock.advance(1);
    expect(o.resolveMode({ module: 'faulty', tenant: 'any', headers: { 'x-wasm-mode': 'wasm_primary' } })).toMatchObject({ mode: 'ts_primary', scope: 'override', locked: true, lockedBy: 'override' });
    expect(o.overrides()).toEqual([expect.objectContaining({ id: row.id, module: 'faulty', who: 'alice@ops-host', reason: 'INC-42 diff spike', origin: 'stored' })]);
    expect(logs).toContainEqual(expect.stringMatching(new RegExp(`mode override #${row.id} from the store applied: faulty ts_primary locked \\(global\\) by alice@ops-host: INC-42 diff spike`)));
    expect(other(path).clearOverrides({ module: 'faulty' }, { who: 'bob@ops-host', reason: 'fixed', at: Date.now() })).toHaveLength(1);
    clock.advance(1000);
    expect(o.resolveMode({ module: 'faulty' }).scope).toBe('global');
    expect(o.overrides()).toEqual([]);
  });

  it('reach every orchestrator on the file; each one’s own writes reach the others', async () => {
    const path = tempDb();
    const a = await open(path, { instanceId: 'gw-a' });
    const b = await open(path, { instanceId: 'gw-b' });
    a.o.setOverride({ tenant: 'acme', module: 'compat', mode: 'wasm_primary', reason: 'canary acme' });
    b.clock.advance(1000);
    expect(b.o.resolveMode({ module: 'compat', tenant: 'acme' })).toEqual({ mode: 'wasm_primary', scope: 'tenant_override', locked: false });
    expect(b.o.overrides()).toEqual([expect.objectContaining({ who: 'instance:gw-a', origin: 'stored' })]);
    expect(b.o.clearOverride({ tenant: 'acme', module: 'compat' }, { reason: 'canary over' })).toBe(true);
    a.clock.advance(1000);
    expect(a.o.resolveMode({ module: 'compat', tenant: 'acme' }).scope).toBe('global');
  });

  it('ignore a row that does not parse, and say so once', async () => {
    const path = tempDb();
    const { o, clock, logs } = await open(path);
    const db = new Database(path);
    db.prepare(`INSERT INTO mode_overrides (module, scope, scope_id, mode, lock, reason, who, created_at) VALUES ('faulty', 'global', NULL, 'turbo', 1, 'x', 'sql', 1)`).run();
    db.close();
    other(path).insertOverride(rollback('compat', 'valid'));
    clock.advance(1000);
    clock.advance(1000);
    expect(o.overrides().map((x) => x.module)).toEqual(['compat']);
    expect(logs.filter((line) => /is ignored: override\/mode: must be one of/.test(line))).toHaveLength(1);
  });
});

describe('own overrides', () => {
  it('are written through and survive a restart; clearing keeps the row, marked', async () => {
    const path = tempDb();
    const first = await open(path, { instanceId: 'gw-1' });
    const made = first.o.setOverride({ module: 'faulty', mode: 'ts_primary', lock: true, reason: 'INC-7 rollback' });
    expect(made).toMatchObject({ id: expect.any(Number) as number, origin: 'stored', who: 'instance:gw-1' });
    expect(other(path).activeOverrides().overrides).toEqual([expect.objectContaining({ id: made.id, reason: 'INC-7 rollback' })]);
    await first.o.close();

    const second = await open(path, { instanceId: 'gw-2' });
    expect(second.o.resolveMode({ module: 'faulty' })).toMatchObject({ mode: 'ts_primary', scope: 'override', locked: true });
    expect(second.o.overrides()).toEqual([expect.objectContaining({ id: made.id, origin: 'stored', who: 'instance:gw-1' })]);
    expect(second.o.clearOverride('faulty', { reason: 'fixed in #12', who: 'carol@host' })).toBe(true);
    expect(second.o.clearOverride('faulty')).toBe(false);
    const history = other(path).overrideHistory();
    expect(history).toEqual([expect.objectContaining({ id: made.id, clearedBy: 'carol@host', clearReason: 'fixed in #12', clearedAt: expect.any(Number) as number })]);
  });

  it('replace the one with the same module and scope: the old row is cleared as replaced', async () => {
    const path = tempDb();
    const { o } = await open(path);
    const one = o.setOverride({ module: 'faulty', mode: 'wasm_primary', reason: 'promote' });
    const two = o.setOverride({ module: 'faulty', mode: 'ts_primary', lock: true, reason: 'roll back' });
    expect(o.overrides()).toEqual([expect.objectContaining({ id: two.id })]);
    expect(other(path).overrideHistory().map((r) => [r.id, r.clearReason ?? null])).toEqual([
      [two.id, null],
      [one.id, `replaced by #${two.id}`],
    ]);
  });

  it('stay in force when the store is locked, are reported once and written at a later poll', async () => {
    const path = tempDb();
    const { o, clock, events } = await open(path);
    const blocker = new Database(path);
    blocker.exec('BEGIN IMMEDIATE');
    const made = o.setOverride({ module: 'faulty', mode: 'ts_primary', lock: true, reason: 'during a lock' });
    expect(made.origin).toBe('pending');
    expect(o.resolveMode({ module: 'faulty' })).toMatchObject({ mode: 'ts_primary', scope: 'override', locked: true });
    clock.advance(1000); // still locked: retried, not reported again
    expect(events.filter((e) => e.type === 'control_store_failed')).toEqual([expect.objectContaining({ operation: 'write', pending: 1, code: 'SQLITE_BUSY' })]);
    expect(o.status().instances[0]?.overrides).toMatchObject({ persistence: 'file', pending: 1, lastError: expect.stringContaining('locked') as string });
    blocker.exec('ROLLBACK');
    blocker.close();
    clock.advance(1000);
    expect(o.overrides()).toEqual([expect.objectContaining({ origin: 'stored', reason: 'during a lock' })]);
    expect(o.status().instances[0]?.overrides).toMatchObject({ pending: 0, lastError: null });
  });

  it('are redacted before they are stored', async () => {
    const path = tempDb();
    const { o } = await open(path);
    o.setOverride({ module: 'faulty', mode: 'ts_primary', reason: 'upstream said Bearer abcdefghijklmnopqrstuvwxyz012345' });
    expect(other(path).activeOverrides().overrides[0]?.reason).toBe('upstream said Bearer [secret]');
  });
});

describe('without a store file', () => {
  it.each([
    ['store.path :memory:', ':memory:', false],
    ['noStore', 'ignored.sqlite', true],
  ] as const)('%s keeps overrides in memory and says so in status', async (_, path, noStore) => {
    const { o } = await open(path, { noStore });
    expect(o.setOverride({ module: 'faulty', mode: 'ts_primary', reason: 'x' }).origin).toBe('memory');
    const status = o.status();
    expect(status.store).toEqual({ path: null, persistence: 'memory', schemaVersion: null });
    expect(status.overrides).toEqual([expect.objectContaining({ module: 'faulty', origin: 'memory', id: null })]);
    expect(status.instances).toHaveLength(1);
    expect(status.instances[0]?.overrides.persistence).toBe('memory');
    expect(o.clearOverride('faulty')).toBe(true);
  });
});

describe('heartbeats and status', () => {
  it('an instance reports its runtimes, modes and shadow pool; stops and goes stale visibly', async () => {
    const path = tempDb();
    const { o, clock } = await open(path, { instanceId: 'gw-h', env: { LLMS_WASM_ROLLBACK: 'compat' }, modules: { faulty: { import: FIXTURE }, compat: { import: FIXTURE }, broken: { import: FIXTURE } } });
    const starting = readStatus(path).instances;
    expect(starting).toEqual([expect.objectContaining({ id: 'gw-h', health: 'live', runtimes: expect.objectContaining({ faulty: { ts: { state: 'starting' }, wasm: { state: 'starting' } } }) as unknown })]);
    await o.start();
    const status = readStatus(path);
    const self = status.instances[0];
    expect(self).toMatchObject({ id: 'gw-h', pid: process.pid, health: 'live', heartbeatMs: 2000, rollback: ['compat'], stoppedAt: null });
    expect(self?.runtimes['faulty']).toEqual({ ts: { state: 'ready' }, wasm: { state: 'ready' } });
    expect(self?.runtimes['broken']?.wasm).toEqual({ state: 'failed', reason: expect.stringContaining('the binary is missing') as string });
    expect(self?.modes['compat']).toMatchObject({ mode: 'ts_primary', scope: 'rollback' });
    expect(self?.modes['broken']).toMatchObject({ mode: 'ts_primary', scope: 'override' }); // the local degradation
    expect(self?.shadowPool).toMatchObject({ state: 'ready', workers: 1, configuredWorkers: 1 });
    // The degradation is a fact about this instance: it is never written to the store.
    expect(status.overrides).toEqual([]);
    // Without the config, a module's own line says what the stored overrides alone decide; with it, the config counts too.
    expect(status.modules['compat']).toMatchObject({ mode: 'ts_primary', scope: 'default', instances: { 'gw-h': { mode: 'ts_primary', scope: 'rollback' } } });
    const config = loadConfig({ modules: { compat: { import: FIXTURE } }, defaults: { mode: 'shadow' } }, {});
    expect(readStatus(path, { config }).modules).toEqual({ compat: expect.objectContaining({ mode: 'shadow', scope: 'global' }) as unknown });

    const seen = self === undefined ? 0 : Date.parse(self.lastSeen);
    expect(readStatus(path, { now: seen + 6000 }).instances[0]?.health).toBe('live');
    expect(readStatus(path, { now: seen + 6001 }).instances[0]?.health).toBe('stale');
    expect(readStatus(path, { now: seen + 6001 }).modules['compat']?.instances).toEqual({}); // stale instances report nothing
    clock.advance(2000); // the next beat
    expect(Date.parse(readStatus(path).instances[0]?.lastSeen ?? '')).toBeGreaterThanOrEqual(seen);
    await o.close();
    expect(readStatus(path).instances[0]).toMatchObject({ id: 'gw-h', health: 'stopped', stoppedAt: expect.any(String) as string });
  });

  it('status() of a running orchestrator lists itself and the others on the file', async () => {
    const path = tempDb();
    const a = await open(path, { instanceId: 'gw-a' });
    await open(path, { instanceId: 'gw-b' });
    const status = a.o.status();
    expect(status.store).toEqual({ path, persistence: 'file', schemaVersion: STORE_SCHEMA_VERSION });
    expect(status.instances.map((i) => i.id)).toEqual(['gw-a', 'gw-b']);
    expect(Object.keys(status.modules)).toEqual(['faulty', 'compat']);
  });

  it('readStatus refuses a file that does not exist, and reads an old store as empty', () => {
    expect(() => readStatus(join(tmpdir(), 'llms-wasm-no-such-store.sqlite'))).toThrow(expect.objectContaining({ code: 'STORE_FAILED' }));
    const path = tempDb();
    const db = new Database(path);
    db.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT; INSERT INTO meta VALUES ('schema_version', '1')`);
    db.close();
    expect(readStatus(path, { modules: ['tokenizer'] })).toMatchObject({ store: { schemaVersion: 1 }, overrides: [], instances: [], modules: { tokenizer: { mode: 'ts_primary', scope: 'default' } } });
  });
});
