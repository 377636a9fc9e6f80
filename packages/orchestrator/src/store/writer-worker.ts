// The diff store's writer thread, a build entry of its own (dist/store-writer.js) like the shadow worker.
// It opens the one writing connection (WAL, `synchronous` as configured, `secure_delete` on so deleted
// rows are zeroed), then answers messages in order. A connection that cannot open is reported once
// (`init-failed`) and every later batch is answered with that failure, so nothing hangs.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { writerCore, type BatchResult, type WriterCore } from './writer-core.js';
import { evidenceOf } from './window-query.js';
import { relayIntake } from './relay-intake.js';
import type { FromWorker, ToWorker, WorkerData } from './writer-protocol.js';

if (!parentPort) throw new Error('the diff store writer started outside a worker thread');
const port = parentPort;
const data = workerData as WorkerData;
const send = (message: FromWorker): void => port.postMessage(message);
const codeOf = (error: unknown): string => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'UNKNOWN';
};
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

let db: Database.Database | null = null;
let core: WriterCore | null = null;
let initFailure: { code: string; message: string } | null = null;
try {
  db = new Database(data.path, { fileMustExist: true, timeout: data.busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${data.synchronous}`);
  db.pragma('secure_delete = ON');
  if (data.maxPageCount !== null) db.pragma(`max_page_count = ${data.maxPageCount}`);
  core = writerCore(db, data.sql);
  send({ type: 'ready' });
} catch (error) {
  initFailure = { code: codeOf(error), message: messageOf(error) };
  send({ type: 'init-failed', ...initFailure });
}

const relay = relayIntake(
  (batch) => (core === null ? { written: 0, stored: 0, summaries: 0, lostSummaries: 0, failures: [{ code: initFailure?.code ?? 'UNKNOWN', message: initFailure?.message ?? 'writer not open', count: batch.records.length }] } : core.write(batch)),
  (result) => send({ type: 'relay-done', result }),
  data.relay,
);

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'relay': {
      relay.attach(message.port);
      break;
    }
    case 'batch': {
      const result: BatchResult =
        core === null
          ? { written: 0, stored: 0, summaries: 0, lostSummaries: message.batch.summaries.length, failures: [{ code: initFailure?.code ?? 'UNKNOWN', message: initFailure?.message ?? 'writer not open', count: message.batch.records.length + message.batch.runs.length }] }
          : core.write(message.batch);
      send({ type: 'batch-done', id: message.id, result });
      break;
    }
    case 'retain': {
      try {
        if (core === null) throw Object.assign(new Error(initFailure?.message ?? 'writer not open'), { code: initFailure?.code ?? 'UNKNOWN' });
        send({ type: 'retain-done', id: message.id, counts: core.retain(message.recordsBefore, message.summariesBefore, message.limit) });
      } catch (error) {
        send({ type: 'retain-failed', id: message.id, code: codeOf(error), message: messageOf(error) });
      }
      break;
    }
    case 'evidence': {
      try {
        if (db === null) throw Object.assign(new Error(initFailure?.message ?? 'writer not open'), { code: initFailure?.code ?? 'UNKNOWN' });
        send({ type: 'evidence-done', id: message.id, evidence: evidenceOf(db, message.query) });
      } catch (error) {
        const path = (error as { detail?: { path?: unknown } }).detail?.path;
        send({ type: 'evidence-failed', id: message.id, code: codeOf(error), message: messageOf(error), path: typeof path === 'string' ? path : null });
      }
      break;
    }
    case 'close': {
      try {
        relay.drain();
        db?.close();
      } finally {
        send({ type: 'closed' });
        port.close();
      }
      break;
    }
  }
});
