import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test as fcTest } from '@fast-check/vitest';
import Database from 'better-sqlite3';
import { describe, expect, test, vi } from 'vitest';
import { isOrchestratorError } from '../src/errors.js';
import type { Classification, ComparisonStatus, DiffRecord } from '../src/records/diff-record.js';
import { createRedactor } from '../src/redact/redactor.js';
import { openDiffStore, type DiffStore } from '../src/store/diff-store.js';
import type { DiffStoreOptions, StoreLogger } from '../src/store/options.js';
import { sampleOf } from '../src/store/record-row.js';
import { SCHEMA_VERSION } from '../src/store/schema.js';
import { baseRecord, tempStores } from './helpers/store-fixtures.js';
import { manualClock } from './helpers/manual-clock.js';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STATUSES: ComparisonStatus[] = ['match', 'diff', 'shadow_error', 'skipped'];
const CLASSES: (Classification | null)[] = ['compat_issue', 'logic_bug', 'nondeterministic', 'data_quality', null];

const { tempPath, track } = tempStores();

const quiet: StoreLogger = { info: () => {}, warn: () => {}, error: () => {} };

function open(options: Partial<DiffStoreOptions> = {}): DiffStore {
  const store = openDiffStore({ path: tempPath(), redactor: 'disabled-for-tests', logger: quiet, retention: { intervalMs: 0 }, clock: manualClock(), ...options });
  track(store);
  return store;
}

/** A varied record: the i-th of a deterministic mix of modules, tenants, routes, rulesets, statuses. */
function record(i: number, over: Partial<DiffRecord> = {}): DiffRecord {
  const status = STATUSES[i % 4] ?? 'diff';
  return {
    id: `rec-${String(i).padStart(4, '0')}`,
    requestId: `req-${i % 7}`,
    tenant: i % 5 === 0 ? null : `tenant-${i % 3}`,
    route: i % 6 === 0 ? null : `/v1/route-${i % 2}`,
    module: ['tools', 'tokenizer', 'compat'][i % 3] ?? 'tools',
    operation: i % 2 === 0 ? 'parse' : 'count',
    runtime_main: 'ts',
    runtime_shadow: 'wasm',
    ruleset_version: `v${1 + (i % 2)}`,
    module_version: '0.1.0',
    wasm_digest: 'cd'.repeat(32),
    llms_version: '@jsonstudio/llms@0.6.3689',
    status,
    diff_summary: status === 'diff' ? { entries: [{ path: '/a', kind: 'changed', left: '1', right: '2' }], paths: ['/a'], kinds: ['changed'], truncated: false } : null,
    classification: status === 'match' ? null : (CLASSES[i % 5] ?? null),
    owner: 'team',
    fix_location: 'wasm core',
    latency_main_ms: 1 + (i % 10),
    latency_shadow_ms: i % 9 === 0 ? null : 2 + (i % 4),
    shadow_error: status === 'shadow_error' ? { code: 'WASM_TRAP', message: 'unreachable', stack_hash: 'stack:0123456789abcdef' } : null,
    payload_refs: i % 2 === 0 ? { input: { messages: [{ role: 'user', content: `hi ${i}` }] } } : null,
    timestamp: NOW - i * 60_000,
    ...over,
  };
}

const newestFirst = (a: DiffRecord, b: DiffRecord): number => b.timestamp - a.timestamp || (b.id < a.id ? -1 : 1);

describe('round trip and queries', () => {
  const records = Array.from({ length: 120 }, (_, i) => record(i));
  const stored = records.filter((r) => r.status !== 'match').sort(newestFirst);

  test('every non-match record comes back exactly as written, newest first', async () => {
    const store = open();
    records.forEach((r) => store.write(r));
    await store.flush();
    expect(store.stats()).toMatchObject({ queued: 0, written: 120, stored: 90, dropped: 0, failedWrites: { total: 0 } });
    expect(store.query({ limit: 1000 })).toEqual(stored);
  });

  test('each indexed field filters; time ranges, limit and offset page newest first', async () => {
    const store = open();
    records.forEach((r) => store.write(r));
    await store.flush();
    const cases: [Parameters<DiffStore['query']>[0], (r: DiffRecord) => boolean][] = [
      [{ requestId: 'req-3' }, (r) => r.requestId === 'req-3'],
      [{ module: 'tokenizer' }, (r) => r.module === 'tokenizer'],
      [{ operation: 'count' }, (r) => r.operation === 'count'],
      [{ tenant: 'tenant-2' }, (r) => r.tenant === 'tenant-2'],
      [{ route: '/v1/route-1' }, (r) => r.route === '/v1/route-1'],
      [{ ruleset: 'v2' }, (r) => r.ruleset_version === 'v2'],
      [{ classification: 'logic_bug' }, (r) => r.classification === 'logic_bug'],
      [{ status: 'shadow_error' }, (r) => r.status === 'shadow_error'],
      [{ from: NOW - 30 * 60_000, to: NOW - 10 * 60_000 }, (r) => r.timestamp >= NOW - 30 * 60_000 && r.timestamp < NOW - 10 * 60_000],
      [{ module: 'tools', status: 'diff', tenant: 'tenant-1' }, (r) => r.module === 'tools' && r.status === 'diff' && r.tenant === 'tenant-1'],
    ];
    for (const [filter, keep] of cases) expect(store.query({ ...filter, limit: 1000 })).toEqual(stored.filter(keep));
    expect(store.query()).toHaveLength(90); // under the default limit of 100
    expect(store.query({ limit: 10, offset: 5 })).toEqual(stored.slice(5, 15));
  });

  test('summaries count every record written, matches included, per classification and status', async () => {
    const store = open();
    records.forEach((r) => store.write(r));
    await store.flush();
    const expected = new Map<string, number>();
    for (const r of records) {
      // A skip is counted by its reason, not a classification (a record written directly has reason `record`).
      const key = `${r.module}|${r.status === 'skipped' ? null : r.classification}|${r.status}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const rows = store.countByClassification();
    expect(new Map(rows.map((row) => [`${row.module}|${row.classification}|${row.status}`, row.count]))).toEqual(expected);
    expect(store.countByClassification({ status: 'match' }).reduce((n, row) => n + row.count, 0)).toBe(30);
  });

  test('summary() gives per-module counts and latency percentiles within one bucket of the exact ones', async () => {
    const store = open();
    records.forEach((r) => store.write(r));
    await store.flush();
    /** The exact nearest-rank quantile. */
    const exact = (values: readonly number[], q: number): number | null => {
      if (values.length === 0) return null;
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1] ?? null;
    };
    const close = (got: number | null, want: number | null): void => {
      if (want === null) return void expect(got).toBeNull();
      expect(got).not.toBeNull();
      // Reported as the bucket's edge away from zero: never below, at most 1/16 beyond (signed deltas: toward +inf).
      expect(got as number).toBeGreaterThanOrEqual(want - 1e-9);
      expect(got as number).toBeLessThanOrEqual(want + Math.abs(want) / 16 + 1e-9);
    };
    const modules = store.summary();
    expect(modules.map((s) => s.module)).toEqual(['compat', 'tokenizer', 'tools']);
    for (const s of modules) {
      const mine = records.filter((r) => r.module === s.module);
      const compared = mine.filter((r) => r.status !== 'skipped');
      const shadow = compared.flatMap((r) => (r.latency_shadow_ms === null ? [] : [r.latency_shadow_ms]));
      const delta = compared.flatMap((r) => (r.latency_shadow_ms === null ? [] : [r.latency_shadow_ms - r.latency_main_ms]));
      const main = mine.map((r) => r.latency_main_ms);
      expect(s).toMatchObject({
        calls: mine.length,
        compared: compared.length,
        matches: mine.filter((r) => r.status === 'match').length,
        diffs: mine.filter((r) => r.status === 'diff').length,
        shadowErrors: mine.filter((r) => r.status === 'shadow_error').length,
        skipped: mine.filter((r) => r.status === 'skipped').length,
        dropped: 0,
      });
      for (const q of [0.5, 0.95, 0.99] as const) {
        const k = q === 0.5 ? 'p50' : q === 0.95 ? 'p95' : 'p99';
        close(s.latencyMainMs[k], exact(main, q));
        close(s.latencyShadowMs[k], exact(shadow, q));
        close(s.latencyDeltaMs[k], exact(delta, q));
      }
    }
  });

  test('with a requestId, counts come from the stored records', async () => {
    const store = open();
    records.forEach((r) => store.write(r));
    await store.flush();
    const mine = stored.filter((r) => r.requestId === 'req-1');
    expect(store.countByClassification({ requestId: 'req-1' }).reduce((n, row) => n + row.count, 0)).toBe(mine.length);
    // summary() reads the minute rows (they count every call); a requestId cannot narrow them, and says so.
    expect(() => store.summary({ requestId: 'req-1' })).toThrow(expect.objectContaining({ code: 'QUERY_INVALID' }));
  });
});

describe('match sampling, retention, redaction, lifecycle', () => {
  test('keepMatches samples match records by id (stable), other statuses are always kept', async () => {
    const matches = Array.from({ length: 400 }, (_, i) => record(i * 4, { status: 'match', classification: null }));
    const half = open({ keepMatches: 0.5 });
    const all = open({ keepMatches: 1 });
    for (const r of matches) {
      half.write(r);
      all.write(r);
    }
    await Promise.all([half.flush(), all.flush()]);
    const expected = matches.filter((r) => sampleOf(r.id) < 0.5).length;
    expect(expected).toBeGreaterThan(120);
    expect(expected).toBeLessThan(280);
    expect(half.stats().stored).toBe(expected);
    expect(all.stats().stored).toBe(400);
    expect(half.countByClassification().reduce((n, row) => n + row.count, 0)).toBe(400);
  });

  test('retention deletes old full records; summaries outlive them until their own limit', async () => {
    const store = open({ retention: { fullDays: 14, summaryDays: 90, intervalMs: 0 } });
    const ages = [20, 10, 0];
    ages.forEach((days, i) => store.write(record(1 + i * 4, { timestamp: NOW - days * DAY })));
    await store.flush();
    expect(await store.applyRetention(NOW)).toEqual({ records: 1, summaries: 0 });
    expect(store.query().map((r) => r.timestamp)).toEqual([NOW, NOW - 10 * DAY]);
    expect(store.summary().reduce((n, s) => n + s.calls, 0)).toBe(3);
    expect(await store.applyRetention(NOW + 100 * DAY)).toEqual({ records: 2, summaries: 3 });
    expect(store.summary()).toEqual([]);
  });

  test('retention deletes in chunks, however many rows are due', async () => {
    const store = open({ path: ':memory:', maxQueue: 20_000 });
    for (let i = 0; i < 11_000; i += 1) store.write(record(1, { id: `old-${i}`, timestamp: NOW - 30 * DAY - i }));
    store.write(record(1, { id: 'fresh', timestamp: NOW }));
    await store.flush();
    expect(await store.applyRetention(NOW)).toEqual({ records: 11_000, summaries: 0 });
    expect(store.query().map((r) => r.id)).toEqual(['fresh']);
  });

  test('retention also runs on its own timer and reports what it deleted', async () => {
    // Waits for the report itself (an event), not for a deadline.
    let reported: (detail: unknown) => void = () => {};
    const report = new Promise((resolve) => (reported = resolve));
    const info = vi.fn((message: string, detail?: Readonly<Record<string, unknown>>) => {
      if (message === 'diff store retention applied' && detail?.['records'] === 1) reported(detail);
    });
    const store = open({ logger: { ...quiet, info }, retention: { fullDays: 1, intervalMs: 20 } });
    store.write(record(1, { timestamp: Date.now() - 3 * DAY }));
    await store.flush();
    await expect(report).resolves.toEqual({ records: 1, summaries: 0 });
    expect(store.query()).toEqual([]);
  });

  test('records are redacted before they are stored', async () => {
    const store = open({ redactor: createRedactor({ key: 'store-test-key-0123456789' }) });
    store.write(
      record(1, {
        payload_refs: { input: { headers: { authorization: 'Bearer abcdefghijklmnop1234' }, email: 'ann@example.com' } },
        shadow_error: { code: 'WASM_TRAP', message: 'failed with sk-abcdefghijklmnopqrstuvwx' },
      }),
    );
    await store.flush();
    const [got] = store.query();
    expect(got?.payload_refs).toEqual({ input: { headers: {}, email: expect.stringMatching(/^u_[0-9a-f]{12}@d_[0-9a-f]{12}\.com$/) } });
    expect(got?.shadow_error?.message).toBe('failed with [secret]');
  });

  test('close() flushes what was queued; a reopened store reads it back', async () => {
    const path = tempPath();
    const first = openDiffStore({ path, redactor: 'disabled-for-tests', logger: quiet, retention: { intervalMs: 0 }, clock: manualClock() });
    for (let i = 1; i < 200; i += 4) first.write(record(i));
    await first.close();
    await first.close();
    const again = openDiffStore({ path, redactor: 'disabled-for-tests', logger: quiet, retention: { intervalMs: 0 }, clock: manualClock() });
    track(again);
    expect(again.query({ limit: 1000 })).toHaveLength(50);
  });

  test(':memory: works on one connection, without a worker thread', async () => {
    const store = open({ path: ':memory:', onWorker: () => expect.unreachable('no worker for :memory:') });
    for (let i = 0; i < 20; i += 1) store.write(record(i));
    await store.flush();
    expect(store.query({ limit: 100 })).toHaveLength(15);
    expect(store.summary().reduce((n, s) => n + s.calls, 0)).toBe(20);
  });

  test('the schema is versioned; a database from a newer schema is refused', async () => {
    const path = tempPath();
    await openDiffStore({ path, redactor: 'disabled-for-tests', logger: quiet, retention: { intervalMs: 0 }, clock: manualClock() }).close();
    const db = new Database(path);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).pluck().get()).toBe(String(SCHEMA_VERSION));
    db.prepare(`UPDATE meta SET value = '99' WHERE key = 'schema_version'`).run();
    db.close();
    expect(() => openDiffStore({ path, redactor: 'disabled-for-tests', logger: quiet })).toThrow(expect.objectContaining({ code: 'STORE_FAILED' }));
  });
});

describe('errors are typed', () => {
  const codeOf = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (error) {
      return isOrchestratorError(error) ? error.code : 'foreign';
    }
    return undefined;
  };

  test('options', () => {
    expect(codeOf(() => openDiffStore({ path: tempPath() } as DiffStoreOptions))).toBe('CONFIG_INVALID');
    expect(codeOf(() => openDiffStore({ path: tempPath(), redactor: 'disabled-for-tests', keepMatches: 2 }))).toBe('CONFIG_INVALID');
    expect(codeOf(() => openDiffStore({ path: '', redactor: 'disabled-for-tests' }))).toBe('CONFIG_INVALID');
    expect(codeOf(() => openDiffStore({ path: join(tmpdir(), 'no-such-dir-llms-wasm', 'x', 'd.db'), redactor: 'disabled-for-tests' }))).toBe('STORE_FAILED');
  });

  test('queries, and use after close', async () => {
    const store = open();
    expect(codeOf(() => store.query({ limit: 0 }))).toBe('QUERY_INVALID');
    expect(codeOf(() => store.query({ status: 'nope' } as never))).toBe('QUERY_INVALID');
    expect(codeOf(() => store.query({ tenant: "x' OR 1=1 --" }))).toBeUndefined();
    expect(codeOf(() => store.countByClassification({ unknown: 1 } as never))).toBe('QUERY_INVALID');
    await store.close();
    expect(codeOf(() => store.query())).toBe('STORE_CLOSED');
    await expect(store.applyRetention()).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });
});

describe('summaries model', () => {
  const arbRecord = fc.record({
    module: fc.constantFrom('tools', 'compat'),
    tenant: fc.constantFrom(null, 't1', 't2'),
    status: fc.constantFrom(...STATUSES),
    classification: fc.constantFrom(...CLASSES),
    latency: fc.integer({ min: 0, max: 1000 }),
    age: fc.integer({ min: 0, max: 5 * 24 }),
  });
  const numRuns = Math.min(fc.readConfigureGlobal().numRuns ?? 100, 50);

  fcTest.prop([fc.array(arbRecord, { maxLength: 60 })], { numRuns })('countByClassification equals grouping what was written', async (rows) => {
    const store = openDiffStore({ path: ':memory:', redactor: 'disabled-for-tests', logger: quiet, retention: { intervalMs: 0 } });
    try {
      rows.forEach((r, i) =>
        store.write(record(i, { module: r.module, tenant: r.tenant, status: r.status, classification: r.classification, latency_main_ms: r.latency, timestamp: NOW - r.age * HOUR })),
      );
      await store.flush();
      const expected = new Map<string, number>();
      for (const r of rows) {
        // Skips are counted by reason, never by classification.
        const key = `${r.module}|${r.status === 'skipped' ? null : r.classification}|${r.status}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      const got = new Map(store.countByClassification().map((row) => [`${row.module}|${row.classification}|${row.status}`, row.count]));
      expect(got).toEqual(expected);
      expect(store.countByClassification({ tenant: 't1' }).reduce((n, row) => n + row.count, 0)).toBe(rows.filter((r) => r.tenant === 't1').length);
    } finally {
      await store.close();
    }
  });
});
