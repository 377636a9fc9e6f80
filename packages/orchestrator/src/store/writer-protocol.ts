import type { Evidence, EvidenceQuery } from './window-query.js';
import type { BatchResult, RetentionCounts, WriteBatch, WriterSql } from './writer-core.js';

/** What the writer worker is started with (`workerData`). */
export interface WorkerData {
  readonly path: string;
  readonly sql: WriterSql;
  readonly synchronous: 'NORMAL' | 'FULL';
  readonly busyTimeoutMs: number;
  readonly maxPageCount: number | null;
}

/** Main thread -> worker. */
export type ToWorker =
  | { readonly type: 'batch'; readonly id: number; readonly batch: WriteBatch }
  | { readonly type: 'retain'; readonly id: number; readonly recordsBefore: number; readonly summariesBefore: number; readonly limit: number }
  | { readonly type: 'evidence'; readonly id: number; readonly query: EvidenceQuery }
  | { readonly type: 'close' };

/** Worker -> main thread. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'init-failed'; readonly code: string; readonly message: string }
  | { readonly type: 'batch-done'; readonly id: number; readonly result: BatchResult }
  | { readonly type: 'retain-done'; readonly id: number; readonly counts: RetentionCounts }
  | { readonly type: 'retain-failed'; readonly id: number; readonly code: string; readonly message: string }
  | { readonly type: 'evidence-done'; readonly id: number; readonly evidence: Evidence }
  | { readonly type: 'evidence-failed'; readonly id: number; readonly code: string; readonly message: string; readonly path: string | null }
  | { readonly type: 'closed' };
