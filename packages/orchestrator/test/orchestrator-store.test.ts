// Records reach SQLite redacted, through openOrchestrator, and can be found again by request.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRuleset } from '@llms-wasm/module-kit';
import { loadConfig, openDiffReader, openOrchestrator } from '../src/index.js';

/** The ruleset rulesets/current.json points at (records name it). */
const CURRENT_RULESET = loadRuleset().ruleset.version;

const FIXTURE = fileURLToPath(new URL('./fixtures/faulty-module.mjs', import.meta.url));

describe('records in the store', () => {
  it('stores a redacted diff record, queryable by request id, tenant and ruleset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orch-store-'));
    const config = loadConfig({ modules: { faulty: { import: FIXTURE } }, defaults: { mode: 'shadow' }, store: { path: join(dir, 'diffs.sqlite') } }, {});
    await expect(openOrchestrator(config, { env: {} })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('LLMS_WASM_REDACTION_KEY') as string });
    const o = await openOrchestrator(config, { env: { LLMS_WASM_REDACTION_KEY: 'a-test-key-0123456789' }, logger: { warn: () => undefined, error: () => undefined } });
    await o.start();
    const secret = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD';
    await o.call('faulty', 'run', { mode: 'diff', value: `Authorization: Bearer ${secret} mail me at jane.doe@example.com` }, { requestId: 'req-1', tenant: 'acme', route: 'chat' });
    await o.close();
    const reader = openDiffReader(config.store.path);
    const [record] = reader.query({ requestId: 'req-1' });
    expect(record).toMatchObject({ module: 'faulty', tenant: 'acme', route: 'chat', status: 'diff', classification: 'logic_bug', ruleset_version: CURRENT_RULESET });
    expect(reader.query({ tenant: 'acme', ruleset: CURRENT_RULESET })).toHaveLength(1);
    reader.close();
    const bytes = ['', '-wal', '-shm'].map((suffix) => { try { return readFileSync(config.store.path + suffix).toString('latin1'); } catch { return ''; } }).join('');
    expect(bytes).not.toContain(secret.slice(8));
    expect(bytes).not.toContain('jane.doe@example.com');
    expect(JSON.stringify(record)).toContain('[secret]');
    rmSync(dir, { recursive: true, force: true });
  });
});
