import type Database from 'better-sqlite3';
import type { BatchResult, RetentionCounts, WireRecord, WriterCore, WriterSql, writerCore } from './writer-core.js';

/** What the writer worker is started with (`workerData`). */
export interface WorkerData {
  /** Absolute path of better-sqlite3's entry, resolved by the main thread. */
  readonly driver: string;
  readonly path: string;
  readonly sql: WriterSql;
  readonly synchronous: 'NORMAL' | 'FULL';
  readonly busyTimeoutMs: number;
  readonly maxPageCount: number | null;
}

/** Main thread -> worker. */
export type ToWorker =
  | { readonly type: 'batch'; readonly id: number; readonly records: readonly WireRecord[] }
  | { readonly type: 'retain'; readonly id: number; readonly recordsBefore: number; readonly summariesBefore: number; readonly limit: number }
  | { readonly type: 'close' };

/** Worker -> main thread. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'init-failed'; readonly code: string; readonly message: string }
  | { readonly type: 'batch-done'; readonly id: number; readonly result: BatchResult }
  | { readonly type: 'retain-done'; readonly id: number; readonly counts: RetentionCounts }
  | { readonly type: 'retain-failed'; readonly id: number; readonly code: string; readonly message: string }
  | { readonly type: 'closed' };

/**
 * The writer worker's body. Like `writerCore` it is shipped as source text (`worker-source.ts`), so it
 * must stay SELF-CONTAINED: it gets everything it uses as parameters.
 *
 * It opens the one writing connection (WAL, `synchronous` as configured, `secure_delete` on so deleted
 * rows are zeroed), then answers messages in order. A connection that cannot open is reported once
 * (`init-failed`) and every later batch is answered with that failure, so nothing hangs.
 */
export function workerMain(
  threads: typeof import('node:worker_threads'),
  Driver: typeof Database,
  makeCore: typeof writerCore,
): void {
  const port = threads.parentPort;
  if (port === null) return;
  const data = threads.workerData as WorkerData;
  const codeOf = (error: unknown): string => {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    return typeof code === 'string' ? code : 'UNKNOWN';
  };
  const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
  const send = (message: FromWorker): void => port.postMessage(message);

  let db: Database.Database | null = null;
  let core: WriterCore | null = null;
  let initFailure: { code: string; message: string } | null = null;
  try {
    db = new Driver(data.path, { fileMustExist: true, timeout: data.busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${data.synchronous}`);
    db.pragma('secure_delete = ON');
    if (data.maxPageCount !== null) db.pragma(`max_page_count = ${data.maxPageCount}`);
    core = makeCore(db, data.sql);
    send({ type: 'ready' });
  } catch (error) {
    initFailure = { code: codeOf(error), message: messageOf(error) };
    send({ type: 'init-failed', ...initFailure });
  }

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'batch': {
        const result: BatchResult =
          core === null
            ? { written: 0, stored: 0, failures: [{ code: initFailure?.code ?? 'UNKNOWN', message: initFailure?.message ?? 'writer not open', count: message.records.length }] }
            : core.write(message.records);
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
      case 'close': {
        try {
          db?.close();
        } finally {
          send({ type: 'closed' });
          port.close();
        }
        break;
      }
    }
  });
}
