// Runs one implementation on one encoding in its own worker thread, so that (1) its init time and memory
// are its own and (2) a call that takes too long (the peers are quadratic on long runs) is cut off and
// reported instead of stalling the run.
import { Worker } from 'node:worker_threads';

const workerScript = new URL('./impl-worker.mjs', import.meta.url);

export class Runner {
  constructor(impl, enc, inputs, minMs) {
    Object.assign(this, { impl, enc, inputs, minMs });
    this.worker = null;
    /** { initMs, memoryMb } of the first start. */
    this.startup = null;
  }

  async start() {
    this.worker = new Worker(workerScript, { workerData: { impl: this.impl, enc: this.enc, inputs: this.inputs, minMs: this.minMs } });
    const ready = await new Promise((resolve, reject) => {
      this.worker.once('message', resolve);
      this.worker.once('error', reject);
    });
    this.startup ??= ready;
  }

  /** One measurement `{ msPerPass, tokens, callMs[] }`, or null if it did not finish within limitMs. */
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

/** Median of a list of numbers. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The q-quantile (0..1) of a list of numbers. */
export const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
