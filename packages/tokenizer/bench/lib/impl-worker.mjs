// Worker side of runner.mjs: loads one implementation and builds its counter (timing each and measuring the
// memory it holds), then answers measurement requests: a first pass over the input (cold caches), then
// passes until minMs elapsed.
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { IMPLEMENTATIONS } from './implementations.mjs';

const { impl, enc, inputs, minMs } = workerData;
const heldMb = () => {
  globalThis.gc?.();
  const h = getHeapStatistics();
  return (h.used_heap_size + h.external_memory) / (1024 * 1024);
};

const before = heldMb();
let started = performance.now();
const lib = await IMPLEMENTATIONS[impl].load();
const importMs = performance.now() - started;
started = performance.now();
const count = await IMPLEMENTATIONS[impl].init(lib, enc);
await count('hello world'); // init includes the first call (lazy loaders pay here)
const initMs = performance.now() - started;
const memoryMb = heldMb() - before;

parentPort.on('message', async ({ input }) => {
  const list = inputs[input].list;
  let tokens = 0;
  const firstStart = performance.now();
  for (const s of list) tokens += await count(s); // first pass (cold caches), and the count to cross-check
  const firstPassMs = performance.now() - firstStart;
  const callMs = [];
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const s of list) {
      const t = performance.now();
      await count(s);
      if (callMs.length < 50_000) callMs.push(performance.now() - t);
    }
    n++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  parentPort.postMessage({ msPerPass: elapsed / n, firstPassMs, tokens, callMs });
});
parentPort.postMessage({ importMs, initMs, memoryMb });
