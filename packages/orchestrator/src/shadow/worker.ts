// A shadow worker: loads every configured module (both runtimes), then runs shadow jobs one at a time,
// compares each with the main outcome under the ruleset, and sends back the verdict. Anything that goes
// wrong here stays here: the pool turns crashes, hangs and memory blow-ups into shadow errors.
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { runOutcome, type Outcome, type RuntimeKind } from '@llms-wasm/module-kit';
import { compileRuleset, loadRuleset } from '@llms-wasm/module-kit';
import { judge } from '../diff/classify.js';
import { stackHash } from '../redact/stack-hash.js';
import type { FromWorker, ShadowJob, ToWorker, WorkerData } from './job.js';
import { loadModules } from './load-modules.js';

if (!parentPort) throw new Error('shadow worker started outside a worker thread');
const port = parentPort;
const data = workerData as WorkerData;
const send = (message: FromWorker): void => port.postMessage(message);

function memoryMb(): number {
  const h = getHeapStatistics() as ReturnType<typeof getHeapStatistics> & { external_memory?: number };
  return (h.used_heap_size + (h.external_memory ?? 0)) / (1024 * 1024);
}

async function start(): Promise<void> {
  const { ruleset } = loadRuleset(data.rulesetDir, data.rulesetVersion);
  const views = compileRuleset(ruleset);
  const modules = await loadModules(data.modules);
  const runtimes: Record<string, Record<RuntimeKind, string>> = {};
  for (const [id, mod] of modules) {
    const state: Record<RuntimeKind, string> = { ts: 'ready', wasm: 'ready' };
    for (const kind of ['ts', 'wasm'] as const) {
      await mod.init(kind).catch((error: unknown) => {
        state[kind] = `failed: ${(error as Error).message}`;
      });
    }
    runtimes[id] = state;
  }
  send({ type: 'ready', runtimes });

  const run = async (job: ShadowJob): Promise<void> => {
    const mod = modules.get(job.module);
    if (!mod) throw new Error(`shadow job for unknown module ${job.module}`);
    const shadow = await runOutcome(mod, job.shadowRuntime, job.operation, job.input);
    const main = job.main as Outcome;
    const shadowError = shadow.ok
      ? null
      : { code: shadow.code, message: shadow.message, ...(shadow.error instanceof Error && shadow.error.stack ? { stack_hash: stackHash(shadow.error.stack) } : {}) };
    const verdict = judge(mod, job.operation, main, shadow, views(job.module, job.operation), shadowError);
    const shadowOut = shadow.ok ? { ok: true as const, value: shadow.value, ms: shadow.ms } : { ok: false as const, code: shadow.code, message: shadow.message, ms: shadow.ms };
    send({ type: 'result', result: { jobId: job.jobId, verdict, shadowMs: shadow.ms, shadow: shadowOut }, memoryMb: memoryMb() });
  };

  port.on('message', (message: ToWorker) => {
    if (message.type === 'job') {
      run(message.job).catch((error: unknown) => send({ type: 'fatal', message: (error as Error).stack ?? String(error) }));
    }
  });
}

start().catch((error: unknown) => send({ type: 'fatal', message: (error as Error).stack ?? String(error) }));
