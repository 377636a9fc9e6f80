// `pnpm bench` for tools: every operation, WASM vs TS, on the payloads of ../shared/corpus/tools.jsonl
// (the calls the module's corpus mapper makes of every case), through the object path
// (`tools.runtimes.<kind>.<op>(input)`) and the bytes path (`tools.callBytes(kind, op, utf8Json)`) of
// module-kit's boundary. Per call: p50/p95/p99 latency; per pass over all inputs: calls/s and MB/s of
// input JSON. The four variants run interleaved, round by round, so the ratios compare like with like
// on a shared, noisy machine. Figures go to bench-results/tools.json at the repository root.
//
// Usage (after the build): node --expose-gc bench/run.mjs [--rounds 5] [--ops repairArguments,validateToolCall]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tools } from '../dist/index.js';
import { inputsByOperation } from './corpus-inputs.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const rounds = Number(arg('rounds', '5'));
const only = arg('ops', '') ? arg('ops', '').split(',') : null;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const encoder = new TextEncoder();

const quantile = (xs, q) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const us = (ms) => (ms * 1000).toFixed(1);

const byOp = inputsByOperation(only);

await Promise.all([tools.init('ts'), tools.init('wasm')]);

const variants = [
  { name: 'ts object', kind: 'ts', bytes: false },
  { name: 'wasm object', kind: 'wasm', bytes: false },
  { name: 'ts bytes', kind: 'ts', bytes: true },
  { name: 'wasm bytes', kind: 'wasm', bytes: true },
];

async function pass(variant, op, inputs, encoded, samples) {
  const started = performance.now();
  for (let i = 0; i < inputs.length; i++) {
    const t0 = performance.now();
    if (variant.bytes) await tools.callBytes(variant.kind, op, encoded[i]);
    else await tools.runtimes[variant.kind][op](inputs[i]);
    samples?.push(performance.now() - t0);
  }
  return performance.now() - started;
}

const results = {};
console.log(`\n== tools bench: ${rounds} rounds over the corpus payloads of each operation; latency per call in microseconds ==\n`);
const header = ['operation'.padEnd(26), 'calls'.padStart(6), 'path'.padStart(7), 'ts p50'.padStart(9), 'wasm p50'.padStart(9), 'wasm/ts'.padStart(8), 'ts p95'.padStart(9), 'wasm p95'.padStart(9), 'Δp95 ms'.padStart(8), 'ts p99'.padStart(9), 'wasm p99'.padStart(9), 'ts call/s'.padStart(10), 'wasm call/s'.padStart(12), 'target'.padStart(7)];
console.log(header.join(''));
for (const [op, inputs] of byOp) {
  const encoded = inputs.map((input) => encoder.encode(JSON.stringify(input)));
  const inputBytes = encoded.reduce((a, b) => a + b.length, 0);
  for (const v of variants) await pass(v, op, inputs, encoded, null); // warm-up (JIT, caches, memory growth)
  const samples = Object.fromEntries(variants.map((v) => [v.name, []]));
  const passMs = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
      globalThis.gc?.();
      passMs[v.name].push(await pass(v, op, inputs, encoded, samples[v.name]));
    }
  }
  const entry = { calls: inputs.length, inputBytes, paths: {} };
  for (const path of ['object', 'bytes']) {
    const ts = samples[`ts ${path}`];
    const wasm = samples[`wasm ${path}`];
    const stat = (xs, passes) => {
      const bestPass = Math.min(...passes);
      return { p50Us: quantile(xs, 0.5) * 1000, p95Us: quantile(xs, 0.95) * 1000, p99Us: quantile(xs, 0.99) * 1000, callsPerSecond: inputs.length / (bestPass / 1000), mbPerSecond: inputBytes / 1e6 / (bestPass / 1000) };
    };
    const t = stat(ts, passMs[`ts ${path}`]);
    const w = stat(wasm, passMs[`wasm ${path}`]);
    const p50Ratio = w.p50Us / t.p50Us;
    const p95DeltaMs = (w.p95Us - t.p95Us) / 1000;
    const meetsTarget = w.p50Us <= t.p50Us && p95DeltaMs <= 0.5;
    entry.paths[path] = { ts: t, wasm: w, wasmOverTsP50: p50Ratio, p95DeltaMs, meetsTarget };
    console.log([
      (path === 'object' ? op : '').padEnd(26),
      (path === 'object' ? String(inputs.length) : '').padStart(6),
      path.padStart(7),
      us(t.p50Us / 1000).padStart(9),
      us(w.p50Us / 1000).padStart(9),
      `${p50Ratio.toFixed(2)}x`.padStart(8),
      us(t.p95Us / 1000).padStart(9),
      us(w.p95Us / 1000).padStart(9),
      p95DeltaMs.toFixed(3).padStart(8),
      us(t.p99Us / 1000).padStart(9),
      us(w.p99Us / 1000).padStart(9),
      t.callsPerSecond.toFixed(0).padStart(10),
      w.callsPerSecond.toFixed(0).padStart(12),
      (meetsTarget ? 'met' : 'MISSED').padStart(7),
    ].join(''));
  }
  results[op] = entry;
}

const wasmStats = tools.stats('wasm');
const out = {
  package: '@llms-wasm/tools',
  version: tools.version,
  measuredAt: new Date().toISOString(),
  node: process.version,
  rounds,
  target: 'WASM p50 <= TS p50, and WASM p95 <= TS p95 + 0.5 ms, per operation and path',
  operations: results,
  wasm: { memory: wasmStats.memory, artifact: wasmStats.artifact },
};
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results', 'tools.json'), JSON.stringify(out, null, 2));
const missed = Object.entries(results).flatMap(([op, e]) => Object.entries(e.paths).filter(([, p]) => !p.meetsTarget).map(([path]) => `${op} (${path})`));
console.log(`\nwasm memory: ${wasmStats.memory?.pages} pages now, ${wasmStats.memory?.highWaterPages} at most; target missed by: ${missed.length ? missed.join(', ') : 'none'}`);
console.log(`written to ${join(root, 'bench-results', 'tools.json')}`);
