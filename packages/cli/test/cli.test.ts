// The llms-wasm CLI: `replay` over the tokenizer corpus fills the database (run in this process with a
// manual clock, so no shadow can time out because the machine is slow), then the `llms-wasm` binary
// queries it (`diffs`), applies retention and explains bad use.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRuleset } from '@llms-wasm/module-kit';
import { createRedactor, openDiffReader, openDiffStore } from '@llms-wasm/orchestrator';
import { manualClock } from '@llms-wasm/orchestrator/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { replay } from '../src/commands/replay.js';
import { memoryIo } from './helpers/memory-io.js';

const BIN = fileURLToPath(new URL('../bin/llms-wasm.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'llms-wasm-cli-'));
const db = join(dir, 'replay.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, LLMS_WASM_REDACTION_KEY: 'cli-test-key-0123456789', LLMS_WASM_MODE: 'ts_primary' };

describe('llms-wasm CLI', () => {
  it('replays the tokenizer corpus in shadow mode and prints its table', async () => {
    const io = memoryIo({ LLMS_WASM_REDACTION_KEY: env.LLMS_WASM_REDACTION_KEY });
    const problems = await replay({ modules: ['tokenizer'], db, io, clock: manualClock(Date.now()) }); // records dated today
    expect(problems).toBe(0);
    const run = { stdout: io.stdout() };
    const row = run.stdout.split('\n').find((line) => line.startsWith('tokenizer '));
    expect(row).toBeDefined();
    const [, cases, calls, compared, notCompared, bothFailed, diffRate, shadowErr] = (row ?? '').trim().split(/\s{2,}/);
    expect(Number(cases)).toBeGreaterThan(0);
    expect(Number(calls)).toBeGreaterThanOrEqual(Number(cases)); // every case maps to at least one call
    expect([compared, notCompared, bothFailed, diffRate, shadowErr]).toEqual([calls, '0', '0', '0.00%', '0.00%']); // every call compared
    expect(run.stdout).toMatch(/main ms p50\/p95\/p99/);
    expect(run.stdout).toContain(`ruleset ${loadRuleset().ruleset.version}`);
  });

  it('stores the run once, with the versions it compared and its counts', () => {
    const reader = openDiffReader(db);
    try {
      const runs = reader.runs();
      expect(runs).toHaveLength(1);
      const [run] = runs;
      expect(run?.modules).toEqual(['tokenizer']);
      expect(run?.versions).toMatchObject({
        ts_version: expect.stringMatching(/^tokenizer=.*@\d+\.\d+\.\d+/) as string,
        wasm_version: expect.stringMatching(/^tokenizer@\d+\.\d+\.\d+#sha256:[0-9a-f]{64}$/) as string,
        ruleset_version: loadRuleset().ruleset.version,
        compat_profile_version: '',
        sse_protocol_version: loadRuleset().ruleset.sse_protocol.version,
      });
      const report = run?.report as Record<string, { calls: number; compared: number; diffs: number }>;
      expect(report['tokenizer']?.compared).toBe(report['tokenizer']?.calls);
      expect(report['tokenizer']?.diffs).toBe(0);
      // Every call counted in the minute summaries too, with its versions.
      const [summary] = reader.summary({ module: 'tokenizer' });
      expect(summary?.calls).toBe(report['tokenizer']?.calls);
    } finally {
      reader.close();
    }
  });

  it('queries what replay stored', () => {
    const counts = JSON.parse(execFileSync(process.execPath, [BIN, 'diffs', '--db', db, '--counts', '--json'], { env, encoding: 'utf8' })) as { module: string; status: string; count: number }[];
    expect(counts).toHaveLength(1);
    expect(counts[0]).toMatchObject({ module: 'tokenizer', status: 'match', classification: null });
    expect(counts[0]?.count).toBeGreaterThan(0);
    const none = JSON.parse(execFileSync(process.execPath, [BIN, 'diffs', '--db', db, '--module', 'tokenizer', '--status', 'diff', '--json'], { env, encoding: 'utf8' })) as unknown[];
    expect(none).toEqual([]);
  });

  it('applies retention on demand', () => {
    const run = spawnSync(process.execPath, [BIN, 'retention', '--db', db, '--full-days', '7', '--summary-days', '30'], { env, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/deleted 0 full record\(s\) and 0 summary row\(s\)/); // everything here is from today
  });

  it('explains bad use instead of crashing', () => {
    const missing = spawnSync(process.execPath, [BIN, 'diffs', '--db', join(tmpdir(), 'does-not-exist.sqlite')], { env, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the diff store/);
    const unknown = spawnSync(process.execPath, [BIN, 'frobnicate'], { env, encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toMatch(/usage:/);
  });
});

const KEY = 'identifier-test-key-0123456789';
const PROVIDER_ID = 'chatcmpl-AbC9xYz8Qw3Er5Ty7Ui9Op1As2Df4';
const CARRIER = 'req-sk-proj-abcdefghijklmnopqrstuvwxyz012345';
const baseRecord = (id: string, requestId: string): Parameters<ReturnType<typeof openDiffStore>['write']>[0] => ({
  id: `rec-${id}`, requestId, tenant: 'acme', route: '/v1/chat', module: 'tools', operation: 'parse', runtime_main: 'ts', runtime_shadow: 'wasm',
  ruleset_version: 'v1', module_version: '0.1.0', wasm_digest: '', llms_version: '', status: 'diff', diff_summary: null, classification: 'logic_bug', owner: 'team', fix_location: 'wasm core',
  latency_main_ms: 1, latency_shadow_ms: 2, shadow_error: null, payload_refs: null, timestamp: Date.now(),
});

describe('llms-wasm diffs applies the identifier rule to lookups (decision 0008)', () => {
  it('llms-wasm diffs --request-id finds a provider id; with the key, a hashed one too', async () => {
    const path = join(dir, 'ids.sqlite');
    const store = openDiffStore({ path, redactor: createRedactor({ key: KEY }), retention: { intervalMs: 0 }, clock: manualClock() });
    store.write(baseRecord('p', PROVIDER_ID));
    store.write(baseRecord('c', CARRIER));
    await store.close();
    const run = (requestId: string, env: Record<string, string>): { status: number | null; ids: string[]; stderr: string } => {
      const r = spawnSync(process.execPath, [BIN, 'diffs', '--db', path, '--request-id', requestId, '--json'], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' });
      return { status: r.status, ids: r.status === 0 ? (JSON.parse(r.stdout) as { id: string }[]).map((x) => x.id) : [], stderr: r.stderr };
    };
    expect(run(PROVIDER_ID, {})).toMatchObject({ status: 0, ids: ['rec-p'] });
    expect(run(CARRIER, { LLMS_WASM_REDACTION_KEY: KEY })).toMatchObject({ status: 0, ids: ['rec-c'] });
    const keyless = run(CARRIER, {});
    expect(keyless.status).toBe(2);
    expect(keyless.stderr).toMatch(/stored as a keyed hash/);
  });
});

describe('llms-wasm output into a closed pipe', () => {
  it('finishes quietly when its reader has gone (`llms-wasm help | head -0`), without an EPIPE crash', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'help'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader goes away before the CLI has even started: every write it makes meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toContain('Unhandled');
    expect(code).toBe(0);
  });
});
