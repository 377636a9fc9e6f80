// `pnpm bench` for the tokenizer: the WASM runtime (through the module's public API) side by side with the
// TS runtime (llms's tiktoken binding), tiktoken, js-tiktoken and gpt-tokenizer, in one run, on chat
// messages from the corpus, 100 KB of English+code, 100 KB of Chinese (repeating and not) and
// 100k-character runs; plus import and init time, memory held, per-call latency and a linearity check.
// The machine is shared and noisy: rounds interleave the implementations, tables show medians, and the
// conclusions are ratios from the same run. Each implementation runs in its own worker (lib/runner.mjs).
//
// Usage (after the build):
//   node --expose-gc bench/run.mjs [--enc cl100k_base,o200k_base] [--ms 300] [--rounds 3] [--limit 10]
//                                  [--impls "core,core, no cache,tiktoken"] [--inputs all]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenizer } from '../dist/index.js';
import { IMPLEMENTATIONS } from './lib/implementations.mjs';
import { benchSegment } from './segment.mjs';
import { corpusInputs, runInputs } from './lib/inputs.mjs';
import { Runner, median, quantile } from './lib/runner.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const encodings = arg('enc', 'cl100k_base').split(',');
const minMs = Number(arg('ms', '300'));
const rounds = Number(arg('rounds', '3'));
const limitMs = Number(arg('limit', '10')) * 1000;
const impls = arg('impls', 'wasm (module)|ts adapter (llms)|tiktoken|js-tiktoken|gpt-tokenizer').split(/[|]/);
for (const impl of impls) if (!IMPLEMENTATIONS[impl]) throw new Error(`unknown implementation "${impl}" (have: ${Object.keys(IMPLEMENTATIONS).join(', ')})`);
const subject = impls[0];
const peers = ['gpt-tokenizer', 'tiktoken', 'ts adapter (llms)'].filter((p) => impls.includes(p) && p !== subject);
const runs = runInputs().filter((i) => arg('inputs', '') === 'all' || ['100k spaces', "100k 'a'"].includes(i.name));
const inputs = [...corpusInputs(), ...runs];
const col = (v, w = 18) => String(v).padStart(w);
const results = { generatedAt: new Date().toISOString(), node: process.version, minMs, rounds, encodings: {}, linearity: [], segment: [] };
const bytesOf = (input) => input.list.reduce((a, s) => a + Buffer.byteLength(s, 'utf8'), 0);
const mbps = (bytes, ms) => bytes / 1e6 / (ms / 1000);

for (const enc of encodings) {
  const runners = impls.map((impl) => new Runner(impl, enc, inputs, minMs));
  const cells = inputs.map(() => impls.map(() => ({ samples: [], firstMs: null, callMs: [], tokens: null, timedOut: false })));
  for (let r = 0; r < rounds; r++) {
    for (const [idx] of inputs.entries()) {
      for (const [i, runner] of runners.entries()) {
        const cell = cells[idx][i];
        if (cell.timedOut) continue;
        const m = await runner.measure(idx, limitMs);
        if (m === null) cell.timedOut = true;
        else {
          cell.samples.push(m.msPerPass);
          cell.firstMs ??= m.firstPassMs;
          cell.callMs.push(...m.callMs);
          cell.tokens = m.tokens;
        }
      }
    }
  }

  console.log(`\n== tokenizer bench, ${enc}: ${rounds} rounds, >= ${minMs} ms per measurement, calls cut off after ${limitMs / 1000} s ==`);
  console.log('\nstart-up: package import, then init (instantiate, load tables, first call); memory held after init (V8 heap + external, incl. WASM memory):');
  console.log(['implementation'.padEnd(20), col('import ms'), col('init ms'), col('memory MB')].join(''));
  for (const [i, runner] of runners.entries()) {
    const s = runner.startup ?? { importMs: NaN, initMs: NaN, memoryMb: NaN };
    console.log([impls[i].padEnd(20), col(s.importMs.toFixed(1)), col(s.initMs.toFixed(1)), col(s.memoryMb.toFixed(1))].join(''));
  }

  const mismatches = [];
  const figures = (results.encodings[enc] = { startup: {}, throughput: {}, firstPass: {}, latencyChatUs: {} });
  for (const [i, runner] of runners.entries()) figures.startup[impls[i]] = runner.startup;
  const table = (title, pick, into) => {
    console.log(`\n${title}`);
    console.log(['input'.padEnd(24), col('bytes', 9), ...impls.map((n) => col(n)), ...peers.map((p) => col(`${subject.split(' ')[0]}/${p.split(' ')[0]}`, 20))].join(''));
    for (const [idx, input] of inputs.entries()) {
      const bytes = bytesOf(input);
      const rates = cells[idx].map((c) => {
        const ms = pick(c);
        return ms !== null ? { v: mbps(bytes, ms) } : { lower: mbps(bytes, limitMs) };
      });
      const show = (x) => (x.v !== undefined ? x.v.toFixed(1) : `<${x.lower.toFixed(2)}`);
      const ratio = (a, b) => (a.v === undefined ? '-' : b.v !== undefined ? `${(a.v / b.v).toFixed(2)}x` : `>${(a.v / b.lower).toFixed(0)}x`);
      console.log([input.name.padEnd(24), col(bytes, 9), ...rates.map((x) => col(show(x))), ...peers.map((p) => col(ratio(rates[0], rates[impls.indexOf(p)]), 20))].join(''));
      into[input.name] = Object.fromEntries(impls.map((impl, i) => [impl, rates[i].v ?? null]));
    }
  };
  table('throughput, MB/s of UTF-8 input, median of repeated passes ("<x": one call took longer than the cut-off):', (c) => (c.samples.length ? median(c.samples) : null), figures.throughput);
  table('first pass over each input (cold caches), MB/s:', (c) => c.firstMs, figures.firstPass);
  const reference = impls.indexOf('tiktoken');
  for (const [idx, input] of inputs.entries()) {
    for (const [i, c] of cells[idx].entries()) {
      const ref = reference >= 0 ? cells[idx][reference].tokens : null;
      if (c.tokens !== null && ref !== null && c.tokens !== ref) mismatches.push(`${input.name}: ${impls[i]} counted ${c.tokens}, tiktoken ${ref}`);
    }
  }

  const chat = inputs.findIndex((i) => i.name === 'chat messages');
  console.log(`\nper-call latency on chat messages (${inputs[chat].list.length} texts), microseconds:`);
  console.log(['implementation'.padEnd(20), col('p50'), col('p99'), col('mean')].join(''));
  for (const [i, c] of cells[chat].entries()) {
    const xs = c.callMs;
    const us = (v) => (v * 1000).toFixed(1);
    console.log([impls[i].padEnd(20), col(us(quantile(xs, 0.5))), col(us(quantile(xs, 0.99))), col(us(xs.reduce((a, b) => a + b, 0) / xs.length))].join(''));
    figures.latencyChatUs[impls[i]] = { p50: quantile(xs, 0.5) * 1000, p99: quantile(xs, 0.99) * 1000 };
  }
  if (mismatches.length) console.log(`\ncount mismatches against tiktoken:\n  ${mismatches.join('\n  ')}`);
  await Promise.all(runners.map((r) => r.stop()));
}

// Linearity, measured on the encoder with its piece cache cleared before every call (a cache would hide
// the merge cost of repeated runs): time per character must not grow with the length of one piece.
console.log('\nlinearity of the WASM encoder, cache cleared per call (a linear encoder gives ~100x for 100x the characters):');
const lengths = [10_000, 100_000, 1_000_000];
const chars = [' ', 'a', '中', '7', '!', 'ab ', '\n'];
const perLength = chars.flatMap((c) => lengths.map((n) => ({ name: `${JSON.stringify(c)} x${n}`, list: [c.repeat(Math.ceil(n / c.length)).slice(0, n)] })));
const runner = new Runner('core, no cache', 'o200k_base', perLength, minMs);
console.log(['run of'.padEnd(10), ...lengths.map((n) => col(`${n / 1000}k chars ms`)), col('1M / 10k', 12)].join(''));
for (const [ci, c] of chars.entries()) {
  const ms = [];
  for (const k of lengths.keys()) ms.push((await runner.measure(ci * lengths.length + k, limitMs))?.msPerPass ?? NaN);
  console.log([JSON.stringify(c).padEnd(10), ...ms.map((v) => col(v.toFixed(3))), col(`${(ms[2] / ms[0]).toFixed(0)}x`, 12)].join(''));
  results.linearity.push({ char: c, ms: Object.fromEntries(lengths.map((n, k) => [n, ms[k]])), ratio1MTo10k: ms[2] / ms[0] });
}
await runner.stop();

await Promise.all([tokenizer.init('ts'), tokenizer.init('wasm')]);
results.segment = await benchSegment(tokenizer, { minMs: Math.max(100, minMs), rounds });

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bench-results', 'tokenizer.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nfigures written to ${out}`);
