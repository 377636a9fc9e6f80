// Concurrency: however the primaries of concurrent calls interleave (fast-check's scheduler picks the
// order), every caller gets its own result and every call gets exactly one record, for its own input.
import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { createOrchestrator, loadConfig, type DiffRecord, type Orchestrator } from '../src/index.js';
import { manualClock } from './helpers/manual-clock.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/faulty-module.mjs', import.meta.url));
const gateHolder = globalThis as { __llmsWasmTestGate?: (value: unknown) => Promise<unknown> };
let o: Orchestrator;

beforeAll(async () => {
  const config = loadConfig({ modules: { faulty: { import: FIXTURE } }, defaults: { mode: 'shadow' }, shadow: { workers: 2, queueSize: 10_000, timeoutMs: 5000 } }, {});
  // A manual clock that never moves: no shadow can time out however slow the machine is.
  o = await createOrchestrator(config, { store: null, env: {}, logger: { warn: () => undefined, error: () => undefined }, clock: manualClock() });
  await o.start();
});

afterAll(async () => {
  delete gateHolder.__llmsWasmTestGate;
  await o.close();
});

let run = 0;
describe('concurrent calls', () => {
  test.prop([fc.scheduler(), fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { minLength: 1, maxLength: 8 })], { numRuns: 200 })(
    'each caller gets its own result and each call exactly one record of its own',
    async (s, values) => {
      run += 1;
      gateHolder.__llmsWasmTestGate = (value) => s.schedule(Promise.resolve(value), `primary ${JSON.stringify(value)}`);
      const records: DiffRecord[] = [];
      const off = o.onRecord((r) => {
        if (r.requestId.startsWith(`run${run}-`)) records.push(r);
      });
      const calls = values.map((value, i) => o.call('faulty', 'run', { mode: 'ok', value, primary: 'gated' }, { requestId: `run${run}-${i}` }));
      // Releases the scheduled primaries one at a time, in the scheduler's order, until every call resolved.
      expect(await s.waitFor(Promise.all(calls))).toEqual(values.map((value) => ({ echo: value })));
      await o.drain();
      off();
      expect(records.map((r) => r.requestId).sort()).toEqual(values.map((_, i) => `run${run}-${i}`).sort());
      expect(records.every((r) => r.status === 'match')).toBe(true);
    },
  );
});
