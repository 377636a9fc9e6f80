import type { MessagePort } from 'node:worker_threads';
import type { DiffRecord, StreamTiming } from '../records/diff-record.js';
import { redactRecordFields } from '../redact/redact-record.js';
import type { Redactor } from '../redact/redactor.js';
import { checkRecord, toWire } from '../store/record-row.js';
import type { RelayMessage } from '../store/writer-protocol.js';
import type { RecordOutcome, RelayRecord } from './job.js';

/**
 * Builds a kept record in the shadow worker (its identifier and text fields redacted with the store's
 * rules, its payloads the redacted JSON bytes), checks it as the store would, and sends its row to the
 * store's writer thread on the relay port (decision 0018); the bytes are transferred. Returns the
 * writer's generation, or null when the record could not be sent (the caller then hands the payloads to
 * the pool, and the record takes the caller's-thread path, where a bad record is counted).
 */
export function relayRecord(
  store: { readonly port: MessagePort; readonly generation: number },
  relay: RelayRecord,
  outcome: RecordOutcome,
  shadowTiming: StreamTiming | null,
  payloads: Uint8Array,
  fields: Redactor,
): number | null {
  try {
    const record = {
      ...redactRecordFields(relay.base, fields),
      ...outcome,
      payload_refs: null,
      ...(relay.streamMain === null ? {} : { stream_timing: { main: relay.streamMain, shadow: shadowTiming } }),
    } satisfies DiffRecord;
    checkRecord(record, true);
    const message: RelayMessage = { type: 'record', wire: toWire(record, true, null, payloads) };
    store.port.postMessage(message, [payloads.buffer as ArrayBuffer]);
    return store.generation;
  } catch {
    return null;
  }
}
