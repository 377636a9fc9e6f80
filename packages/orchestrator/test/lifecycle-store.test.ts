// The lifecycle tables (schema 4): one state row written by compare-and-set, decision records that are
// never updated or deleted, filters, read-only opening, and the in-memory twin behaving the same.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { STORE_SCHEMA_VERSION, memoryLifecycleStore, openDiffReader, openDiffStore, openLifecycleStore, reduce, resolveLifecycle, withModules, type LifecycleStore } from '../src/index.js';
import { baseRecord, tempStores } from './helpers/store-fixtures.js';

const { tempPath, track } = tempStores();
const settings = resolveLifecycle(undefined, ['tokenizer', 'tools']);
const T = Date.UTC(2026, 10, 1);

function promoted(store: LifecycleStore, module: string, at: number) {
  const stored = store.load();
  const state = withModules(stored.state, settings, at);
  const t = reduce(state, { type: 'promote', module, to: 'canary', by: 'ann@ops', reason: `CAB for ${module}` }, { now: at, settings });
  return { stored, t };
}

for (const kind of ['file', 'memory'] as const) {
  describe(`the ${kind} lifecycle store`, () => {
    const open = (): LifecycleStore => (kind === 'file' ? openLifecycleStore(tempPath()) : memoryLifecycleStore());

    it('starts at revision 0 with no state, commits by compare-and-set, and refuses a stale revision', () => {
      const store = open();
      expect(store.load()).toEqual({ revision: 0, state: null, updatedAt: null, updatedBy: null });
      const { stored, t } = promoted(store, 'tokenizer', T);
      expect(store.commit(stored.revision, t.state, t.records, 'gw-1', T)).toEqual({ ok: true, revision: 1 });
      const now = store.load();
      expect(now).toMatchObject({ revision: 1, updatedAt: T, updatedBy: 'gw-1' });
      expect(now.state?.modules['tokenizer']?.stage).toBe('canary');
      // A second writer that read revision 0 loses: nothing of it is written, the current row comes back.
      const late = reduce(withModules(null, settings, T), { type: 'promote', module: 'tools', to: 'canary', by: 'bob@ops', reason: 'late' }, { now: T, settings });
      const lost = store.commit(0, late.state, late.records, 'gw-2', T + 1);
      expect(lost.ok).toBe(false);
      expect(lost.ok ? null : lost.current.revision).toBe(1);
      expect(store.decisions().map((r) => r.id)).toEqual(['tokenizer#1']);
      store.close();
    });

    it('filters records by module, kind and time, newest first, and checks the limit', () => {
      const store = open();
      let at = T;
      for (const module of ['tokenizer', 'tools']) {
        const { stored, t } = promoted(store, module, (at += 1000));
        expect(store.commit(stored.revision, t.state, t.records, 'gw', at).ok).toBe(true);
      }
      expect(store.decisions().map((r) => r.id)).toEqual(['tools#1', 'tokenizer#1']);
      expect(store.decisions({ module: 'tools' }).map((r) => r.module)).toEqual(['tools']);
      expect(store.decisions({ kind: 'rollback' })).toEqual([]);
      expect(store.decisions({ from: T + 1500 }).map((r) => r.id)).toEqual(['tools#1']);
      expect(store.decisions({ to: T + 1500 }).map((r) => r.id)).toEqual(['tokenizer#1']);
      expect(store.decisions({ limit: 1 })).toHaveLength(1);
      expect(() => store.decisions({ limit: 0 })).toThrow(expect.objectContaining({ code: 'QUERY_INVALID', detail: { path: '/limit' } }));
      const [record] = store.decisions({ module: 'tokenizer' });
      expect(record).toMatchObject({ kind: 'promotion', outcome: 'applied', trigger: 'manual', actor: 'ann@ops', stageBefore: 'shadow', stageAfter: 'canary', reasons: ['CAB for tokenizer'] });
      store.close();
    });
  });
}

describe('decision records on disk', () => {
  it('can be neither updated nor deleted, and a read-only store writes nothing', () => {
    const path = tempPath();
    const store = openLifecycleStore(path);
    const { stored, t } = promoted(store, 'tokenizer', T);
    store.commit(stored.revision, t.state, t.records, 'gw', T);
    store.close();
    const db = new Database(path);
    expect(() => db.prepare(`UPDATE decision_records SET outcome = 'refused'`).run()).toThrow(/immutable/);
    expect(() => db.prepare(`DELETE FROM decision_records`).run()).toThrow(/never deleted/);
    db.close();
    const reader = openLifecycleStore(path, { readonly: true });
    expect(reader.load().revision).toBe(1);
    expect(() => reader.commit(1, t.state, [], 'x', T)).toThrow(expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringMatching(/read-only/) as string }));
    reader.close();
  });

  it('reads an older store file without lifecycle tables as empty when read-only', async () => {
    const path = tempPath();
    const db = new Database(path);
    db.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version', '3');`);
    db.close();
    const reader = openLifecycleStore(path, { readonly: true });
    expect(reader.schemaVersion).toBe(3);
    expect(reader.load()).toEqual({ revision: 0, state: null, updatedAt: null, updatedBy: null });
    expect(reader.decisions()).toEqual([]);
    reader.close();
    // A diff store opened on a new file migrates it to the latest schema (lifecycle tables since 4).
    const fresh = tempPath();
    const diffs = openDiffStore({ path: fresh, redactor: 'disabled-for-tests' });
    await diffs.close();
    expect(openLifecycleStore(fresh, { readonly: true }).schemaVersion).toBe(STORE_SCHEMA_VERSION);
  });
});

describe('gate evidence', () => {
  it('is read by the writer thread of a file store, and equals what a reader on the file computes', async () => {
    const path = tempPath();
    const store = track(openDiffStore({ path, redactor: 'disabled-for-tests' }));
    const at = Date.UTC(2026, 10, 1, 12);
    const diff = { diff_summary: { entries: [], paths: ['/calls/0/arguments'], kinds: ['changed'], truncated: false } } as const;
    for (let i = 0; i < 6; i += 1) store.write(baseRecord(i, { timestamp: at + i * 60_000, tenant: i % 2 === 0 ? 'acme' : 'globex', ...(i < 2 ? diff : { status: 'match', classification: null }) }));
    await store.flush();
    const query = { module: 'tools', gate: { from: at, to: at + 3_600_000 }, recent: { from: at + 180_000, to: at + 3_600_000 } };
    const evidence = await store.readEvidence(query);
    expect(evidence.gate.overall).toMatchObject({ calls: 6, compared: 6, diffs: 2, matches: 4 });
    expect(evidence.recent.overall).toMatchObject({ calls: 3, compared: 3, diffs: 0 });
    expect(Object.keys(evidence.gate.byTenant).sort()).toEqual(['acme', 'globex']);
    expect(evidence.topDiffPaths).toEqual([{ path: '/calls/0/arguments', count: 2 }]);
    expect(evidence.versions).toEqual({ moduleVersion: '0.1.0', wasmDigest: 'ab'.repeat(32), rulesetVersion: 'v1' });
    expect(evidence.firstMinute).toBe(at);
    const reader = openDiffReader(path);
    expect(reader.evidence(query)).toEqual(evidence);
    reader.close();
    await expect(store.readEvidence({ ...query, gate: { from: 5, to: 1 } })).rejects.toMatchObject({ code: 'QUERY_INVALID' });
  });
});
