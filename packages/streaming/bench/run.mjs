// `pnpm bench` for streaming: decode throughput side by side in one run on the corpus streams both llms
// versions decode, fed whole and in 64-byte (64-character for text decoders) chunks: MB/s over all
// streams and per-stream p50/p99, for our WASM decoder (raw ABI and through the module), the llms TS
// decoders (0.4.2 and 0.6 ResponsesSseToJsonConverter) and eventsource-parser (framing only, and with
// JSON.parse of each data line). Rounds interleave the implementations; tables show medians over rounds;
// the ratios come from this same run. Writes ../../bench-results/streaming.json.
//
// Usage (after the build): node --expose-gc bench/run.mjs [--rounds 5]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { implementations } from './lib/implementations.mjs';
import { benchStreams, pieces } from './lib/streams.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const rounds = Number(arg('rounds', '5'));
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

const streams = await benchStreams();
const totalBytes = streams.reduce((a, s) => a + s.bytes.length, 0);
const impls = await implementations();
const modes = [
  { name: 'whole', split: (s, feed) => [feed === 'bytes' ? s.bytes : s.text] },
  { name: '64-byte chunks', split: (s, feed) => pieces(feed === 'bytes' ? s.bytes : s.text, 64) },
];
// Pre-split so splitting is not timed.
const inputs = modes.map((m) => impls.map((impl) => streams.map((s) => m.split(s, impl.feed))));

/** One pass of one implementation over every stream: total ms and per-stream ms. */
async function pass(impl, chunked) {
  const per = [];
  const started = performance.now();
  for (const chunks of chunked) {
    const t = performance.now();
    await impl.run(chunks);
    per.push(performance.now() - t);
  }
  return { total: performance.now() - started, per };
}

const cells = modes.map(() => impls.map(() => ({ totals: [], per: [] })));
for (const [mi] of modes.entries()) for (const [ii, impl] of impls.entries()) await pass(impl, inputs[mi][ii]); // warm-up
for (let r = 0; r < rounds; r++) {
  for (const [mi] of modes.entries()) {
    for (const [ii, impl] of impls.entries()) {
      globalThis.gc?.();
      const p = await pass(impl, inputs[mi][ii]);
      cells[mi][ii].totals.push(p.total);
      cells[mi][ii].per.push(...p.per);
    }
  }
}

const mb = totalBytes / 1e6;
const results = {};
console.log(`\n== streaming decode bench: ${streams.length} corpus Responses streams both llms versions decode, ${mb.toFixed(2)} MB, ${rounds} rounds ==`);
for (const [mi, mode] of modes.entries()) {
  console.log(`\n${mode.name}:`);
  console.log(['implementation'.padEnd(22), 'MB/s'.padStart(10), 'p50 ms'.padStart(10), 'p99 ms'.padStart(10)].join(''));
  results[mode.name] = {};
  for (const [ii, impl] of impls.entries()) {
    const c = cells[mi][ii];
    const row = { mbPerS: mb / (median(c.totals) / 1000), p50Ms: quantile(c.per, 0.5), p99Ms: quantile(c.per, 0.99) };
    results[mode.name][impl.name] = row;
    console.log([impl.name.padEnd(22), row.mbPerS.toFixed(1).padStart(10), row.p50Ms.toFixed(2).padStart(10), row.p99Ms.toFixed(2).padStart(10)].join(''));
  }
}

const r = (mode, a, b) => results[mode][a].mbPerS / results[mode][b].mbPerS;
const ratios = {
  'wasm raw / llms 0.4.2, whole': r('whole', 'wasm (raw ABI)', 'llms 0.4.2 TS'),
  'wasm raw / llms 0.6, whole': r('whole', 'wasm (raw ABI)', 'llms 0.6 TS'),
  'wasm raw / llms 0.4.2, 64-byte chunks': r('64-byte chunks', 'wasm (raw ABI)', 'llms 0.4.2 TS'),
  'wasm raw / llms 0.6, 64-byte chunks': r('64-byte chunks', 'wasm (raw ABI)', 'llms 0.6 TS'),
  'wasm raw / (eventsource-parser + JSON.parse), whole': r('whole', 'wasm (raw ABI)', 'esp + JSON.parse'),
  'wasm raw / (eventsource-parser + JSON.parse), 64-byte chunks': r('64-byte chunks', 'wasm (raw ABI)', 'esp + JSON.parse'),
  'wasm module / llms 0.4.2, whole': r('whole', 'wasm (module)', 'llms 0.4.2 TS'),
  'wasm module / llms 0.4.2, 64-byte chunks': r('64-byte chunks', 'wasm (module)', 'llms 0.4.2 TS'),
};
const targets = {
  'wasm >= 2x llms TS, whole': Math.min(ratios['wasm raw / llms 0.4.2, whole'], ratios['wasm raw / llms 0.6, whole']) >= 2,
  'wasm >= 4x llms TS, 64-byte chunks': Math.min(ratios['wasm raw / llms 0.4.2, 64-byte chunks'], ratios['wasm raw / llms 0.6, 64-byte chunks']) >= 4,
  'wasm faster than eventsource-parser + JSON.parse, whole': ratios['wasm raw / (eventsource-parser + JSON.parse), whole'] > 1,
};
console.log('\nratios (same run):');
for (const [k, v] of Object.entries(ratios)) console.log(`  ${k.padEnd(62)} ${v.toFixed(2)}x`);
console.log('\ntargets:');
for (const [k, v] of Object.entries(targets)) console.log(`  ${k.padEnd(62)} ${v ? 'met' : 'NOT met'}`);

mkdirSync(join(root, 'bench-results'), { recursive: true });
const file = join(root, 'bench-results', 'streaming.json');
writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, streams: streams.length, bytes: totalBytes, rounds, results, ratios, targets }, null, 2)}\n`);
console.log(`\nwritten to ${file}`);
