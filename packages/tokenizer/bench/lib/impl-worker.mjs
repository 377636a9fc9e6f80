// Worker side of runner.mjs: builds one counter (timing its init and measuring the memory it holds),
// then answers measurement requests: a warm-up pass, then passes over the input until minMs elapsed.
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
const started = performance.now();
const count = await IMPLEMENTATIONS[impl](enc);
await count('hello world'); // init includes the first call (lazy loaders pay here)
const initMs = performance.now() - started;
const memoryMb = heldMb() - before;

parentPort.on('message', async ({ input }) => {
  const list = inputs[input].list;
  let tokens = 0;
  for (const s of list) tokens += await count(s); // warm-up pass, and the count to cross-check
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
  parentPort.postMessage({ msPerPass: elapsed / n, tokens, callMs });
});
parentPort.postMessage({ initMs, memoryMb });
