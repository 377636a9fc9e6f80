// The llms-wasm CLI: `replay` over the tokenizer corpus fills the database (run in this process with a
// manual clock, so no shadow can time out because the machine is slow), then the `llms-wasm` binary
// queries it (`diffs`), applies retention and explains bad use.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { loadRuleset } from '@llms-wasm/module-kit';
import { afterAll, describe, expect, it } from 'vitest';
import { replay } from '../src/cli/replay.js';
import { manualClock } from './helpers/manual-clock.js';

const BIN = fileURLToPath(new URL('../bin/llms-wasm.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'llms-wasm-cli-'));
const db = join(dir, 'replay.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, LLMS_WASM_REDACTION_KEY: 'cli-test-key-0123456789', LLMS_WASM_MODE: 'ts_primary' };

describe('llms-wasm CLI', () => {
  it('replays the tokenizer corpus in shadow mode and prints its table', async () => {
    let stdout = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        stdout += chunk.toString('utf8');
        done();
      },
    }) as unknown as NodeJS.WriteStream;
    const previous = process.env['LLMS_WASM_REDACTION_KEY'];
    process.env['LLMS_WASM_REDACTION_KEY'] = env.LLMS_WASM_REDACTION_KEY;
    let problems: number;
    try {
      problems = await replay({ modules: ['tokenizer'], db, out, clock: manualClock(Date.now()) }); // records dated today
    } finally {
      if (previous === undefined) delete process.env['LLMS_WASM_REDACTION_KEY'];
      else process.env['LLMS_WASM_REDACTION_KEY'] = previous;
    }
    expect(problems).toBe(0);
    const run = { stdout };
    const row = run.stdout.split('\n').find((line) => line.startsWith('tokenizer '));
    expect(row).toBeDefined();
    const [, cases, calls, compared, notCompared, bothFailed, diffRate, shadowErr] = (row ?? '').trim().split(/\s{2,}/);
    expect(Number(cases)).toBeGreaterThan(0);
    expect(Number(calls)).toBeGreaterThanOrEqual(Number(cases)); // every case maps to at least one call
    expect([compared, notCompared, bothFailed, diffRate, shadowErr]).toEqual([calls, '0', '0', '0.00%', '0.00%']); // every call compared
    expect(run.stdout).toMatch(/main ms p50\/p95\/p99/);
    expect(run.stdout).toContain(`ruleset ${loadRuleset().ruleset.version}`);
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
