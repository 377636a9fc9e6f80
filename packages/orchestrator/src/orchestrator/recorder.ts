import { randomUUID } from 'node:crypto';
import type { RuntimeKind } from '@llms-wasm/module-kit';
import type { LoadedConfig } from '../config/loaded-config.js';
import type { ModeResolution } from '../modes/mode-resolution.js';
import type { Classification, DiffRecord } from '../records/diff-record.js';
import type { MainOutcome, ShadowJob } from '../shadow/job.js';
import type { AnyModule } from '../shadow/load-modules.js';
import type { JobSettlement, ShadowPool } from '../shadow/pool.js';
import type { DiffStore } from '../store/diff-store.js';
import type { CallContext } from '../orchestrator.js';
import type { InputGuard } from './input-guard.js';
import type { ErrorSink, Logger } from './error-sink.js';
import type { OrchestratorMetrics } from './metrics.js';

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
  readonly resolution: ModeResolution;
}

interface Pending {
  readonly dispatch: Dispatch;
  readonly timestamp: number;
}

/**
 * Turns sampled calls into shadow jobs (queued after the caller's turn) and settled jobs into records:
 * classified, counted in metrics, handed to listeners and to the store (which redacts before writing).
 * Shadow failures are reported to the error sink; jobs `close()` discarded are counted (`closing`).
 * What it logs is built from redacted parts: identifiers by the identifier rule, free text by the text rules.
 */
export function createRecorder(deps: {
  readonly modules: ReadonlyMap<string, AnyModule>;
  readonly config: LoadedConfig;
  readonly metrics: OrchestratorMetrics;
  readonly store: DiffStore | null;
  readonly logger: Logger;
  readonly sink: ErrorSink;
  readonly clean: Cleaners;
  readonly rulesetVersion: string;
}) {
  const { modules, config, metrics: m, store, logger, sink, clean } = deps;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(record: DiffRecord) => void>();
  let nextJob = 1;
  let scheduled = 0;
  const idle: (() => void)[] = [];

  const byFixPath = (mod: AnyModule): Classification => (mod.fixPath === 'compat adapter' ? 'compat_issue' : 'logic_bug');

  const emit = (record: DiffRecord): void => {
    for (const listener of listeners) {
      try {
        listener(record);
      } catch (error) {
        logger.error(`[llms-wasm] a record listener failed: ${clean.text(error instanceof Error ? error.message : String(error))}`);
      }
    }
    m.comparisons.inc({ module: record.module, operation: record.operation, status: record.status });
    if (record.classification) m.classifications.inc({ module: record.module, classification: record.classification });
    if (store) {
      store.write(record);
      m.recordsStored.inc({ module: record.module, status: record.status });
    }
  };

  return {
    /** Queues the shadow of one call after the current turn; never throws at the caller. */
    dispatch(pool: ShadowPool, d: Dispatch): void {
      if (!d.guard.ok) {
        m.shadowDropped.inc({ module: d.module, reason: d.guard.reason });
        return;
      }
      if (d.mutated) {
        m.inputMutations.inc({ module: d.module, runtime: d.mainRuntime });
        const request = d.ctx.requestId === undefined ? '?' : clean.id(d.ctx.requestId);
        logger.warn(`[llms-wasm] ${clean.id(d.module)}.${clean.id(d.operation)}: the ${d.mainRuntime} runtime changed its input (request ${request}); the shadow ran on the input as it was received`);
      }
      const job: ShadowJob = {
        jobId: nextJob++,
        module: d.module,
        operation: d.operation,
        shadowRuntime: d.mainRuntime === 'ts' ? 'wasm' : 'ts',
        input: d.guard.clone,
        main: d.main,
      };
      pending.set(job.jobId, { dispatch: d, timestamp: Date.now() });
      scheduled += 1;
      setImmediate(() => {
        scheduled -= 1;
        if (!pool.submit(job)) {
          pending.delete(job.jobId);
          m.shadowDropped.inc({ module: d.module, reason: 'queue_full' });
        }
        if (scheduled === 0) for (const wake of idle.splice(0)) wake();
      });
    },

    /** Resolves once every dispatched job has reached the pool. */
    flushDispatches(): Promise<void> {
      return scheduled === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve));
    },

    /** Builds, counts and stores the record of a settled job. */
    settle(settlement: JobSettlement): void {
      const entry = pending.get(settlement.job.jobId);
      pending.delete(settlement.job.jobId);
      const mod = modules.get(settlement.job.module);
      if (!entry || !mod) return;
      if (settlement.kind === 'dropped') {
        m.shadowDropped.inc({ module: settlement.job.module, reason: settlement.reason });
        return;
      }
      const { dispatch: d, timestamp } = entry;
      const shadowRuntime = settlement.job.shadowRuntime;
      let status: DiffRecord['status'];
      let classification: Classification | null;
      let summary: DiffRecord['diff_summary'] = null;
      let shadowError: DiffRecord['shadow_error'] = null;
      let shadowMs: number | null;
      let shadowOut: MainOutcome | null = null;
      if (settlement.kind === 'result') {
        ({ status, classification, summary, shadowError } = settlement.result.verdict);
        shadowMs = settlement.result.shadowMs;
        shadowOut = settlement.result.shadow;
        m.shadowSeconds.observe({ module: d.module, operation: d.operation, runtime: shadowRuntime }, shadowMs / 1000);
      } else {
        status = 'shadow_error';
        classification = byFixPath(mod);
        shadowError = { code: settlement.code, message: settlement.message };
        shadowMs = settlement.ms;
        m.shadowFailures.inc({ module: d.module, code: settlement.code });
      }
      const interesting = status !== 'match' || classification !== null;
      const outputOf = (o: MainOutcome | null): unknown => (o === null ? undefined : o.ok ? o.value : { error: { code: o.code, message: o.message } });
      const requestId = d.ctx.requestId ?? randomUUID();
      if (shadowError !== null && shadowError.code !== 'SHADOW_UNAVAILABLE') {
        // Unavailable shadows are one pool event (shadow_pool_unavailable), not one event per call.
        sink({ type: 'shadow_failed', module: d.module, operation: d.operation, requestId, runtime: shadowRuntime, code: shadowError.code, message: shadowError.message, stackHash: shadowError.stack_hash ?? null });
      }
      emit({
        id: randomUUID(),
        requestId,
        tenant: d.ctx.tenant ?? null,
        route: d.ctx.route ?? null,
        module: d.module,
        operation: d.operation,
        runtime_main: d.mainRuntime,
        runtime_shadow: shadowRuntime,
        ruleset_version: deps.rulesetVersion,
        status,
        diff_summary: summary,
        classification,
        owner: config.modules[d.module]?.owner ?? mod.owner,
        fix_location: mod.fixPath,
        latency_main_ms: d.main.ms,
        latency_shadow_ms: shadowMs,
        shadow_error: shadowError,
        payload_refs: interesting ? { input: settlement.job.input, main: outputOf(d.main), shadow: outputOf(shadowOut) } : null,
        timestamp,
      });
    },

    onRecord(listener: (record: DiffRecord) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
