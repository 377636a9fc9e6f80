// Throughput of parseUtf8 / stringifyUtf8 (WASM, asc -O3) vs JSON.parse / JSON.stringify (V8) on
// ~1 MB documents. For information only. Run: node test/assembly/bench-json.mjs
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = fileURLToPath(new URL('../../', import.meta.url));
let binary;
const { error } = await asc.main(['test/assembly/harness.ts', '--outFile', 'bench.wasm', '-O3', '--runtime', process.env.RUNTIME ?? 'incremental'], {
  readFile: (name, baseDir) => {
    const p = `${root}/${baseDir}/${name}`;
    return existsSync(p) ? readFileSync(p, 'utf8') : null;
  },
  writeFile: (name, contents) => {
    if (name.endsWith('.wasm')) binary = contents;
  },
  listFiles: () => [],
});
if (error) throw error;
console.log(`harness -O3: ${binary.length} bytes`);
const { exports: ex } = new WebAssembly.Instance(new WebAssembly.Module(binary), { env: { abort: () => { throw new Error('abort'); } } });

function documents() {
  const dir = new URL('../../../../../shared/corpus/', import.meta.url);
  const docs = {};
  if (existsSync(dir)) {
    const lines = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).flatMap((f) => readFileSync(new URL(f, dir), 'utf8').split('\n').filter(Boolean));
    const items = [];
    let size = 2;
    for (const l of lines) {
      if (size > 1_000_000) break;
      items.push(JSON.parse(l));
      size += l.length + 1;
    }
    docs['corpus (gateway traffic)'] = JSON.stringify(items);
  }
  let seed = 1;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  docs['numbers (doubles)'] = JSON.stringify(Array.from({ length: 55000 }, () => (rnd() - 0.5) * 10 ** Math.floor(rnd() * 20 - 10)));
  docs['small objects'] = JSON.stringify(Array.from({ length: 9000 }, (_, i) => ({ id: i, name: `item ${i}`, ok: i % 2 === 0, tags: ['a', 'b'], score: i / 7 })));
  return docs;
}

// Per-iteration times over ~MIN_MS; the median is reported, the best shows the machine's noise floor.
function time(fn, minMs = Number(process.env.MIN_MS ?? 600)) {
  for (let i = 0; i < 3; i++) fn();
  const times = [];
  const t0 = performance.now();
  while (performance.now() - t0 < minMs || times.length < 10) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], best: times[0] };
}

for (const [name, text] of Object.entries(documents())) {
  const bytes = new TextEncoder().encode(text);
  const mb = bytes.length / 1e6;
  const ptr = ex.alloc(bytes.length);
  new Uint8Array(ex.memory.buffer, ptr, bytes.length).set(bytes);
  if (ex.parseKeep(ptr, bytes.length) !== 1) throw new Error('parse failed');
  const value = JSON.parse(text);
  const rows = {
    'V8 JSON.parse(string)': time(() => JSON.parse(text)),
    'WASM parseUtf8(bytes in memory)': time(() => ex.parseKeep(ptr, bytes.length)),
    'WASM encode+copy+parseUtf8': time(() => {
      const b = new TextEncoder().encode(text);
      const p = ex.alloc(b.length);
      new Uint8Array(ex.memory.buffer, p, b.length).set(b);
      ex.parseKeep(p, b.length);
      ex.free(p);
    }),
    'V8 JSON.stringify(value)': time(() => JSON.stringify(value)),
    'WASM stringifyUtf8(value)': time(() => ex.stringifyKept()),
    'WASM stringify(value) -> string': time(() => ex.stringifyKeptString()),
  };
  ex.parseKeep(ptr, bytes.length);
  ex.free(ptr);
  console.log(`\n${name}: ${(mb).toFixed(2)} MB`);
  for (const [k, { median, best }] of Object.entries(rows)) {
    const rate = (ms) => (mb / (ms / 1000)).toFixed(0).padStart(5);
    console.log(`  ${k.padEnd(34)} median ${median.toFixed(2).padStart(7)} ms ${rate(median)} MB/s   best ${best.toFixed(2).padStart(7)} ms ${rate(best)} MB/s`);
  }
}
