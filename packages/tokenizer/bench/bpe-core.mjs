// Throughput and init benchmark of the BPE core (dist/bpe-harness.wasm) side by side with tiktoken
// (npm, Rust/WASM), js-tiktoken and gpt-tokenizer in one run. The machine may be noisy: rounds
// interleave the implementations and the table prints medians and ratios. Each implementation runs
// in its own worker thread so a call that takes too long (the others are quadratic on long runs)
// is cut off and reported as "> N s/call" instead of stalling the run.
//
// Usage (from packages/tokenizer, after `node scripts/build-wasm.mjs`):
//   node bench/bpe-core.mjs [--enc cl100k_base,o200k_base] [--ms 300] [--rounds 5] [--limit 10] [--only "100k 'a'"]
// Inputs: texts from ../shared/corpus/tokenizer.jsonl (read at run time) and synthetic runs.
// "core" is what the host does per call: UTF-8 into linear memory, special-token scan, count, with
// the piece cache; "core, no cache" clears the cache before each call.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { corpusInputs, runInputs } from './lib/inputs.mjs';

const pkgRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(pkgRoot, 'package.json'));
const manifest = JSON.parse(readFileSync(join(pkgRoot, 'dist/ranks/manifest.json'), 'utf8'));
const wasmFile = join(pkgRoot, 'dist/bpe-harness.wasm');

/** Instantiates the core and loads the given tables the way the host will. */
async function loadCore(tableIds) {
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmFile), {
    env: {
      abort() {
        throw new Error('wasm abort');
      },
    },
  });
  const x = instance.exports;
  for (const t of tableIds) {
    const blob = readFileSync(join(pkgRoot, 'dist/ranks', manifest.tables[t].file));
    const p = x.alloc(blob.length);
    new Uint8Array(x.memory.buffer, p, blob.length).set(blob);
    const rc = x.bpeLoad(t, p, blob.length);
    x.free(p);
    if (rc !== 0) throw new Error(`bpeLoad(${t}) = ${rc}`);
  }
  return x;
}

const encInfo = (name) => manifest.encodings.find((e) => e.name === name);

async function makeCounter(impl, enc) {
  if (impl === 'core' || impl === 'core, no cache') {
    const { id, table } = encInfo(enc);
    const x = await loadCore([table]);
    const utf8 = new TextEncoder();
    let ptr = 0;
    let cap = 0;
    const clear = impl !== 'core';
    return (text) => {
      const max = text.length * 3;
      if (max > cap) {
        if (ptr) x.free(ptr);
        cap = Math.max(max, 4096);
        ptr = x.alloc(cap);
      }
      const { written } = utf8.encodeInto(text, new Uint8Array(x.memory.buffer, ptr, max));
      if (x.bpeFindSpecial(id, ptr, written) >= 0) throw new Error('special token');
      if (clear) x.bpeCacheClear();
      return x.bpeCount(id, ptr, written);
    };
  }
  if (impl === 'tiktoken') {
    const t = require('tiktoken').get_encoding(enc);
    return (text) => t.encode(text).length;
  }
  if (impl === 'js-tiktoken') {
    const t = require('js-tiktoken').getEncoding(enc);
    return (text) => t.encode(text).length;
  }
  if (impl === 'gpt-tokenizer') {
    const g = await import(`gpt-tokenizer/encoding/${enc}`);
    return (text) => g.countTokens(text);
  }
  throw new Error(`unknown implementation ${impl}`);
}


class Runner {
  constructor(impl, enc, inputs, minMs) {
    Object.assign(this, { impl, enc, inputs, minMs });
    this.worker = null;
  }
  async start() {
    this.worker = new Worker(fileURLToPath(import.meta.url), {
      workerData: { impl: this.impl, enc: this.enc, inputs: this.inputs, minMs: this.minMs },
    });
    await new Promise((resolve, reject) => {
      this.worker.once('message', resolve);
      this.worker.once('error', reject);
    });
  }
  /** One measurement, or null if it did not finish within limitMs (the worker is then replaced). */
  async measure(input, limitMs) {
    if (!this.worker) await this.start();
    const w = this.worker;
    const result = await new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
      };
      const onMessage = (m) => {
        done();
        resolve(m);
      };
      const onError = (e) => {
        done();
        reject(e);
      };
      const timer = setTimeout(() => {
        done();
        resolve(null);
      }, limitMs);
      w.on('message', onMessage);
      w.on('error', onError);
      w.postMessage({ input });
    });
    if (result === null) {
      await w.terminate();
      this.worker = null;
    }
    return result;
  }
  async stop() {
    if (this.worker) await this.worker.terminate();
    this.worker = null;
  }
}

async function main() {
  const arg = (name, def) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : def;
  };
  const encodings = arg('enc', 'cl100k_base,o200k_base').split(',');
  const minMs = Number(arg('ms', '300'));
  const rounds = Number(arg('rounds', '5'));
  const limitMs = Number(arg('limit', '10')) * 1000;
  const only = arg('only', '');
  const impls = ['core', 'core, no cache', 'tiktoken', 'js-tiktoken', 'gpt-tokenizer'];
  let inputs = [...corpusInputs(), ...runInputs()];
  if (only) inputs = inputs.filter((i) => only.split(',').includes(i.name));

  // Init: read the wasm and one table from disk, compile, instantiate, load (cold, then best of 5).
  const initMs = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    await loadCore([encInfo('o200k_base').table]);
    initMs.push(performance.now() - t);
  }
  console.log(
    `init o200k_base (read wasm + blob, instantiate, bpeLoad): first ${initMs[0].toFixed(1)} ms, best of next 5 ${Math.min(...initMs.slice(1)).toFixed(1)} ms`,
  );

  const fmt = (v) => (typeof v === 'string' ? v : v.toFixed(1)).padStart(15);
  for (const enc of encodings) {
    console.log(`\n== ${enc} == MB/s of UTF-8 input, median of ${rounds} rounds (">" = lower bound: a call exceeded ${limitMs / 1000} s)`);
    console.log(['input'.padEnd(24), 'bytes'.padStart(8), ...impls.map(fmt), fmt('core/tiktoken'), fmt('core/gpt-tok')].join(''));
    const runners = impls.map((impl) => new Runner(impl, enc, inputs, minMs));
    for (const [idx, input] of inputs.entries()) {
      const bytes = input.list.reduce((a, s) => a + Buffer.byteLength(s, 'utf8'), 0);
      const samples = impls.map(() => []);
      const timedOut = impls.map(() => false);
      const tokens = impls.map(() => null);
      for (let r = 0; r < rounds; r++) {
        for (const [i, runner] of runners.entries()) {
          if (timedOut[i]) continue;
          const m = await runner.measure(idx, limitMs);
          if (m === null) timedOut[i] = true;
          else {
            samples[i].push(m.msPerPass);
            tokens[i] = m.tokens;
          }
        }
      }
      const mbps = samples.map((xs, i) => {
        if (timedOut[i] && xs.length === 0) return { lower: bytes / 1e6 / (limitMs / 1000) };
        const sorted = [...xs].sort((a, b) => a - b);
        return { value: bytes / 1e6 / (sorted[Math.floor(sorted.length / 2)] / 1000) };
      });
      const show = (m) => (m.value !== undefined ? m.value : `<${m.lower.toFixed(2)}`);
      const ratio = (a, b) => (b.value !== undefined ? (a.value / b.value).toFixed(2) : `>${(a.value / b.lower).toFixed(0)}`);
      const mismatch = impls
        .map((impl, i) => (tokens[i] !== null && tokens[0] !== null && tokens[i] !== tokens[0] ? `${impl} counted ${tokens[i]} vs core ${tokens[0]}` : ''))
        .filter(Boolean);
      console.log(
        [input.name.padEnd(24), String(bytes).padStart(8), ...mbps.map((m) => fmt(show(m))), fmt(ratio(mbps[0], mbps[2])), fmt(ratio(mbps[0], mbps[4]))].join('') +
          (mismatch.length ? `   !! ${mismatch.join('; ')}` : ''),
      );
    }
    await Promise.all(runners.map((r) => r.stop()));
  }
}

// ---- entry: the main thread runs the table; a worker measures one implementation on one encoding ----
if (!isMainThread) {
  const { impl, enc, inputs, minMs } = workerData;
  const count = await makeCounter(impl, enc);
  parentPort.on('message', ({ input }) => {
    const list = inputs[input].list;
    let tokens = 0;
    for (const s of list) tokens += count(s);
    let n = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      for (const s of list) count(s);
      n++;
      elapsed = performance.now() - start;
    } while (elapsed < minMs);
    parentPort.postMessage({ msPerPass: elapsed / n, tokens });
  });
  parentPort.postMessage({ ready: true });
} else {
  await main();
}
