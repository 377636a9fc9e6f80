import type { Redactor } from '../redact/redactor.js';
import type { DiffRecord } from './diff-record.js';

// Facts about records built by the orchestrator, kept beside them (never in them): which redactor
// redacted them where they were built (the shadow worker and the identifier rule), and the UTF-8 JSON
// of their redacted payloads, which the store writes as it is.
const redacted = new WeakMap<DiffRecord, Redactor>();
const payloadBytes = new WeakMap<DiffRecord, Uint8Array>();

/**
 * Marks `record` as already redacted by `by`; `bytes` is the store's copy of its payloads' redacted JSON
 * (UTF-8), if it has any — a buffer nothing else uses, as the store moves it to its writer.
 */
export function markRedacted(record: DiffRecord, bytes: Uint8Array | null, by: Redactor): DiffRecord {
  redacted.set(record, by);
  if (bytes !== null) payloadBytes.set(record, bytes);
  return record;
}

/** The redactor that redacted `record` before anyone saw it, or undefined for a record from elsewhere. */
export function redactedBy(record: DiffRecord): Redactor | undefined {
  return redacted.get(record);
}

/**
 * Takes the store's copy of a marked record's redacted payload JSON (the store transfers it to its
 * writer thread, so it can be taken once); undefined when there is none or it was taken.
 */
export function takePayloadJson(record: DiffRecord): Uint8Array | undefined {
  const bytes = payloadBytes.get(record);
  payloadBytes.delete(record);
  return bytes;
}

const decoder = new TextDecoder();

/**
 * A `payload_refs` value that is parsed from `bytes` the first time someone reads it (listeners that
 * never look at payloads cost nothing on the caller's thread).
 */
export function lazyPayloads(target: Record<string, unknown>, bytes: Uint8Array | null): void {
  let cache: unknown;
  let parsed = bytes === null;
  Object.defineProperty(target, 'payload_refs', {
    enumerable: true,
    configurable: false,
    get: () => {
      if (!parsed) {
        cache = JSON.parse(decoder.decode(bytes as Uint8Array));
        parsed = true;
      }
      return bytes === null ? null : cache;
    },
  });
}
