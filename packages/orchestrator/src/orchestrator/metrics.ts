import type { RuntimeKind } from '@llms-wasm/module-kit';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';

const LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Time to first event and inter-event gaps run from milliseconds (a local decode) to a minute (a model thinking). */
const STREAM_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** Every metric the orchestrator writes (names and labels are its public contract, see the README). */
export function createOrchestratorMetrics(registry: MetricsRegistry) {
  const calls = registry.counter('llms_wasm_calls_total', 'Calls served, by module, operation, serving runtime and outcome.', ['module', 'operation', 'runtime', 'outcome']);
  const callSeconds = registry.histogram('llms_wasm_call_duration_seconds', 'Time of the serving (primary) runtime.', ['module', 'operation', 'runtime'], LATENCY_BUCKETS);
  const firstEvent = registry.histogram('llms_wasm_stream_first_event_seconds', 'Stream calls: time from the call to the first event, per runtime (the primary on the caller side, the shadow in its worker on the same chunk arrival times).', ['module', 'operation', 'runtime'], STREAM_BUCKETS);
  const eventGap = registry.histogram('llms_wasm_stream_event_gap_seconds', 'Stream calls: time between consecutive events, per runtime (measured like llms_wasm_stream_first_event_seconds).', ['module', 'operation', 'runtime'], STREAM_BUCKETS);
  return {
    /** One runtime's time to first event (when there was one) and every inter-event gap of one stream. */
    observeStream(module: string, operation: string, runtime: RuntimeKind, firstEventMs: number | null, gapsMs: readonly number[]): void {
      const labels = { module, operation, runtime };
      if (firstEventMs !== null) firstEvent.observe(labels, firstEventMs / 1000);
      for (const gap of gapsMs) eventGap.observe(labels, gap / 1000);
    },
    observeCall(module: string, operation: string, runtime: RuntimeKind, ms: number, failed: boolean): void {
      calls.inc({ module, operation, runtime, outcome: failed ? 'error' : 'ok' });
      callSeconds.observe({ module, operation, runtime }, ms / 1000);
    },
    shadowSeconds: registry.histogram('llms_wasm_shadow_duration_seconds', 'Time of the shadow runtime (in its worker).', ['module', 'operation', 'runtime'], LATENCY_BUCKETS),
    comparisons: registry.counter('llms_wasm_shadow_comparisons_total', 'Shadow comparisons by status (match, diff, shadow_error).', ['module', 'operation', 'status']),
    classifications: registry.counter('llms_wasm_diff_classifications_total', 'Classified findings (diffs, shadow errors, nondeterministic and data-quality matches).', ['module', 'classification']),
    shadowDropped: registry.counter('llms_wasm_shadow_dropped_total', 'Shadows not run: queue_full, uncloneable, internal, closing (discarded by close()), unavailable (no worker could start); stream calls: stream_budget (input over shadow.streamBudgetBytes), caller_aborted (the caller stopped reading or aborted), source_error (the input stream failed).', ['module', 'reason']),
    shadowFailures: registry.counter('llms_wasm_shadow_failures_total', 'Shadow runs that produced no output: timeouts, crashes, out of memory, no workers.', ['module', 'code']),
    shadowPoolUp: registry.gauge('llms_wasm_shadow_pool_up', '1 while shadow workers can run shadows, 0 once the pool is unavailable.'),
    workerStartFailures: registry.counter('llms_wasm_shadow_worker_start_failures_total', 'Shadow workers that died or failed before they were ready.'),
    events: registry.counter('llms_wasm_error_events_total', 'Events sent to the error sink, by type.', ['type']),
    inputMutations: registry.counter('llms_wasm_primary_input_mutations_total', 'Calls whose primary runtime changed its input.', ['module', 'runtime']),
    runtimeUp: registry.gauge('llms_wasm_runtime_up', '1 when the runtime initialized in the serving process, 0 when it failed.', ['module', 'runtime']),
    initFailures: registry.counter('llms_wasm_runtime_init_failures_total', 'Runtime initialization failures.', ['module', 'runtime']),
    recordsStored: registry.counter('llms_wasm_records_total', 'Records handed to the store.', ['module', 'status']),
    recordSeconds: registry.histogram('llms_wasm_record_main_thread_seconds', "Caller's-thread time to turn one settled shadow into a record and hand it to listeners and the store (redaction happens in the worker).", ['module'], [0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.01]),
    payloadsLost: registry.counter('llms_wasm_record_payloads_lost_total', 'Shadow-error records kept without payloads because no worker could redact them (queue_full, closing, SHADOW_TIMEOUT …).', ['module', 'reason']),
  };
}

export type OrchestratorMetrics = ReturnType<typeof createOrchestratorMetrics>;
