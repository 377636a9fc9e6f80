// A simulated timeline through the real orchestrator (shadow workers, a store file, the test fixture
// whose WASM side regresses on request), on a manual clock: weeks of clean traffic from two tenants,
// then a diff spike in one tenant. Prints one line per evaluation and the decision records.
// Run after a build: node packages/orchestrator/scripts/simulate-lifecycle.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatEvaluation, loadConfig, openOrchestrator } from '../dist/index.js';
import { manualClock } from '../dist/testing.js';
import { TIMELINE_LIFECYCLE } from '../test/fixtures/timeline-lifecycle.mjs';

const FIXTURE = fileURLToPath(new URL('../test/fixtures/faulty-module.mjs', import.meta.url));
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 2);
const dir = mkdtempSync(join(tmpdir(), 'llms-wasm-timeline-'));
const clock = manualClock(T0);
const config = loadConfig(
  {
    modules: { faulty: { import: FIXTURE } },
    shadow: { workers: 1, timeoutMs: 600_000 },
    store: { path: join(dir, 'store.sqlite') },
    control: { pollMs: 3_600_000, heartbeatMs: 3_600_000 },
    lifecycle: TIMELINE_LIFECYCLE,
  },
  {},
);
const o = await openOrchestrator(config, { env: {}, redactionKey: 'timeline-demo-key-0123456789', clock, logger: { warn() {}, error() {} }, errorSink: () => {} });
await o.start();
let n = 0;
const step = async (fault) => {
  for (const tenant of ['acme', 'globex']) {
    for (let i = 0; i < 50; i += 1) {
      n += 1;
      await o.call('faulty', 'run', { mode: fault(tenant), value: n }, { tenant, requestId: `req-${n}`, splitKey: `${tenant}-${n}` }).catch(() => undefined);
    }
  }
  await o.drain();
  clock.advance(6 * HOUR);
  return o.lifecycle.evaluateNow();
};
const line = (pass) => {
  const e = pass.evaluations[0];
  const c = Object.fromEntries(e.criteria.map((x) => [x.name, x]));
  const moves = pass.records.filter((r) => r.kind !== 'hold').map((r) => `${r.kind.toUpperCase()} ${r.stageBefore}→${r.stageAfter} [${r.scopes.map((s) => s.id ?? s.kind).join(',')}]`);
  console.log(
    `+${String((pass.at - T0) / HOUR).padStart(3)}h  ${e.stage.padEnd(8)} ${e.decision.action.padEnd(8)} compared ${String(e.samples.compared).padStart(5)}  diff ${c.diff_rate.verdict.padEnd(12)} observation ${c.observation.verdict.padEnd(12)} streak ${e.streak.passes}/${e.streak.required}  ${moves.join(' ')}`,
  );
};
const clean = () => 'ok';
while (o.lifecycle.state().modules.faulty.stage !== 'default') line(await step(clean));
line(await step(clean));
const spike = await step((tenant) => (tenant === 'globex' ? 'diff' : 'ok'));
line(spike);
console.log('\nThe evaluation that rolled globex back:\n');
console.log(formatEvaluation(spike.evaluations[0]));
console.log(`\nmodes now: acme ${o.resolveMode({ module: 'faulty', tenant: 'acme' }).mode}, globex ${o.resolveMode({ module: 'faulty', tenant: 'globex' }).mode} (${o.resolveMode({ module: 'faulty', tenant: 'globex' }).scope})`);
await o.close();
rmSync(dir, { recursive: true, force: true });
