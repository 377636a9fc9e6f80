import type { Redactor } from '../redact/redactor.js';
import type { PoolEvent } from '../shadow/pool.js';
import { guardedSink, loggerSink, type ErrorSink, type Logger } from './error-sink.js';
import type { OrchestratorMetrics } from './metrics.js';
import type { Cleaners } from './recorder.js';

/** The orchestrator's side of its error sink: redacted, counted, and fed by the shadow pool. */
export interface EventWiring {
  /** Reports one event (redacted, counted in `llms_wasm_error_events_total`); never throws. */
  readonly sink: ErrorSink;
  /** Redaction for log lines: identifiers by the identifier rule, free text by the text rules. */
  readonly clean: Cleaners;
  /** The shadow pool's observer: start failures and unavailability become sink events and metrics. */
  readonly onPoolEvent: (event: PoolEvent) => void;
}

/** Wires `sink` (default: one line per event on `logger`) behind redaction and metrics. */
export function wireEvents(sink: ErrorSink | undefined, redactor: Redactor, logger: Logger, m: OrchestratorMetrics): EventWiring {
  const guarded = guardedSink(sink ?? loggerSink(logger), redactor, logger);
  const report: ErrorSink = (event) => {
    m.events.inc({ type: event.type });
    guarded(event);
  };
  const clean: Cleaners = {
    id: (value) => redactor.identifier(value),
    text: (value) => {
      const out = redactor.redact(value);
      return typeof out === 'string' ? out : JSON.stringify(out);
    },
  };
  const onPoolEvent = (event: PoolEvent): void => {
    if (event.type === 'worker_start_failed') {
      m.workerStartFailures.inc({});
      report({ type: 'shadow_worker_start_failed', attempt: event.attempt, attempts: event.attempts, retryInMs: event.retryInMs, message: event.message });
    } else {
      m.shadowPoolUp.set({}, 0);
      report({ type: 'shadow_pool_unavailable', attempts: event.attempts, message: event.message });
    }
  };
  return { sink: report, clean, onPoolEvent };
}
