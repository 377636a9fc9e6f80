// `pnpm bench` for module-kit: what the JSON boundary costs. For each payload (four shapes at 1 KB, 16 KB,
// 256 KB and 4 MB, and the real provider bodies of ../shared/corpus/compat.jsonl) it measures, side by
// side in one run:
//   v8 (text)     JSON.stringify(JSON.parse(text))                          the anchor
//   v8 (bytes)    the same from UTF-8 bytes (TextDecoder first)
//   wasm bytes    bytes -> module input buffer -> JsonReader -> JsonWriter -> bytes copied out
//   wasm b->value bytes in, parsed and written in WASM, decoded in JS (TextDecoder + JSON.parse)
//   wasm object   a JS value in (JSON.stringify + encodeInto), the same way back out (the object path)
// Rounds interleave the implementations (the machine is shared); each cell is the median of its rounds.
// Figures go to bench-results/module-kit.json at the repository root.
//
// Usage (after the build): node bench/run.mjs [--ms 200] [--rounds 5] [--sizes 1024,16384]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASC_FLAGS, compileWasm } from '../build/asc.mjs';
import { WasmHost } from '../dist/index.js';
import { corpusDir } from '../dist/corpus.js';
import { corpusBodies, syntheticPayloads } from './payloads.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const minMs = Number(arg('ms', '200'));
const rounds = Number(arg('rounds', '5'));
const sizes = arg('sizes', '') ? arg('sizes', '').split(',').map(Number) : null;

const wasmFile = join(here, '..', '.tmp', 'bench', 'kit-fixture.wasm');
await compileWasm({ entry: join(here, '..', 'test', 'fixtures', 'kit-fixture.ts'), outFile: wasmFile, maximumMemoryMb: 1024, flags: ASC_FLAGS, quiet: true });
const host = await WasmHost.load({ name: 'bench', wasm: wasmFile, maxInputBytes: 256 * 1024 * 1024 });
const decoder = new TextDecoder();

const IMPLS = {
  'v8 (text)': (p) => JSON.stringify(JSON.parse(p.text)),
  'v8 (bytes)': (p) => JSON.stringify(JSON.parse(decoder.decode(p.bytes))),
  'wasm bytes': (p) => {
    const r = host.callBytes('identity', p.bytes);
    if (!r.ok) throw new Error(r.message);
    return r.bytes;
  },
  'wasm b->value': (p) => {
    const r = host.callRaw('identity', p.bytes);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  },
  'wasm object': (p) => {
    const r = host.callJson('identity', p.value);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  },
};
const names = Object.keys(IMPLS);

/** Milliseconds per call of `fn(p)`, timing at least `minMs` of calls. */
function timePerCall(fn, p) {
  fn(p);
  let n = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    fn(p);
    n++;
    elapsed = performance.now() - started;
  } while (elapsed < minMs);
  return elapsed / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(payloads) {
  const samples = payloads.map(() => names.map(() => []));
  for (let r = 0; r < rounds; r++) {
    for (const [i, p] of payloads.entries()) {
      for (const [j, name] of names.entries()) samples[i][j].push(timePerCall(IMPLS[name], p));
    }
  }
  return samples.map((cells) => cells.map(median));
}

// Every implementation must give V8's answer before anything is timed.
function check(p) {
  const want = JSON.stringify(JSON.parse(p.text));
  if (decoder.decode(IMPLS['wasm bytes'](p)) !== want) throw new Error(`${p.shape} ${p.size}: wasm bytes differ from V8`);
  if (JSON.stringify(IMPLS['wasm b->value'](p)) !== want) throw new Error(`${p.shape} ${p.size}: wasm b->value differs from V8`);
  if (JSON.stringify(IMPLS['wasm object'](p)) !== want) throw new Error(`${p.shape} ${p.size}: wasm object differs from V8`);
}

const synthetic = syntheticPayloads().filter((p) => sizes === null || sizes.includes(p.size));
const bodies = corpusBodies(corpusDir());
for (const p of [...synthetic, ...bodies]) {
  p.value = JSON.parse(p.text);
  check(p);
}

const col = (v, w = 14) => String(v).padStart(w);
const mbps = (bytes, ms) => (bytes / 1e6 / (ms / 1000)).toFixed(0);
const results = { generatedAt: new Date().toISOString(), node: process.version, minMs, rounds, synthetic: [], corpus: null };

console.log(`\n== module-kit boundary bench: ${rounds} interleaved rounds, >= ${minMs} ms per cell; MB/s of the payload's UTF-8 bytes ==`);
console.log('ratio = time / time of v8 (text); the target is wasm bytes and wasm b->value within 2.00x at every size.\n');
console.log(['shape'.padEnd(13), col('size', 9), ...names.map((n) => col(n)), col('bytes ratio'), col('b->v ratio'), col('obj ratio')].join(''));
const times = measure(synthetic);
for (const [i, p] of synthetic.entries()) {
  const t = times[i];
  const anchor = t[0];
  const row = { shape: p.shape, size: p.size, bytes: p.bytes.length, ms: Object.fromEntries(names.map((n, j) => [n, t[j]])) };
  row.ratio = { bytes: t[2] / anchor, bytesToValue: t[3] / anchor, object: t[4] / anchor };
  results.synthetic.push(row);
  console.log([p.shape.padEnd(13), col(p.size >= 1048576 ? `${p.size / 1048576} MB` : `${p.size / 1024} KB`, 9), ...t.map((ms) => col(mbps(p.bytes.length, ms))), col(`${row.ratio.bytes.toFixed(2)}x`), col(`${row.ratio.bytesToValue.toFixed(2)}x`), col(`${row.ratio.object.toFixed(2)}x`)].join(''));
}

// Corpus bodies: many small real payloads; total throughput over all of them.
const bodyTimes = measure(bodies);
const totalBytes = bodies.reduce((a, p) => a + p.bytes.length, 0);
const totals = names.map((_, j) => bodyTimes.reduce((a, t) => a + t[j], 0));
results.corpus = { bodies: bodies.length, bytes: totalBytes, ms: Object.fromEntries(names.map((n, j) => [n, totals[j]])), ratio: { bytes: totals[2] / totals[0], bytesToValue: totals[3] / totals[0], object: totals[4] / totals[0] } };
console.log(['compat bodies'.padEnd(13), col(`${bodies.length}×`, 9), ...totals.map((ms) => col(mbps(totalBytes, ms))), col(`${results.corpus.ratio.bytes.toFixed(2)}x`), col(`${results.corpus.ratio.bytesToValue.toFixed(2)}x`), col(`${results.corpus.ratio.object.toFixed(2)}x`)].join(''));
console.log(`  (${bodies.length} response bodies, ${(totalBytes / 1024).toFixed(0)} KB in all, median ${(median(bodies.map((p) => p.bytes.length)) / 1024).toFixed(1)} KB)`);

const split = host.stats().calls['identity'];
if (split) console.log(`\nwasm time split over every identity call: ${((split.marshalMs / split.totalMs) * 100).toFixed(0)}% marshalling (copies, UTF-8, JSON.stringify/parse in JS), ${(100 - (split.marshalMs / split.totalMs) * 100).toFixed(0)}% inside the module`);

const out = join(root, 'bench-results', 'module-kit.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nfigures written to ${out}`);
