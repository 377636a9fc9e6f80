// The lifecycle commands on a store filled by one replay (what `npm run main` leaves): `gates` judges it
// inconclusive (observation period not met), never `promote`; a `rollback` then shows the module held by
// it; `promote` approves or promotes by hand and refuses `removed`; `decisions` lists every record; and
// `status` shows the stages. The binary runs in its own process, like an operator's shell.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLifecycleStore, resolveLifecycle, withModules, type DecisionRecord, type Evaluation, type StatusReport } from '@llms-wasm/orchestrator';
import { manualClock } from '@llms-wasm/orchestrator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../src/commands/replay.js';
import { memoryIo } from './helpers/memory-io.js';

const BIN = fileURLToPath(new URL('../bin/llms-wasm.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'llms-wasm-lifecycle-cli-'));
const db = join(dir, 'replay.sqlite');
const KEY = 'lifecycle-cli-key-0123456789';
const env = { PATH: process.env['PATH'] ?? '', HOME: dir, LLMS_WASM_REDACTION_KEY: KEY };
const cli = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const run = spawnSync(process.execPath, [BIN, ...args], { env, cwd: dir, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};
interface GatesJson {
  readonly modules: readonly { readonly module: string; readonly state: string; readonly stage: string; readonly decision: string; readonly evaluation: Evaluation }[];
}
const gatesJson = (...args: string[]): GatesJson => {
  const run = cli('gates', '--json', '--db', db, ...args);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as GatesJson;
};

beforeAll(async () => {
  const io = memoryIo({ LLMS_WASM_REDACTION_KEY: KEY });
  expect(await replay({ modules: ['tokenizer'], db, io, clock: manualClock(Date.now()) })).toBe(0);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('llms-wasm gates, promote, decisions', () => {
  it('judges a store filled by one replay inconclusive: the observation period is not met', () => {
    const report = gatesJson();
    expect(report.modules.map((m) => m.module)).toEqual(['compat', 'routing', 'streaming', 'tokenizer', 'tools']);
    for (const m of report.modules) expect(m.decision).not.toBe('promote');
    const tokenizer = report.modules.find((m) => m.module === 'tokenizer')!;
    expect(tokenizer).toMatchObject({ state: 'initial', stage: 'shadow', decision: 'hold' });
    const criteria = Object.fromEntries(tokenizer.evaluation.criteria.map((c) => [c.name, c]));
    expect(criteria['observation']).toMatchObject({ verdict: 'inconclusive', threshold: 7 * 86_400_000 });
    expect(criteria['diff_rate']).toMatchObject({ value: 0, threshold: 0.0001 });
    expect(criteria['diff_rate']!.bound).toBeGreaterThan(0.0001); // the upper bound, not the raw 0, is judged
    expect(criteria['liveness']).toMatchObject({ verdict: 'pass' });
    expect(tokenizer.evaluation.samples.compared).toBeGreaterThan(0);
    // Text output: each criterion with value, bound, threshold and verdict.
    const text = cli('gates', '--db', db, '--module', 'tokenizer');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/tokenizer {2}stage shadow {2}decision hold/);
    expect(text.stdout).toMatch(/criterion +value +bound +threshold +samples +verdict/);
    expect(text.stdout).toMatch(/observation .* inconclusive/);
  });

  it('evaluates at a past time as a dry run over history (before the replay: no data, still inconclusive)', () => {
    const report = gatesJson('--module', 'tokenizer', '--at', '2020-01-01T00:00:00Z');
    const [tokenizer] = report.modules;
    expect(tokenizer!.evaluation.samples).toMatchObject({ calls: 0, compared: 0 });
    expect(tokenizer!.evaluation.criteria.find((c) => c.name === 'samples')).toMatchObject({ verdict: 'inconclusive', value: 0 });
    expect(tokenizer!.decision).toBe('hold');
  });

  it('shows the module held by a rollback', () => {
    const run = cli('rollback', '--module', 'tokenizer', '--reason', 'INC-12 diff spike', '--db', db);
    expect(run.status, run.stderr).toBe(0);
    const tokenizer = gatesJson('--module', 'tokenizer').modules[0]!;
    expect(tokenizer.decision).toBe('hold');
    expect(tokenizer.evaluation.decision.reasons[0]).toMatch(/^held by rollback override \(module, by .+\): INC-12 diff spike$/);
    const text = cli('gates', '--db', db, '--module', 'tokenizer');
    expect(text.stdout).toMatch(/- held by rollback override .*INC-12 diff spike/);
    expect(cli('clear-override', '--module', 'tokenizer', '--reason', 'resolved', '--db', db).status).toBe(0);
  });

  it('promotes by hand with a reason, refuses removed, records both, and status shows the stage', () => {
    const up = cli('promote', '--module', 'tokenizer', '--reason', 'canary approved in CAB-7', '--db', db);
    expect(up.status, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/tokenizer#1 promotion applied: shadow → canary: canary approved in CAB-7/);
    const removed = cli('promote', '--module', 'tokenizer', '--to', 'removed', '--reason', 'too early', '--db', db);
    expect(removed.status).toBe(1);
    expect(removed.stdout).toMatch(/tokenizer#2 promotion refused: canary → canary/);
    const bad = cli('promote', '--module', 'nope', '--reason', 'x', '--db', db);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown module "nope"/);
    const noReason = cli('promote', '--module', 'tokenizer', '--db', db);
    expect(noReason.status).toBe(2);
    expect(noReason.stderr).toMatch(/--reason/);

    const list = cli('decisions', '--json', '--db', db);
    expect(list.status, list.stderr).toBe(0);
    const records = JSON.parse(list.stdout) as DecisionRecord[];
    expect(records.map((r) => [r.id, r.kind, r.outcome, r.stageBefore, r.stageAfter, r.trigger])).toEqual([
      ['tokenizer#2', 'promotion', 'refused', 'canary', 'canary', 'manual'],
      ['tokenizer#1', 'promotion', 'applied', 'shadow', 'canary', 'manual'],
    ]);
    expect(records[1]!.actor).toMatch(/@/);
    expect(records[1]!.config).toBeTruthy();

    const status = cli('status', '--json', '--db', db);
    const report = JSON.parse(status.stdout) as StatusReport;
    expect(report.lifecycle?.modules['tokenizer']).toMatchObject({ stage: 'canary', decisions: 2, pending: null });
    expect(cli('status', '--db', db).stdout).toMatch(/tokenizer +canary/);
    // The gates now judge the stored canary state.
    expect(gatesJson('--module', 'tokenizer').modules[0]).toMatchObject({ state: 'stored', stage: 'canary', decision: 'hold' });
  });

  it('refuses to roll back a module in the removed stage: TS is not loaded', () => {
    const store = openLifecycleStore(db);
    try {
      const stored = store.load();
      const settings = resolveLifecycle(undefined, ['tokenizer', 'tools', 'compat', 'streaming', 'routing']);
      const state = withModules(stored.state, settings, Date.now());
      const tools = { ...state.modules['tools']!, stage: 'removed' as const, releases: null };
      expect(store.commit(stored.revision, { ...state, modules: { ...state.modules, tools } }, [], 'test', Date.now()).ok).toBe(true);
    } finally {
      store.close();
    }
    const run = cli('rollback', '--module', 'tools', '--reason', 'x', '--db', db);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/tools is in the removed stage: TS is not loaded/);
  });
});
