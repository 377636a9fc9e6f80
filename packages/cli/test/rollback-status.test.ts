// Issue 7 section 7's contract: `llms-wasm rollback` (another process, the real binary) writes a locked
// override to the store; `llms-wasm status --json` shows it with who, why and when, and the instances on
// the store; an orchestrator running on that store honours it within 5 s — on its manual clock, at its
// next 1 s poll — and `clear-override` lifts it the same way.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STORE_SCHEMA_VERSION, loadConfig, openControlStore, openOrchestrator, type Orchestrator, type StatusReport } from '@llms-wasm/orchestrator';
import { manualClock } from '@llms-wasm/orchestrator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI_DIR = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(CLI_DIR, 'bin', 'llms-wasm.js');
const dir = mkdtempSync(join(tmpdir(), 'llms-wasm-rollback-'));
const db = join(dir, 'gateway.sqlite');
const clock = manualClock();
const env = { PATH: process.env['PATH'] ?? '', HOME: dir };
const ME = `${userInfo().username}@${hostname()}`;
// The gateway's heartbeat runs on the manual clock, but `status` judges it against the wall clock (an
// instance is stale after three silent intervals). 20 s intervals leave a minute of wall time between a
// heartbeat and the CLI reading it, however slowly the spawned binaries start on a busy machine (at the
// default 2 s, six seconds of a loaded machine made the gateway look stale).
const HEARTBEAT_MS = 20_000;
let o: Orchestrator;

const cli = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const run = spawnSync(process.execPath, [BIN, ...args], { env, cwd: dir, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};
const statusJson = (): StatusReport => {
  const run = cli('status', '--json', '--db', db);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as StatusReport;
};

beforeAll(async () => {
  const config = loadConfig({ modules: { tokenizer: { import: '@llms-wasm/tokenizer' } }, defaults: { mode: 'shadow' }, shadow: { workers: 1 }, store: { path: db }, control: { heartbeatMs: HEARTBEAT_MS } }, {}, { baseDir: CLI_DIR });
  o = await openOrchestrator(config, { env: {}, redactionKey: 'rollback-test-key-0123456789', clock, instanceId: 'gw-test', logger: { warn: () => undefined, error: () => undefined } });
  await o.start();
});
afterAll(async () => {
  await o.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('llms-wasm rollback, status and a running orchestrator', () => {
  it('rollback writes a locked override that status --json shows with who, why and when', () => {
    expect(o.resolveMode({ module: 'tokenizer' })).toEqual({ mode: 'shadow', scope: 'global', locked: false });
    const before = Date.now();
    const run = cli('rollback', '--module', 'tokenizer', '--reason', 'INC-9 diff spike', '--db', db);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`rolled back tokenizer to a locked ts_primary \\(global\\): override #1 by ${ME}`));
    expect(run.stdout).toMatch(/1 live orchestrator\(s\) on .* apply it at their next poll/);

    const status = statusJson();
    expect(status).toMatchObject({ version: 1, store: { path: db, persistence: 'file', schemaVersion: STORE_SCHEMA_VERSION } });
    expect(status.overrides).toEqual([
      { id: 1, module: 'tokenizer', scope: 'global', tenant: null, route: null, mode: 'ts_primary', lock: true, splitPercent: null, reason: 'INC-9 diff spike', who: ME, createdAt: expect.any(String) as string, origin: 'stored' },
    ]);
    expect(Date.parse(status.overrides[0]?.createdAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(status.modules['tokenizer']).toMatchObject({ mode: 'ts_primary', scope: 'override', locked: true, lockedBy: 'override' });
    // The instance has not polled yet: its heartbeat still says shadow.
    expect(status.instances).toEqual([expect.objectContaining({ id: 'gw-test', pid: process.pid, health: 'live', runtimes: { tokenizer: { ts: { state: 'ready' }, wasm: { state: 'ready' } } } })]);
    expect(status.modules['tokenizer']?.instances).toEqual({ 'gw-test': { mode: 'shadow', scope: 'global', locked: false, lockedBy: null, splitPercent: null } });
  });

  it('the running orchestrator honours it at its next poll (within 5 s), for every call', async () => {
    clock.advance(999);
    expect(o.resolveMode({ module: 'tokenizer' }).mode).toBe('shadow');
    clock.advance(1); // 1 s after the orchestrator's last poll
    expect(o.resolveMode({ module: 'tokenizer', tenant: 'acme', route: 'chat', headers: { 'x-wasm-mode': 'wasm_primary' } })).toMatchObject({ mode: 'ts_primary', scope: 'override', locked: true, lockedBy: 'override' });
    const submitted = o.shadow.stats.submitted;
    await expect(o.call('tokenizer', 'countTokens', { text: 'hello world' }, { requestId: 'after-rollback' })).resolves.toBeDefined();
    expect(o.shadow.stats.submitted).toBe(submitted); // ts_primary: TypeScript served, nothing shadowed
    clock.advance(HEARTBEAT_MS - 1000); // the next heartbeat reports the new mode
    expect(statusJson().modules['tokenizer']?.instances['gw-test']).toMatchObject({ mode: 'ts_primary', scope: 'override', locked: true });
  });

  it('clear-override lifts it the same way, and the history keeps it', () => {
    const run = cli('clear-override', '--module', 'tokenizer', '--reason', 'fixed in #31', '--db', db);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`cleared override #1 \\(tokenizer ts_primary locked, global\\) set by ${ME}: INC-9 diff spike`));
    clock.advance(1000);
    expect(o.resolveMode({ module: 'tokenizer' })).toEqual({ mode: 'shadow', scope: 'global', locked: false });
    expect(statusJson().overrides).toEqual([]);
    const history = openControlStore(db, { readonly: true });
    expect(history.overrideHistory()).toEqual([expect.objectContaining({ id: 1, reason: 'INC-9 diff spike', who: ME, clearedBy: ME, clearReason: 'fixed in #31' })]);
    history.close();
    expect(cli('clear-override', '--module', 'tokenizer', '--reason', 'again', '--db', db)).toMatchObject({ status: 1, stdout: 'no override in force matches: nothing cleared\n' });
  });

  it('rolls back every module for one tenant', () => {
    expect(cli('rollback', '--all', '--tenant', 'acme', '--reason', 'acme complains', '--db', db).status).toBe(0);
    expect(statusJson().overrides).toEqual([expect.objectContaining({ module: null, scope: 'tenant', tenant: 'acme', lock: true })]);
    clock.advance(1000);
    expect(o.resolveMode({ module: 'tokenizer', tenant: 'acme' })).toMatchObject({ mode: 'ts_primary', scope: 'tenant_override', lockedBy: 'tenant_override' });
    expect(o.resolveMode({ module: 'tokenizer', tenant: 'other' }).mode).toBe('shadow');
    expect(cli('clear-override', '--id', '2', '--reason', 'done', '--db', db).status).toBe(0);
  });

  it('explains bad use: no reason, an unknown module, both scopes, a store that does not exist', () => {
    expect(cli('rollback', '--module', 'tokenizer', '--db', db)).toMatchObject({ status: 2, stderr: expect.stringContaining('--reason "..." is required') as string });
    expect(cli('rollback', '--module', 'tokeniser', '--reason', 'x', '--db', db)).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown module "tokeniser" (known here: tokenizer, tools, compat, streaming, routing)') as string });
    expect(cli('rollback', '--module', 'tokenizer', '--tenant', 'a', '--route', 'b', '--reason', 'x', '--db', db)).toMatchObject({ status: 2, stderr: expect.stringContaining('give --tenant or --route, not both') as string });
    expect(cli('rollback', '--module', 'tokenizer', '--reason', 'x', '--db', join(dir, 'typo.sqlite'))).toMatchObject({ status: 2, stderr: expect.stringContaining('no store at') as string });
    expect(cli('status', '--db', join(dir, 'typo.sqlite'))).toMatchObject({ status: 2 });
    expect(cli('rollback', '--modul', 'tokenizer')).toMatchObject({ status: 2, stderr: expect.stringContaining("Unknown option '--modul'") as string });
  });

  it('prints a readable status without --json', () => {
    clock.advance(HEARTBEAT_MS); // a heartbeat reports what the instance has in force now (the overrides were cleared)
    const run = cli('status', '--db', db);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^store: .*gateway\\.sqlite \\(schema ${STORE_SCHEMA_VERSION}; overrides persist in the file\\)`));
    // Without --config the module's own line is what the stored overrides decide; each instance's mode follows.
    expect(run.stdout).toMatch(/tokenizer\s+ts_primary\s+default\s+-\s+gw-test: shadow \(global\)/);
    expect(run.stdout).toMatch(/modes from the stored overrides only/);
    expect(run.stdout).toMatch(/overrides in force: 0/);
    expect(run.stdout).toMatch(/gw-test\s+\S+\s+\d+\s+live/);
  });
});
