// A shadow worker: loads every configured module (both runtimes), then runs jobs one at a time. A
// `compare` job runs the shadow, compares it with the main outcome under the ruleset, and sends back the
// verdict with every part that can hold payload data already redacted (diff previews, error message) and,
// when the record is kept in full, its redacted payloads as UTF-8 JSON (transferred, never copied; a
// second copy for the store when record listeners keep the first). A
// `redact` job only redacts the input and main outcome of a job the pool failed. When the store takes
// records straight from the workers (decision 0018), a kept record is built, redacted and checked here
// and sent to the store's writer thread on its relay port; the pool hears only the verdict. Nothing heavy
// is left for the caller's thread. Anything that goes wrong here stays here: the pool turns crashes, hangs and
// memory blow-ups into shadow errors. A `stream` job runs the shadow runtime's session on the teed
// chunks of a stream call and measures its timing (stream-job.ts), then compares like a `compare` job.
import { deserialize, getHeapStatistics } from 'node:v8';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { compileRuleset, loadRuleset, runOutcome, type Outcome, type RuntimeKind } from '@llms-wasm/module-kit';
import { judge } from '../diff/classify.js';
import { redactShadowParts } from '../redact/redact-record.js';
import { createRedactor } from '../redact/redactor.js';
import { memoRedactor } from '../redact/memo-redactor.js';
import { stackHash } from '../redact/stack-hash.js';
import type { FromWorker, MainOutcome, RecordOutcome, ShadowJob, ShadowResult, ToWorker, WorkerData } from './job.js';
import { relayRecord } from './relay-record.js';
import { loadModules } from './load-modules.js';
import { runStreamShadow, streamInputPayload, type StreamShadow } from './stream-job.js';

if (!parentPort) throw new Error('shadow worker started outside a worker thread');
const port = parentPort;
const data = workerData as WorkerData;
const send = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
const encoder = new TextEncoder();

function memoryMb(): number {
  const h = getHeapStatistics() as ReturnType<typeof getHeapStatistics> & { external_memory?: number };
  return (h.used_heap_size + (h.external_memory ?? 0)) / (1024 * 1024);
}

/** What a record shows of an outcome: its value, or its error. */
const shown = (o: MainOutcome): unknown => (o.ok ? o.value : { error: { code: o.code, message: o.message } });

async function start(): Promise<void> {
  const redactor = createRedactor(data.redaction);
  const { ruleset } = loadRuleset(data.rulesetDir, data.rulesetVersion);
  const views = compileRuleset(ruleset);
  const modules = await loadModules(data.modules);
  const runtimes: Record<string, Record<RuntimeKind, string>> = {};
  const unloaded = new Set(data.modules.filter((m) => m.tsLoaded === false).map((m) => m.id));
  for (const [id, mod] of modules) {
    const state: Record<RuntimeKind, string> = { ts: unloaded.has(id) ? 'unloaded' : 'ready', wasm: 'ready' };
    for (const kind of unloaded.has(id) ? (['wasm'] as const) : (['ts', 'wasm'] as const)) {
      await mod.init(kind).catch((error: unknown) => {
        state[kind] = `failed: ${(error as Error).message}`;
      });
    }
    runtimes[id] = state;
  }
  send({ type: 'ready', runtimes });

  /** UTF-8 JSON in a buffer of its own (so it can be transferred whole). */
  const bytesOf = (value: unknown): Uint8Array => {
    const bytes = encoder.encode(JSON.stringify(value));
    return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength ? bytes : bytes.slice();
  };
  const fields = memoRedactor(redactor);
  let store: { port: MessagePort; generation: number } | null = null;

  /**
   * The result message of a job. A kept record goes to the store's writer on the relay port when there
   * is one (the pool then gets the listeners' copy of the payloads, if any); otherwise the payloads (and
   * the store's copy, when listeners keep the first) go to the pool. Buffers are transferred, never copied.
   */
  const reply = (job: ShadowJob, verdict: ShadowResult['verdict'], shadowMs: number, payloads: Uint8Array | null, outcome: RecordOutcome | null, stream?: StreamShadow): void => {
    const listenerCopy = payloads !== null && job.listenerCopy ? payloads.slice() : null;
    const relayed = payloads !== null && outcome !== null && job.record !== undefined && store !== null ? relayRecord(store, job.record, outcome, stream?.timing ?? null, payloads, fields) : null;
    const toPool = relayed === null ? payloads : listenerCopy;
    const storePayloads = relayed === null ? listenerCopy : null;
    const transfer = [toPool, storePayloads].flatMap((b) => (b === null ? [] : [b.buffer as ArrayBuffer]));
    const timing = stream === undefined ? {} : { stream: { timing: stream.timing, gapsMs: stream.gapsMs } };
    send({ type: 'result', result: { jobId: job.jobId, verdict, shadowMs, payloads: toPool, storePayloads, relayed, ...timing }, memoryMb: memoryMb() }, transfer);
  };
  /** What a record shows of a job's input: a call's input, or a stream's options and text. */
  const inputOf = (job: ShadowJob): unknown => {
    const input = deserialize(job.input) as unknown;
    return job.stream === undefined ? input : streamInputPayload(input, job.stream);
  };

  const run = async (job: ShadowJob): Promise<void> => {
    if (job.kind === 'redact') {
      const parts = redactShadowParts({ summary: null, shadowError: null, payloads: { input: inputOf(job), main: shown(job.main) } }, redactor);
      reply(job, null, 0, bytesOf(parts.payloads), job.record?.outcome ?? null);
      return;
    }
    const mod = modules.get(job.module);
    if (!mod) throw new Error(`shadow job for unknown module ${job.module}`);
    const input = deserialize(job.input) as unknown;
    let stream: StreamShadow | undefined;
    let shadow: Outcome;
    if (job.kind === 'stream') {
      if (job.stream === undefined) throw new Error(`stream job ${job.jobId} came without its chunks`);
      stream = await runStreamShadow(mod, job.shadowRuntime, job.operation, input, job.stream);
      shadow = stream.outcome;
    } else {
      shadow = await runOutcome(mod, job.shadowRuntime, job.operation, input);
    }
    const main = job.main as Outcome;
    const shadowError = shadow.ok
      ? null
      : { code: shadow.code, message: shadow.message, ...(shadow.error instanceof Error && shadow.error.stack ? { stack_hash: stackHash(shadow.error.stack) } : {}) };
    const verdict = judge(mod, job.operation, main, shadow, views(job.module, job.operation), shadowError);
    const keep = verdict.status !== 'match' || verdict.classification !== null || job.keepMatch;
    const shadowOut: MainOutcome = shadow.ok ? { ok: true, value: shadow.value, ms: shadow.ms } : { ok: false, code: shadow.code, message: shadow.message, ms: shadow.ms };
    const shownInput = keep && job.stream !== undefined ? streamInputPayload(input, job.stream) : input;
    const parts = redactShadowParts({ summary: verdict.summary, shadowError: verdict.shadowError, payloads: keep ? { input: shownInput, main: shown(job.main), shadow: shown(shadowOut) } : null }, redactor);
    const outcome: RecordOutcome = { status: verdict.status, classification: verdict.classification, diff_summary: parts.summary, shadow_error: parts.shadowError, latency_shadow_ms: shadow.ms };
    reply(job, { ...verdict, summary: parts.summary, shadowError: parts.shadowError }, shadow.ms, parts.payloads === null ? null : bytesOf(parts.payloads), outcome, stream);
  };

  port.on('message', (message: ToWorker) => {
    if (message.type === 'store-port') {
      store?.port.close();
      store = message.port === null ? null : { port: message.port, generation: message.generation };
      store?.port.unref();
    } else if (message.type === 'job') {
      run(message.job).catch((error: unknown) => send({ type: 'fatal', message: (error as Error).stack ?? String(error) }));
    }
  });
}

start().catch((error: unknown) => send({ type: 'fatal', message: (error as Error).stack ?? String(error) }));
