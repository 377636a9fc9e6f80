import { OrchestratorError } from '../errors.js';
import { parseState, serializeState } from '../gates/lifecycle-state.js';
import type { DecisionRecord } from '../gates/decision-record.js';
import type { LifecycleStore, StoredLifecycle } from './lifecycle-store.js';

/**
 * A lifecycle store in memory, for an orchestrator on a `:memory:` diff store (and tests): the same
 * compare-and-set and the same record filters, gone with the process.
 */
export function memoryLifecycleStore(): LifecycleStore {
  let stored: StoredLifecycle = { revision: 0, state: null, updatedAt: null, updatedBy: null };
  const records: DecisionRecord[] = [];
  return {
    path: ':memory:',
    schemaVersion: 4,
    load: () => stored,
    commit(expected, state, fresh, by, at) {
      if (stored.revision !== expected) return { ok: false, current: stored };
      for (const r of fresh) {
        if (records.some((x) => x.module === r.module && x.sequence === r.sequence)) throw new OrchestratorError('STORE_FAILED', `lifecycle store :memory:: record ${r.id} already exists`);
      }
      // Round-tripped like the file store, so nothing outside can mutate what is stored.
      stored = { revision: expected + 1, state: parseState(serializeState(state)), updatedAt: at, updatedBy: by };
      records.push(...fresh.map((r) => JSON.parse(JSON.stringify(r)) as DecisionRecord));
      return { ok: true, revision: stored.revision };
    },
    decisions(filter = {}) {
      const limit = filter.limit ?? 100;
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new OrchestratorError('QUERY_INVALID', `decisions: limit must be an integer in 1..10000, got ${String(limit)}`, { path: '/limit' });
      return records
        .filter((r) => (filter.module === undefined || r.module === filter.module) && (filter.kind === undefined || r.kind === filter.kind) && (filter.from === undefined || r.at >= filter.from) && (filter.to === undefined || r.at < filter.to))
        .sort((a, b) => b.at - a.at || a.module.localeCompare(b.module) || b.sequence - a.sequence)
        .slice(0, limit);
    },
    close: () => {},
  };
}
