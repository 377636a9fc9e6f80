import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { RuntimeKind } from '@llms-wasm/module-kit';
import type { Clock } from '../clock.js';
import type { LoadedConfig } from '../config/loaded-config.js';
import type { Classification, DiffRecord, StreamTiming } from '../records/diff-record.js';
import { lazyPayloads, markRedacted } from '../records/record-payload.js';
import { outcomeKey } from '../records/summary.js';
import { redactRecordFields } from '../redact/redact-record.js';
import { memoRedactor } from '../redact/memo-redactor.js';
import type { Redactor } from '../redact/redactor.js';
import type { MainOutcome, RecordBase, RelayRecord, ShadowJob, StreamInput } from '../shadow/job.js';
import type { AnyModule } from '../shadow/load-modules.js';
import type { JobSettlement, ShadowPool } from '../shadow/pool.js';
import type { DiffStore } from '../store/diff-store.js';
import { sampleOf } from '../store/record-row.js';
import type { CallContext } from '../orchestrator.js';
import type { InputGuard } from './input-guard.js';
import type { ErrorSink, Logger } from './error-sink.js';
import type { OrchestratorMetrics } from './metrics.js';
import type { ModuleVersions } from './module-versions.js';
import type { CallKey, SummaryAggregator } from './summary-aggregator.js';

export type { Logger } from './error-sink.js';

/** Redaction for what the orchestrator logs: identifiers keep their identity, free text loses its secrets. */
export interface Cleaners {
  id(value: string): string;
  text(value: string): string;
}

/** One sampled call, ready to be shadowed. */
export interface Dispatch {
  readonly module: string;
  readonly operation: string;
  readonly mainRuntime: RuntimeKind;
  readonly guard: InputGuard;
  readonly mutated: boolean;
  readonly main: MainOutcome;
  readonly ctx: CallContext;
  /** The call's summary key and when it was served (its comparison is counted in the same minute row). */
  readonly key: CallKey;
  readonly at: number;
  /** A stream call: its teed chunks (the job's input is then the stream's options) and the primary's timing. */
  readonly stream?: { readonly input: StreamInput; readonly timing: StreamTiming };
}

/** A record without its payloads (they come from a worker, redacted, or not at all). */
type Draft = Omit<DiffRecord, 'payload_refs'>;

type Pending =
  | { readonly kind: 'compare'; readonly dispatch: Dispatch; readonly base: RecordBase }
  /** A failed compare job's record, waiting for its input and main output to be redacted by a worker. */
  | { readonly kind: 'redact'; readonly draft: Draft };

const shadowOf = (main: RuntimeKind): RuntimeKind => (main === 'ts' ? 'wasm' : 'ts');

/**
 * Turns sampled calls into shadow jobs (queued after the caller's turn) and settled jobs into records.
 * Everything heavy is done in the shadow worker: it compares, and redacts the diff previews, the error
 * message and (for records kept in full) the payloads. With a file store the worker also builds the
 * kept record and sends it straight to the store's writer thread (decision 0018): this thread then only
 * counts it, and builds it only for record listeners. Without the relay the worker returns the payloads
 * as JSON bytes; here a record's short identifier fields are redacted (a few short strings) and its
 * payloads stay bytes until someone reads them, so listeners and the store receive redacted records and
 * the caller's thread never walks a payload. Every outcome is counted in the minute summaries — comparisons, drops and their reasons — so
 * rates computed from the store cover all traffic.
 */
export function createRecorder(deps: {
  readonly modules: ReadonlyMap<string, AnyModule>;
  readonly config: LoadedConfig;
  readonly metrics: OrchestratorMetrics;
  readonly store: DiffStore | null;
  readonly aggregator: SummaryAggregator | null;
  readonly redactor: Redactor;
  readonly versions: (module: string) => ModuleVersions;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly sink: ErrorSink;
  readonly clean: Cleaners;
  readonly rulesetVersion: string;
}) {
  const { modules, config, metrics: m, store, aggregator, redactor, logger, sink, clean } = deps;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(record: DiffRecord) => void>();
  const keepMatches = store?.keepMatches ?? 0;
  let nextJob = 1;
  let scheduled = 0;
  const idle: (() => void)[] = [];

  /** Listeners and the store each need their own payload buffer (the store moves its one to its writer). */
  const wantsListenerCopy = (): boolean => store !== null && listeners.size > 0;
  /** Records go from the workers straight to the store's writer thread (a file store). */
  const relay = store?.relay;
  const relayOf = (base: RecordBase, d: Dispatch, outcome: RelayRecord['outcome']): { record?: RelayRecord } =>
    relay === undefined ? {} : { record: { base, streamMain: d.stream?.timing ?? null, outcome } };
  // The short fields of a record repeat (module, operation, tenant, owner, versions …): redacted once each.
  const fields = memoRedactor(redactor);

  const byFixPath = (mod: AnyModule): Classification => (mod.fixPath === 'compat adapter' ? 'compat_issue' : 'logic_bug');

  const dropped = (d: Dispatch, reason: string): void => {
    m.shadowDropped.inc({ module: d.module, reason });
    aggregator?.dropped(d.key, d.at, reason);
  };

  /**
   * Hands a finished record to listeners, metrics and the store. `payloads` is what listeners read
   * (parsed on first read); `storeCopy` is the store's own buffer (moved to its writer thread), the
   * same buffer when nobody listens. `relayed`: the worker sent the record to the store's writer thread
   * of that generation; it is announced to the store (which counts and awaits it) and not written again.
   */
  const emit = (draft: Draft, payloads: Uint8Array | null, storeCopy: Uint8Array | null, relayed: number | null = null): void => {
    // A plain match without payloads is only counted (in the summaries); everything else is stored.
    const finding = draft.status !== 'match' || draft.classification !== null;
    const toStore = store !== null && relayed === null && (finding || payloads !== null);
    // The record is built here only for listeners and for the store's caller-side path (a relayed one is in the store's hands already).
    if (toStore || listeners.size > 0) {
      const record = redactRecordFields(draft, fields) as DiffRecord;
      // A listener added after the job was sent asked for no store copy: made here then (rare).
      const forStore = !toStore ? null : (storeCopy ?? (payloads !== null && listeners.size > 0 ? payloads.slice() : payloads));
      lazyPayloads(record as unknown as Record<string, unknown>, payloads);
      markRedacted(record, forStore, redactor);
      Object.freeze(record);
      for (const listener of listeners) {
        try {
          listener(record);
        } catch (error) {
          logger.error(`[llms-wasm] a record listener failed: ${clean.text(error instanceof Error ? error.message : String(error))}`);
        }
      }
      if (toStore) store.write(record);
    }
    m.comparisons.inc({ module: draft.module, operation: draft.operation, status: draft.status });
    if (draft.classification) m.classifications.inc({ module: draft.module, classification: draft.classification });
    if (relayed !== null) relay?.sent(relayed);
    if (toStore || relayed !== null) m.recordsStored.inc({ module: draft.module, status: draft.status });
  };

  const submit = (pool: ShadowPool, job: ShadowJob, entry: Pending): boolean => {
    pending.set(job.jobId, entry);
    if (pool.submit(job)) return true;
    pending.delete(job.jobId);
    return false;
  };

  /** The fields of a call's record that do not depend on its shadow (not yet redacted). */
  const baseOf = (d: Dispatch, id: string): RecordBase => {
    const mod = modules.get(d.module) as AnyModule;
    return {
      id,
      requestId: d.ctx.requestId ?? randomUUID(),
      tenant: d.ctx.tenant ?? null,
      route: d.ctx.route ?? null,
      module: d.module,
      operation: d.operation,
      runtime_main: d.mainRuntime,
      runtime_shadow: shadowOf(d.mainRuntime),
      ruleset_version: deps.rulesetVersion,
      ...deps.versions(d.module),
      owner: config.modules[d.module]?.owner ?? mod.owner,
      fix_location: mod.fixPath,
      latency_main_ms: d.main.ms,
      timestamp: d.at,
    };
  };

  const draftOf = (d: Dispatch, base: RecordBase, fields: Pick<Draft, 'status' | 'classification' | 'diff_summary' | 'shadow_error' | 'latency_shadow_ms'>, shadowTiming: StreamTiming | null = null): Draft => ({
    ...base,
    ...fields,
    ...(d.stream === undefined ? {} : { stream_timing: { main: d.stream.timing, shadow: shadowTiming } }),
  });

  /** A compare job that produced no output (timeout, OOM, crash, no workers). */
  const failed = (pool: ShadowPool, d: Dispatch, base: RecordBase, s: Extract<JobSettlement, { kind: 'failed' }>): void => {
    const mod = modules.get(d.module) as AnyModule;
    m.shadowFailures.inc({ module: d.module, code: s.code });
    if (s.code === 'SHADOW_UNAVAILABLE') {
      // No worker could start: the shadow never ran. One pool event was reported (shadow_pool_unavailable);
      // each call is counted as dropped and recorded as skipped, so a lookup by request id says why.
      aggregator?.dropped(d.key, d.at, 'unavailable');
      emit(draftOf(d, base, { status: 'skipped', classification: null, diff_summary: null, shadow_error: { code: s.code, message: s.message }, latency_shadow_ms: null }), null, null);
      return;
    }
    const classification = byFixPath(mod);
    const outcome = { status: 'shadow_error', classification, diff_summary: null, shadow_error: { code: s.code, message: s.message }, latency_shadow_ms: s.ms } as const;
    const draft = draftOf(d, base, outcome);
    aggregator?.compared(d.key, d.at, outcomeKey('shadow_error', classification), null, null);
    sink({ type: 'shadow_failed', module: d.module, operation: d.operation, requestId: draft.requestId, runtime: draft.runtime_shadow, code: s.code, message: s.message, stackHash: null });
    // The record keeps its input and main output: a worker redacts them (never this thread).
    const job: ShadowJob = {
      jobId: nextJob++, kind: 'redact', module: d.module, operation: d.operation, shadowRuntime: draft.runtime_shadow, input: s.job.input,
      ...(s.job.stream === undefined ? {} : { stream: s.job.stream }), main: d.main, keepMatch: true, listenerCopy: wantsListenerCopy(), ...relayOf(base, d, outcome),
    };
    if (!submit(pool, job, { kind: 'redact', draft })) {
      m.payloadsLost.inc({ module: d.module, reason: 'queue_full' });
      emit(draft, null, null);
    }
  };

  const settleCompare = (pool: ShadowPool, entry: Extract<Pending, { kind: 'compare' }>, s: JobSettlement): void => {
    const { dispatch: d, base } = entry;
    if (s.kind === 'dropped') return dropped(d, s.reason);
    if (s.kind === 'failed') return failed(pool, d, base, s);
    const verdict = s.result.verdict;
    if (verdict === null) throw new Error('a compare job came back without a verdict');
    const shadowMs = s.result.shadowMs;
    m.shadowSeconds.observe({ module: d.module, operation: d.operation, runtime: shadowOf(d.mainRuntime) }, shadowMs / 1000);
    const stream = s.result.stream;
    if (stream !== undefined) m.observeStream(d.module, d.operation, shadowOf(d.mainRuntime), stream.timing.first_event_ms, stream.gapsMs);
    const delta = d.mainRuntime === 'ts' ? shadowMs - d.main.ms : d.main.ms - shadowMs;
    aggregator?.compared(d.key, d.at, outcomeKey(verdict.status, verdict.classification), shadowMs, delta);
    const draft = draftOf(d, base, { status: verdict.status, classification: verdict.classification, diff_summary: verdict.summary, shadow_error: verdict.shadowError, latency_shadow_ms: shadowMs }, stream?.timing ?? null);
    if (verdict.shadowError !== null) {
      sink({ type: 'shadow_failed', module: d.module, operation: d.operation, requestId: draft.requestId, runtime: draft.runtime_shadow, code: verdict.shadowError.code, message: verdict.shadowError.message, stackHash: verdict.shadowError.stack_hash ?? null });
    }
    emit(draft, s.result.payloads, s.result.storePayloads, s.result.relayed ?? null);
  };

  const settleRedact = (entry: Extract<Pending, { kind: 'redact' }>, s: JobSettlement): void => {
    if (s.kind === 'result') return emit(entry.draft, s.result.payloads, s.result.storePayloads, s.result.relayed ?? null);
    // The payloads could not be redacted off this thread: the record is kept without them, and that is counted.
    m.payloadsLost.inc({ module: entry.draft.module, reason: s.kind === 'dropped' ? s.reason : s.code });
    emit(entry.draft, null, null);
  };

  return {
    /** Queues the shadow of one call after the current turn; never throws at the caller. */
    dispatch(pool: ShadowPool, d: Dispatch): void {
      if (!d.guard.ok) return dropped(d, d.guard.reason);
      if (d.mutated) {
        m.inputMutations.inc({ module: d.module, runtime: d.mainRuntime });
        const request = d.ctx.requestId === undefined ? '?' : clean.id(d.ctx.requestId);
        logger.warn(`[llms-wasm] ${clean.id(d.module)}.${clean.id(d.operation)}: the ${d.mainRuntime} runtime changed its input (request ${request}); the shadow ran on the input as it was received`);
      }
      const id = randomUUID();
      const base = baseOf(d, id);
      const job: ShadowJob = {
        jobId: nextJob++,
        kind: d.stream === undefined ? 'compare' : 'stream',
        ...(d.stream === undefined ? {} : { stream: d.stream.input }),
        module: d.module,
        operation: d.operation,
        shadowRuntime: shadowOf(d.mainRuntime),
        input: d.guard.bytes,
        main: d.main,
        // Payloads of plain matches are built only for the matches the store keeps (decided by id, as the store would).
        keepMatch: keepMatches > 0 && sampleOf(id) < keepMatches,
        listenerCopy: wantsListenerCopy(),
        ...relayOf(base, d, null),
      };
      scheduled += 1;
      setImmediate(() => {
        scheduled -= 1;
        if (!submit(pool, job, { kind: 'compare', dispatch: d, base })) dropped(d, 'queue_full');
        if (scheduled === 0) for (const wake of idle.splice(0)) wake();
      });
    },

    /** A shadow dropped before it was dispatched (a stream call's `stream_budget`, `caller_aborted`, `source_error`): counted in metrics and summaries. */
    drop(module: string, key: CallKey, at: number, reason: string): void {
      m.shadowDropped.inc({ module, reason });
      aggregator?.dropped(key, at, reason);
    },

    /** Resolves once every dispatched job has reached the pool. */
    flushDispatches(): Promise<void> {
      return scheduled === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve));
    },

    /** Builds, counts and stores the record of a settled job. */
    settle(pool: ShadowPool, settlement: JobSettlement): void {
      const started = performance.now();
      const entry = pending.get(settlement.job.jobId);
      pending.delete(settlement.job.jobId);
      if (!entry) return;
      if (entry.kind === 'redact') settleRedact(entry, settlement);
      else settleCompare(pool, entry, settlement);
      m.recordSeconds.observe({ module: settlement.job.module }, (performance.now() - started) / 1000);
    },

    onRecord(listener: (record: DiffRecord) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
