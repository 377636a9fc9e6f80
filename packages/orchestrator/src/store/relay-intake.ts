import type { MessagePort } from 'node:worker_threads';
import type { RelayMessage } from './writer-protocol.js';
import type { BatchResult, WireRecord, WriteBatch } from './writer-core.js';

/** The failure code of records the writer refused because too many were already waiting (counted as dropped). */
export const RELAY_QUEUE_FULL = 'QUEUE_FULL';

/**
 * The writer thread's end of the record relay (decision 0018): records that shadow workers send on
 * relay ports are collected and written after the current turn, at most `batchSize` per transaction,
 * and every write is reported (`report`) so the store's counters and `flush()` see them. At most
 * `maxPending` records wait; one more is refused and reported as a `QUEUE_FULL` failure (the store
 * counts it as dropped), as the caller-side queue does.
 */
export function relayIntake(write: (batch: WriteBatch) => BatchResult, report: (result: BatchResult) => void, limits: { readonly batchSize: number; readonly maxPending: number }) {
  const pending: WireRecord[] = [];
  let refused = 0;
  let scheduled = false;

  const drain = (): void => {
    scheduled = false;
    while (pending.length > 0 || refused > 0) {
      const records = pending.splice(0, limits.batchSize);
      const result: BatchResult = records.length > 0 ? write({ records, summaries: [], runs: [] }) : { written: 0, stored: 0, summaries: 0, lostSummaries: 0, failures: [] };
      const full = refused;
      refused = 0;
      report(full === 0 ? result : { ...result, failures: [...result.failures, { code: RELAY_QUEUE_FULL, message: `${full} records refused: ${limits.maxPending} were already waiting for the writer`, count: full }] });
    }
  };

  const accept = (message: RelayMessage): void => {
    if (message?.type !== 'record') return;
    if (pending.length >= limits.maxPending) refused += 1;
    else pending.push(message.wire);
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  };

  return {
    /** Starts taking records from `port` (it closes with the shadow worker holding its other end). */
    attach(port: MessagePort): void {
      port.on('message', accept);
      port.unref();
    },
    /** Writes what is waiting now (before the connection closes). */
    drain,
  };
}
