// `pnpm bench` for the orchestrator: what shadowing costs the caller. The same calls run, interleaved in one
// process, through orchestrators in ts_primary mode (no shadow), in shadow mode with a healthy WASM shadow,
// and in shadow mode with a shadow that hangs forever (killed at its timeout, worker replaced). Reported:
// caller-side latency p50/p99 per configuration and the added latency against ts_primary, from the same run.
// Then main-thread.mjs: the caller's-thread time per stored diff at 1 KB, 100 KB and 1 MB payloads.
// Figures go to bench-results/orchestrator.json at the repository root.
//
// Usage (after the build): node bench/run.mjs [--calls 3000] [--rounds 5]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCorpus } from '@llms-wasm/module-kit/corpus';
import { createOrchestrator, loadConfig } from '../dist/index.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const CALLS = arg('calls', 3000);
const ROUNDS = arg('rounds', 5);
const FIXTURE = fileURLToPath(new URL('../test/fixtures/faulty-module.mjs', import.meta.url));
const quiet = { warn: () => undefined, error: () => undefined };

const MODULES = { tokenizer: { import: '@llms-wasm/tokenizer' }, faulty: { import: FIXTURE } };

async function make(mode, module, shadow = {}) {
  const config = loadConfig(
    {
      modules: { [module]: MODULES[module] },
      defaults: { mode },
      shadow: { workers: 1, queueSize: 100_000, timeoutMs: 100, memoryMb: 512, ...shadow },
    },
    {},
  );
  const o = await createOrchestrator(config, { store: null, env: {}, logger: quiet });
  await o.start();
  return o;
}

// Calls: the tokenizer's corpus calls (real traffic shapes) and a trivial fixture call whose shadow can hang.
const tokenizerCalls = [];
for (const c of readCorpus('tokenizer')) {
  const { tokenizer } = await import('@llms-wasm/tokenizer');
  for (const call of tokenizer.corpus(c)) tokenizerCalls.push(call);
}

const configs = [
  { name: 'ts_primary (no shadow)', make: (module) => make('ts_primary', module) },
  { name: 'shadow, healthy wasm', make: (module) => make('shadow', module) },
  { name: 'shadow that hangs forever', make: (module) => make('shadow', module), hang: true },
];
const workloads = [
  { name: 'tokenizer corpus calls', module: 'tokenizer', next: (i) => tokenizerCalls[i % tokenizerCalls.length] },
  { name: 'fixture echo call', module: 'faulty', next: (i, hang) => ({ operation: 'run', input: { mode: hang ? 'hang' : 'ok', value: i } }) },
];

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const pad = (s, n) => String(s).padStart(n);

console.log(`orchestrator bench: ${ROUNDS} rounds x ${CALLS} calls per configuration and workload, interleaved; caller-side latency (call() until it resolves)`);
console.log('(the event loop is yielded between calls so shadow results are processed as in a server; times in microseconds)\n');

const latency = [];
for (const w of workloads) {
  // Fresh orchestrators per workload, each loading only the module it serves, so one workload's shadow
  // backlog cannot hide (or cause) another's.
  const orchestrators = [];
  for (const c of configs) orchestrators.push(await c.make(w.module));
  // Warm-up: every configuration sees every distinct call once, untimed (JIT, encoders, worker start).
  for (const [k, c] of configs.entries()) {
    for (let i = 0; i < Math.min(CALLS, w.module === 'tokenizer' ? tokenizerCalls.length : 200); i++) {
      const { operation, input } = w.next(i, c.hang === true);
      await orchestrators[k].call(w.module, operation, input, { requestId: `warm${k}-${i}` });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const samples = configs.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [k, c] of configs.entries()) {
      const o = orchestrators[k];
      for (let i = 0; i < CALLS / ROUNDS; i++) {
        const { operation, input } = w.next(r * CALLS + i, c.hang === true);
        const t = performance.now();
        await o.call(w.module, operation, input, { requestId: `b${k}-${r}-${i}`, tenant: 'bench' });
        samples[k].push((performance.now() - t) * 1000);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
  const base = { p50: quantile(samples[0], 0.5), p99: quantile(samples[0], 0.99) };
  console.log(`== ${w.name} ==`);
  console.log(['configuration'.padEnd(28), pad('p50 us', 10), pad('p99 us', 10), pad('added p50', 11), pad('added p99', 11), pad('p99 ratio', 10)].join(''));
  for (const [k, c] of configs.entries()) {
    const p50 = quantile(samples[k], 0.5);
    const p99 = quantile(samples[k], 0.99);
    latency.push({ workload: w.name, configuration: c.name, calls: samples[k].length, p50Us: p50, p99Us: p99, addedP50Us: p50 - base.p50, addedP99Us: p99 - base.p99, p99Ratio: p99 / base.p99 });
    console.log([c.name.padEnd(28), pad(p50.toFixed(1), 10), pad(p99.toFixed(1), 10), pad((p50 - base.p50).toFixed(1), 11), pad((p99 - base.p99).toFixed(1), 11), pad(`${(p99 / base.p99).toFixed(2)}x`, 10)].join(''));
  }
  for (const [k, c] of configs.entries()) {
    const s = orchestrators[k].shadow.stats;
    console.log(`  ${c.name}: shadows submitted ${s.submitted}, completed ${s.completed}, dropped ${s.dropped}, timed out (worker killed and replaced) ${s.timeouts}`);
  }
  console.log('');
  await Promise.all(orchestrators.map((o) => o.close(2000)));
}

const { mainThread } = await import('./main-thread.mjs');
const root = fileURLToPath(new URL('../../..', import.meta.url));
mkdirSync(join(root, 'bench-results'), { recursive: true });
const file = join(root, 'bench-results', 'orchestrator.json');
writeFileSync(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, callerLatency: latency, mainThreadPerStoredDiff: mainThread }, null, 2)}\n`);
console.log(`\nwritten to ${file}`);
