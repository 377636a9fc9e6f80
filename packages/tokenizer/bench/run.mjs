// `pnpm bench` for the tokenizer: the WASM runtime (through the module's public API) side by side with the
// TS runtime (llms's tiktoken binding), tiktoken, js-tiktoken and gpt-tokenizer, in one run, on chat
// messages from the corpus, 100 KB of English+code, 100 KB of Chinese and 100k-character runs; plus init
// time, memory held, per-call latency and a linearity check. The machine is shared and noisy: rounds
// interleave the implementations, tables show medians, and the conclusions are ratios from the same run.
//
// Usage (after the build): node --expose-gc bench/run.mjs [--enc cl100k_base,o200k_base] [--ms 300] [--rounds 3] [--limit 10]
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

const IMPLS = ['wasm (module)', 'ts adapter (llms)', 'tiktoken', 'js-tiktoken', 'gpt-tokenizer'];
const WASM = 0;
const TS = 1;
const TIKTOKEN = 2;
const GPT = 4;
const runs = runInputs().filter((i) => ["100k spaces", "100k 'a'"].includes(i.name));
const inputs = [...corpusInputs().filter((i) => !i.name.includes('unique')), ...runs];
const col = (v, w = 18) => String(v).padStart(w);
const bytesOf = (input) => input.list.reduce((a, s) => a + Buffer.byteLength(s, 'utf8'), 0);

for (const enc of encodings) {
  const runners = IMPLS.map((impl) => new Runner(impl, enc, inputs, minMs));
  const rows = inputs.map(() => IMPLS.map(() => ({ samples: [], callMs: [], tokens: null, timedOut: false })));
  for (let r = 0; r < rounds; r++) {
    for (const [idx] of inputs.entries()) {
      for (const [i, runner] of runners.entries()) {
        const cell = rows[idx][i];
        if (cell.timedOut) continue;
        const m = await runner.measure(idx, limitMs);
        if (m === null) cell.timedOut = true;
        else {
          cell.samples.push(m.msPerPass);
          cell.callMs.push(...m.callMs);
          cell.tokens = m.tokens;
        }
      }
    }
  }

  console.log(`\n== tokenizer bench, ${enc}: ${rounds} rounds, >= ${minMs} ms per measurement, calls cut off after ${limitMs / 1000} s ==`);
  console.log('\ninit (instantiate/load + first call) and memory held after init (V8 heap + external, incl. WASM memory):');
  console.log(['implementation'.padEnd(20), col('init ms'), col('memory MB')].join(''));
  for (const [i, runner] of runners.entries()) {
    const s = runner.startup ?? { initMs: NaN, memoryMb: NaN };
    console.log([IMPLS[i].padEnd(20), col(s.initMs.toFixed(1)), col(s.memoryMb.toFixed(1))].join(''));
  }

  console.log('\nthroughput, MB/s of UTF-8 input (median; "<x" = a single call took longer than the cut-off):');
  console.log(['input'.padEnd(22), col('bytes', 9), ...IMPLS.map((n) => col(n)), col('wasm/gpt-tok', 14), col('wasm/tiktoken', 14), col('wasm/ts', 10)].join(''));
  const mismatches = [];
  for (const [idx, input] of inputs.entries()) {
    const bytes = bytesOf(input);
    const mbps = rows[idx].map((c) => (c.samples.length ? { v: bytes / 1e6 / (median(c.samples) / 1000) } : { lower: bytes / 1e6 / (limitMs / 1000) }));
    const show = (m) => (m.v !== undefined ? m.v.toFixed(1) : `<${m.lower.toFixed(2)}`);
    const ratio = (a, b) => (b.v !== undefined ? `${(a.v / b.v).toFixed(2)}x` : `>${(a.v / b.lower).toFixed(0)}x`);
    console.log([input.name.padEnd(22), col(bytes, 9), ...mbps.map((m) => col(show(m))), col(ratio(mbps[WASM], mbps[GPT]), 14), col(ratio(mbps[WASM], mbps[TIKTOKEN]), 14), col(ratio(mbps[WASM], mbps[TS]), 10)].join(''));
    for (const [i, c] of rows[idx].entries()) {
      if (c.tokens !== null && rows[idx][TIKTOKEN].tokens !== null && c.tokens !== rows[idx][TIKTOKEN].tokens) mismatches.push(`${input.name}: ${IMPLS[i]} counted ${c.tokens}, tiktoken ${rows[idx][TIKTOKEN].tokens}`);
    }
  }

  const chat = inputs.findIndex((i) => i.name === 'chat messages');
  console.log(`\nper-call latency on chat messages (${inputs[chat].list.length} texts), microseconds:`);
  console.log(['implementation'.padEnd(20), col('p50'), col('p99'), col('mean')].join(''));
  for (const [i, c] of rows[chat].entries()) {
    const xs = c.callMs;
    const us = (v) => (v * 1000).toFixed(1);
    console.log([IMPLS[i].padEnd(20), col(us(quantile(xs, 0.5))), col(us(quantile(xs, 0.99))), col(us(xs.reduce((a, b) => a + b, 0) / xs.length))].join(''));
  }
  if (mismatches.length) console.log(`\ncount mismatches against tiktoken:\n  ${mismatches.join('\n  ')}`);
  await Promise.all(runners.map((r) => r.stop()));
}

// Linearity: the WASM runtime's time per byte must not grow with the length of a single piece.
console.log('\nlinearity of the WASM runtime (time for n characters; a linear encoder gives ~10x per 10x):');
const lengths = [10_000, 100_000, 1_000_000];
const chars = [' ', 'a', '中', '7', '!', 'ab '];
const linear = chars.map((c) => ({ name: `run of ${JSON.stringify(c)}`, list: lengths.map((n) => c.repeat(Math.ceil(n / c.length)).slice(0, n)) }));
const perLength = linear.flatMap((l) => lengths.map((n, k) => ({ name: `${l.name} x${n}`, list: [l.list[k]] })));
const runner = new Runner('wasm (module)', 'o200k_base', perLength, minMs);
console.log(['input'.padEnd(18), ...lengths.map((n) => col(`${n / 1000}k chars ms`)), col('1M/10k', 10)].join(''));
for (const [li, l] of linear.entries()) {
  const ms = [];
  for (const k of lengths.keys()) ms.push((await runner.measure(li * lengths.length + k, limitMs))?.msPerPass ?? NaN);
  console.log([l.name.padEnd(18), ...ms.map((v) => col(v.toFixed(3))), col(`${(ms[2] / ms[0]).toFixed(0)}x`, 10)].join(''));
}
await runner.stop();
