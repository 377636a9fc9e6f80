import type { RuntimeKind } from '@llms-wasm/module-kit';
import type { Verdict } from '../diff/classify.js';
import type { MessagePort } from 'node:worker_threads';
import type { DiffRecord, StreamTiming } from '../records/diff-record.js';
import type { RedactionConfig } from '../redact/redactor.js';

/** Where a module is loaded from, in the shadow workers (and the main thread). */
export interface ModuleSource {
  readonly id: string;
  /** A package specifier (`@llms-wasm/tokenizer`) or a file URL / absolute path. */
  readonly import: string;
  /** The export holding the module (default: the id). */
  readonly export?: string;
  /** False for a module in the `removed` stage: its TS runtime is not initialized (default true). */
  readonly tsLoaded?: boolean;
}

/** The main runtime's outcome, as sent to a shadow worker. */
export type MainOutcome = { readonly ok: true; readonly value: unknown; readonly ms: number } | { readonly ok: false; readonly code: string; readonly message: string; readonly ms: number };

/**
 * The chunks of a stream call, as the tee kept them (decision 0016): byte chunks packed into one buffer,
 * text chunks as they came, with when each arrived.
 */
export interface StreamInput {
  /** Every byte chunk, concatenated in order. */
  readonly bytes: Uint8Array;
  /** Every text chunk, in order. */
  readonly texts: readonly string[];
  /** Per chunk, in order: its end offset in `bytes` (a byte chunk, `>= 0`), or `-1 - i` for `texts[i]`. */
  readonly layout: readonly number[];
  /** Per chunk: when the source yielded it, ms after the call started (the orchestrator's clock). */
  readonly arrivals: readonly number[];
  /** When the source ended, ms after the call started (the last arrival when it did not end). */
  readonly endedAt: number;
  /** The primary reached `finish` (finished, or failed finishing): the shadow finishes too. False when it failed opening or on a push (the shadow stops after the same chunk). */
  readonly finish: boolean;
}

/**
 * One job off the caller's path: `compare` runs the shadow and compares it with the main outcome;
 * `stream` does the same for a stream call (the shadow's session fed the teed chunks, its timing
 * measured); `redact` only redacts the input and the main outcome (for a compare or stream job the pool
 * failed: a timeout, a crash), so its record can keep redacted payloads without redacting anything on
 * the caller's thread.
 */
export interface ShadowJob {
  readonly jobId: number;
  readonly kind: 'compare' | 'redact' | 'stream';
  readonly module: string;
  readonly operation: string;
  readonly shadowRuntime: RuntimeKind;
  /** The input (a stream call's options) as it was before the main runtime ran: its structured-clone serialization (`node:v8` `serialize`). */
  readonly input: Uint8Array;
  /** A stream job's chunks (and a `redact` job's, for a failed stream job). */
  readonly stream?: StreamInput;
  readonly main: MainOutcome;
  /** The record will be kept in full even as a plain match (it was sampled): build its payloads regardless. */
  readonly keepMatch: boolean;
  /** Record listeners are registered: they get a copy of the payloads of their own (the store takes the other), made in the worker, not on the caller's thread. */
  readonly listenerCopy: boolean;
  /**
   * The record this job's outcome completes, as the caller's thread knows it (fields not yet redacted):
   * sent along when the store takes records straight from the workers (decision 0018). A `redact` job's
   * record is complete (its `outcome` is set).
   */
  readonly record?: RelayRecord;
}

/** A record's fields that do not depend on the shadow's outcome. */
export type RecordBase = Omit<DiffRecord, 'payload_refs' | 'status' | 'classification' | 'diff_summary' | 'shadow_error' | 'latency_shadow_ms' | 'stream_timing'>;

/** A record's fields that come from the shadow's outcome. */
export type RecordOutcome = Pick<DiffRecord, 'status' | 'classification' | 'diff_summary' | 'shadow_error' | 'latency_shadow_ms'>;

/** What a worker needs to build a record and relay it to the store. */
export interface RelayRecord {
  readonly base: RecordBase;
  /** A stream call's primary timing (the record's `stream_timing.main`). */
  readonly streamMain: StreamTiming | null;
  /** Set for a `redact` job (the pool failed the compare job; the caller's thread knows its outcome). */
  readonly outcome: RecordOutcome | null;
}

/** What a worker sends back for a job (everything redacted). */
export interface ShadowResult {
  readonly jobId: number;
  /** The comparison (null for a `redact` job). */
  readonly verdict: Verdict | null;
  readonly shadowMs: number;
  /** The redacted payloads `{ input, main, shadow }` as UTF-8 JSON, when the record is kept in full; else null. */
  readonly payloads: Uint8Array | null;
  /** A second copy of `payloads` for the store, when listeners keep the first (and the record was not relayed). */
  readonly storePayloads: Uint8Array | null;
  /** The record was sent to the store's writer thread of this generation (decision 0018); `payloads` is then the listeners' copy, if any. */
  readonly relayed: number | null;
  /** A stream job's shadow timing (measured in the worker, on the arrival times of the chunks) and its inter-event gaps. */
  readonly stream?: { readonly timing: StreamTiming; readonly gapsMs: readonly number[] };
}

/** Messages from the pool to a worker. */
export type ToWorker =
  | { readonly type: 'job'; readonly job: ShadowJob }
  /** The port to the store's current writer thread (null: there is none; send records to the pool). */
  | { readonly type: 'store-port'; readonly port: MessagePort | null; readonly generation: number };

/** Messages from a worker to the pool. */
export type FromWorker =
  | { readonly type: 'ready'; readonly runtimes: Readonly<Record<string, Readonly<Record<RuntimeKind, string>>>> }
  | { readonly type: 'result'; readonly result: ShadowResult; readonly memoryMb: number }
  | { readonly type: 'fatal'; readonly message: string };

/** Data every worker starts with. */
export interface WorkerData {
  readonly modules: readonly ModuleSource[];
  readonly rulesetDir: string;
  readonly rulesetVersion?: string;
  /** How records are redacted (the store's rules and key): workers redact what they produce. */
  readonly redaction: RedactionConfig;
}
