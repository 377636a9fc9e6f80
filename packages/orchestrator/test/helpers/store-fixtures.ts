// Shared by the store and redaction tests: temporary store files cleaned up after each test, and a
// plain valid DiffRecord to vary.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { DiffRecord } from '../../src/records/diff-record.js';
import type { DiffStore } from '../../src/store/diff-store.js';

/** Registers cleanup for the calling test file; returns helpers that create files and track stores. */
export function tempStores(): { tempPath: () => string; track: (store: DiffStore) => DiffStore } {
  let dirs: string[] = [];
  let stores: DiffStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    dirs = [];
    stores = [];
  });
  return {
    tempPath: () => {
      const dir = mkdtempSync(join(tmpdir(), 'llms-wasm-store-'));
      dirs.push(dir);
      return join(dir, 'diffs.db');
    },
    track: (store) => {
      stores.push(store);
      return store;
    },
  };
}

/** A valid `diff` record of the tools module; `over` replaces any field. */
export function baseRecord(id: string | number, over: Partial<DiffRecord> = {}): DiffRecord {
  return {
    id: `rec-${id}`,
    requestId: `req-${id}`,
    tenant: 'acme',
    route: '/v1/chat',
    module: 'tools',
    operation: 'parse',
    runtime_main: 'ts',
    runtime_shadow: 'wasm',
    ruleset_version: 'v1',
    module_version: '0.1.0',
    wasm_digest: 'ab'.repeat(32),
    llms_version: '@jsonstudio/llms@0.6.3689',
    status: 'diff',
    diff_summary: null,
    classification: 'logic_bug',
    owner: 'team',
    fix_location: 'wasm core',
    latency_main_ms: 1,
    latency_shadow_ms: 2,
    shadow_error: null,
    payload_refs: null,
    timestamp: Date.now(),
    ...over,
  };
}
