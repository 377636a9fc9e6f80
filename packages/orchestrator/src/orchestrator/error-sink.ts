import type { RuntimeKind } from '@llms-wasm/module-kit';
import type { Redactor } from '../redact/redactor.js';
import type { WriteFailureReason } from '../store/write-failures.js';

/** Where the orchestrator reports what it cannot report to the caller. */
export interface Logger {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * What the orchestrator tells the gateway's error centers (decision 0009). Every string in an event has
 * been through the store's redaction rules before the sink sees it: identifiers (`module`, `operation`,
 * `requestId`, `code`) the identifier rule, `message` and `reason` the text rules.
 */
export type OrchestratorEvent =
  /** A runtime failed to initialize, in this thread (`main`) or in the shadow workers (`shadow`). */
  | { readonly type: 'runtime_init_failed'; readonly module: string; readonly runtime: RuntimeKind; readonly where: 'main' | 'shadow'; readonly code: string; readonly message: string }
  /** A module now runs under a locked override because one of its runtimes cannot serve. */
  | { readonly type: 'runtime_degraded'; readonly module: string; readonly runtime: RuntimeKind; readonly mode: 'ts_primary'; readonly reason: string }
  /** A shadow produced no usable output: its own error, a trap, a timeout, a crash, out of memory. */
  | {
      readonly type: 'shadow_failed';
      readonly module: string;
      readonly operation: string;
      readonly requestId: string;
      readonly runtime: RuntimeKind;
      readonly code: string;
      readonly message: string;
      /** `stack:<16 hex>` of the normalized stack, when the shadow threw with one. */
      readonly stackHash: string | null;
    }
  /** Records the store could not write (already counted in its stats). */
  | { readonly type: 'store_write_failed'; readonly reason: WriteFailureReason; readonly count: number; readonly code: string | null; readonly message: string }
  /** A shadow worker died before it was ready; `retryInMs` null means its slot was given up. */
  | { readonly type: 'shadow_worker_start_failed'; readonly attempt: number; readonly attempts: number; readonly retryInMs: number | null; readonly message: string }
  /** No shadow worker can start: every shadow is now recorded as `SHADOW_UNAVAILABLE`. */
  | { readonly type: 'shadow_pool_unavailable'; readonly attempts: number; readonly message: string }
  /**
   * The store's control tables could not be written (an override: kept in force here and retried at every
   * poll; a heartbeat) or read (overrides set by others are not seen until a read works). Reported once
   * per streak of failures; the recovery is logged.
   */
  | { readonly type: 'control_store_failed'; readonly operation: 'write' | 'read' | 'heartbeat'; readonly pending: number; readonly code: string | null; readonly message: string }
  /** A lifecycle alert rule fired at an evaluation (decision 0017); `scope` is `module`, `all`, or `tenant:<id>` / `route:<id>`. */
  | { readonly type: 'lifecycle_alert'; readonly module: string; readonly rule: string; readonly severity: 'info' | 'warning' | 'critical'; readonly scope: string; readonly message: string; readonly rollback: boolean }
  /** A lifecycle decision that changed something: a promotion, rollback, approval or release (holds are only stored). */
  | { readonly type: 'lifecycle_decision'; readonly module: string; readonly kind: string; readonly outcome: string; readonly stageBefore: string; readonly stageAfter: string; readonly id: string; readonly reason: string }
  /** An evaluation pass could not run or commit (store unreadable, lost a compare-and-set twice); the plan in force stays. */
  | { readonly type: 'lifecycle_failed'; readonly module: string | null; readonly code: string; readonly message: string };

/** Receives orchestrator events. It should return quickly; it runs on the event loop of the caller's thread. */
export type ErrorSink = (event: OrchestratorEvent) => void;

/** One line per event, for a logger (`[llms-wasm] shadow_failed tokenizer.countTokens …`). */
export function describeEvent(event: OrchestratorEvent): string {
  switch (event.type) {
    case 'runtime_init_failed':
      return `runtime_init_failed ${event.module}: the ${event.runtime} runtime failed to initialize${event.where === 'shadow' ? ' in the shadow workers' : ''} (${event.code}): ${event.message}`;
    case 'runtime_degraded':
      return `runtime_degraded ${event.module}: locked to ${event.mode} (${event.runtime} cannot serve): ${event.reason}`;
    case 'shadow_failed':
      return `shadow_failed ${event.module}.${event.operation} (request ${event.requestId}, ${event.runtime} shadow): ${event.code}${event.stackHash ? ` ${event.stackHash}` : ''}: ${event.message}`;
    case 'store_write_failed':
      return `store_write_failed: ${event.count} record(s), ${event.reason}${event.code ? ` (${event.code})` : ''}: ${event.message}`;
    case 'shadow_worker_start_failed':
      return `shadow_worker_start_failed: attempt ${event.attempt} of ${event.attempts}${event.retryInMs === null ? ', slot given up' : `, retry in ${event.retryInMs} ms`}: ${event.message}`;
    case 'shadow_pool_unavailable':
      return `shadow_pool_unavailable: shadows will be recorded as SHADOW_UNAVAILABLE: ${event.message}`;
    case 'control_store_failed':
      return `control_store_failed: cannot ${event.operation === 'read' ? 'read overrides from' : event.operation === 'write' ? 'write overrides to' : 'write the heartbeat to'} the store${event.pending > 0 ? ` (${event.pending} override change(s) pending, in force here)` : ''}${event.code ? ` (${event.code})` : ''}: ${event.message}`;
    case 'lifecycle_alert':
      return `lifecycle_alert ${event.module} [${event.severity}] ${event.rule} (${event.scope})${event.rollback ? ', rolls back' : ''}: ${event.message}`;
    case 'lifecycle_decision':
      return `lifecycle_decision ${event.module} ${event.kind} ${event.outcome}: ${event.stageBefore} → ${event.stageAfter} (${event.id}): ${event.reason}`;
    case 'lifecycle_failed':
      return `lifecycle_failed${event.module === null ? '' : ` ${event.module}`} (${event.code}): ${event.message}`;
  }
}

/** The default sink: each event as one line on `logger.error` (a start failure that will be retried on `warn`). */
export function loggerSink(logger: Logger): ErrorSink {
  return (event) => {
    const line = `[llms-wasm] ${describeEvent(event)}`;
    if (event.type === 'shadow_worker_start_failed' && event.retryInMs !== null) logger.warn(line);
    else logger.error(line);
  };
}

const STACK_HASH = /^stack:[0-9a-f]{16}$/;

/** The event with every string redacted: identifiers by the identifier rule, free text by the text rules. */
export function redactEvent(event: OrchestratorEvent, redactor: Redactor): OrchestratorEvent {
  const text = (value: string): string => {
    const out = redactor.redact(value);
    return typeof out === 'string' ? out : JSON.stringify(out);
  };
  const id = (value: string): string => redactor.identifier(value);
  switch (event.type) {
    case 'runtime_init_failed':
      return { ...event, module: id(event.module), code: id(event.code), message: text(event.message) };
    case 'runtime_degraded':
      return { ...event, module: id(event.module), reason: text(event.reason) };
    case 'shadow_failed':
      return {
        ...event,
        module: id(event.module),
        operation: id(event.operation),
        requestId: id(event.requestId),
        code: id(event.code),
        message: text(event.message),
        stackHash: event.stackHash === null || STACK_HASH.test(event.stackHash) ? event.stackHash : text(event.stackHash),
      };
    case 'store_write_failed':
      return { ...event, code: event.code === null ? null : id(event.code), message: text(event.message) };
    case 'shadow_worker_start_failed':
    case 'shadow_pool_unavailable':
      return { ...event, message: text(event.message) };
    case 'control_store_failed':
      return { ...event, code: event.code === null ? null : id(event.code), message: text(event.message) };
    case 'lifecycle_alert':
      return { ...event, module: id(event.module), scope: id(event.scope), message: text(event.message) };
    case 'lifecycle_decision':
      return { ...event, module: id(event.module), id: id(event.id), reason: text(event.reason) };
    case 'lifecycle_failed':
      return { ...event, module: event.module === null ? null : id(event.module), code: id(event.code), message: text(event.message) };
  }
}

/**
 * The sink the orchestrator calls: redacts each event, then hands it to `sink`. A sink that throws is
 * reported once per failure on `logger.error` (redacted too) and never reaches the caller.
 */
export function guardedSink(sink: ErrorSink, redactor: Redactor, logger: Logger): ErrorSink {
  return (event) => {
    let clean: OrchestratorEvent;
    try {
      clean = redactEvent(event, redactor);
    } catch {
      logger.error(`[llms-wasm] an ${event.type} event could not be redacted; it was not reported`);
      return;
    }
    try {
      sink(clean);
    } catch (error) {
      const message = redactor.redact(error instanceof Error ? error.message : String(error));
      logger.error(`[llms-wasm] the error sink failed on a ${clean.type} event: ${typeof message === 'string' ? message : JSON.stringify(message)}`);
    }
  };
}
