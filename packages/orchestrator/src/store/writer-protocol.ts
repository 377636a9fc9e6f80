import type { MessagePort } from 'node:worker_threads';
import type { Evidence, EvidenceQuery } from './window-query.js';
import type { BatchResult, RetentionCounts, WireRecord, WriteBatch, WriterSql } from './writer-core.js';

/** What the writer worker is started with (`workerData`). */
export interface WorkerData {
  readonly path: string;
  readonly sql: WriterSql;
  readonly synchronous: 'NORMAL' | 'FULL';
  readonly busyTimeoutMs: number;
  readonly maxPageCount: number | null;
  /** Records from relay ports: at most `batchSize` per write, at most `maxPending` waiting. */
  readonly relay: { readonly batchSize: number; readonly maxPending: number };
}

/** Main thread -> worker. */
export type ToWorker =
  | { readonly type: 'batch'; readonly id: number; readonly batch: WriteBatch }
  | { readonly type: 'retain'; readonly id: number; readonly recordsBefore: number; readonly summariesBefore: number; readonly limit: number }
  | { readonly type: 'evidence'; readonly id: number; readonly query: EvidenceQuery }
  /** A port on which a shadow worker sends records straight to this writer (record-relay.ts). */
  | { readonly type: 'relay'; readonly port: MessagePort }
  | { readonly type: 'close' };

/** Shadow worker -> writer, on a relay port: one record, built, redacted and checked in the shadow worker. */
export interface RelayMessage {
  readonly type: 'record';
  readonly wire: WireRecord;
}

/** Worker -> main thread. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'init-failed'; readonly code: string; readonly message: string }
  | { readonly type: 'batch-done'; readonly id: number; readonly result: BatchResult }
  /** What the records that came on relay ports since the last report did (one report per write). */
  | { readonly type: 'relay-done'; readonly result: BatchResult }
  | { readonly type: 'retain-done'; readonly id: number; readonly counts: RetentionCounts }
  | { readonly type: 'retain-failed'; readonly id: number; readonly code: string; readonly message: string }
  | { readonly type: 'evidence-done'; readonly id: number; readonly evidence: Evidence }
  | { readonly type: 'evidence-failed'; readonly id: number; readonly code: string; readonly message: string; readonly path: string | null }
  | { readonly type: 'closed' };
