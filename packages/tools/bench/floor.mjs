// The floor of the object path: what a WASM call through module-kit's object path costs when the WASM
// side does no work at all, next to the TS object path, on the corpus payloads bench/run.mjs uses.
// Per call (p50, microseconds), interleaved round by round:
//   ts        tools.runtimes.ts.<op>(input)             the TS object path (the target's reference)
//   wasm      tools.runtimes.wasm.<op>(input)           the WASM object path as it is
//   kit       the same contracts, a runtime that returns the precomputed output object: the kit's
//             input and output validation and its async call, which both runtimes pay
//   floor     the same contracts through wasmRuntime, each operation bound as 'json' (as tools.wasm's
//             are) to a trivial export that returns the operation's real output (bench/floor-module.ts):
//             kit + boundary
//   boundary  WasmHost.callJson of that trivial export alone (stringify, UTF-8 in, call, decode, parse)
//   compute   the tools.wasm export alone on input already in its buffer (its own JSON reading and
//             writing and the ported code; the bytes path without its marshalling)
// The WASM object path can meet p50 only where floor <= ts; with compute added it is about
// floor + compute. Figures go to bench-results/tools.json under `floor` (other keys kept).
//
// Usage (after the build): node --expose-gc bench/floor.mjs [--rounds 5] [--ops normalizeCallId,...]
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineModule, WasmHost, wasmRuntime } from '@llms-wasm/module-kit';
import { compileWasm } from '@llms-wasm/module-kit/build';
import { canonicalizeToolsOutput, tools, toolsErrors, toolsOperations } from '../dist/index.js';
import { inputsByOperation } from './corpus-inputs.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const rounds = Number(arg('rounds', '5'));
const only = arg('ops', '') ? arg('ops', '').split(',') : null;
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const encoder = new TextEncoder();
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

// The trivial module, built fresh with the kit's shared build (same flags as tools.wasm).
const floorDir = mkdtempSync(join(tmpdir(), 'tools-floor-'));
await compileWasm({ cwd: join(here, '..'), entry: 'bench/floor-module.ts', outFile: join(floorDir, 'floor.wasm'), maximumMemoryMb: 1024, quiet: true });
const boundaryHost = await WasmHost.load({ name: 'floor', wasm: join(floorDir, 'floor.wasm') });
const computeHost = await WasmHost.load({ name: 'tools', wasm: join(here, '..', 'dist', 'tools.wasm') });

const byOp = inputsByOperation(only);
await Promise.all([tools.init('ts'), tools.init('wasm')]);

let current = null; // the output the `kit` runtime returns and the `floor` module's `fixed` export holds
let floorHost = null;
const ops = Object.keys(toolsOperations);
const kitModule = defineModule({
  id: 'tools', version: tools.version, owner: 'bench', fixPath: 'wasm core', operations: toolsOperations, errors: toolsErrors, canonicalize: canonicalizeToolsOutput,
  runtimes: { ts: async () => ({ operations: Object.fromEntries(ops.map((op) => [op, () => current])) }), wasm: async () => ({ operations: {} }) },
});
const floorModule = defineModule({
  id: 'tools', version: tools.version, owner: 'bench', fixPath: 'wasm core', operations: toolsOperations, errors: toolsErrors, canonicalize: canonicalizeToolsOutput,
  runtimes: {
    ts: async () => ({ operations: {} }),
    wasm: wasmRuntime({
      module: 'tools', errors: toolsErrors, artifact: 'floor.wasm', from: import.meta.url, dir: floorDir,
      operations: Object.fromEntries(ops.map((op) => [op, 'json'])),
      prepare: (ctx) => { floorHost = ctx.host; },
    }),
  },
});
await Promise.all([kitModule.init('ts'), floorModule.init('wasm')]);
const keep = (host, bytes) => host.exports.keep(host.writeInput(bytes), bytes.length);

const variants = {
  ts: (op, i, input) => tools.runtimes.ts[op](input),
  wasm: (op, i, input) => tools.runtimes.wasm[op](input),
  kit: (op, i, input) => kitModule.runtimes.ts[op](input),
  floor: (op, i, input) => floorModule.runtimes.wasm[op](input),
  boundary: (op, i, input) => boundaryHost.callJson('fixed', input),
};
const names = [...Object.keys(variants), 'compute'];

async function pass(name, op, inputs, outputs, samples) {
  for (let i = 0; i < inputs.length; i++) {
    if (name === 'compute') {
      const ptr = computeHost.writeInput(inputs.encoded[i]);
      const fn = computeHost.exports[op];
      const t0 = performance.now();
      fn(ptr, inputs.encoded[i].length);
      samples?.push(performance.now() - t0);
      continue;
    }
    current = outputs.values[i];
    if (name === 'floor') keep(floorHost, outputs.encoded[i]);
    if (name === 'boundary') keep(boundaryHost, outputs.encoded[i]);
    const t0 = performance.now();
    await variants[name](op, i, inputs[i]);
    samples?.push(performance.now() - t0);
  }
}

const results = {};
const cols = ['operation'.padEnd(26), ...['ts', 'wasm', 'kit', 'floor', 'boundary', 'compute'].map((n) => `${n} p50`.padStart(13)), 'floor/ts'.padStart(9), 'wasm/ts'.padStart(8), 'reachable'.padStart(10)];
console.log(`\n== tools object-path floor: ${rounds} rounds over the corpus payloads; p50 per call in microseconds ==\n`);
console.log(cols.join(''));
for (const [op, inputs] of byOp) {
  inputs.encoded = inputs.map((input) => encoder.encode(JSON.stringify(input)));
  const values = [];
  for (const input of inputs) values.push(await tools.runtimes.ts[op](input));
  const outputs = { values, encoded: values.map((v) => encoder.encode(JSON.stringify(v))) };
  for (const n of names) await pass(n, op, inputs, outputs, null); // warm-up
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const n of r % 2 === 0 ? names : [...names].reverse()) {
      globalThis.gc?.();
      await pass(n, op, inputs, outputs, samples[n]);
    }
  }
  const p50 = Object.fromEntries(names.map((n) => [n, quantile(samples[n], 0.5) * 1000]));
  const entry = { calls: inputs.length, p50Us: p50, floorOverTs: p50.floor / p50.ts, wasmOverTs: p50.wasm / p50.ts, floorMeetsTsP50: p50.floor <= p50.ts };
  results[op] = entry;
  console.log([op.padEnd(26), ...['ts', 'wasm', 'kit', 'floor', 'boundary', 'compute'].map((n) => p50[n].toFixed(1).padStart(13)), `${entry.floorOverTs.toFixed(2)}x`.padStart(9), `${entry.wasmOverTs.toFixed(2)}x`.padStart(8), (entry.floorMeetsTsP50 ? 'yes' : 'no').padStart(10)].join(''));
}

const file = join(root, 'bench-results', 'tools.json');
const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { package: '@llms-wasm/tools' };
previous.floor = {
  measuredAt: new Date().toISOString(),
  node: process.version,
  rounds,
  definition: 'p50 per call: kit = the kit\'s validation and call with a runtime returning the output; floor = kit + the object-path JSON boundary of a trivial export returning the real output; boundary = WasmHost.callJson of that export; compute = the tools.wasm export alone',
  operations: results,
};
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(previous, null, 2));
console.log(`\nreachable: floor p50 <= ts p50 (the object path with zero WASM compute would meet p50). Written to ${file} (key floor)`);
