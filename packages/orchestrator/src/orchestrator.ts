import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { errorCodeOf, type StreamChunk } from '@llms-wasm/module-kit';
import { systemClock, type Clock } from './clock.js';
import { rulesetInForce } from './diff/ruleset-in-force.js';
import type { LoadedConfig } from './config/loaded-config.js';
import type { EnvSource } from './config/mode-env.js';
import { OrchestratorError } from './errors.js';
import { MetricsRegistry } from './metrics/metrics-registry.js';
import type { ModeContext, ModeResolution, RequestHeaders } from './modes/mode-resolution.js';
import { createModeResolver, type ModeResolver } from './modes/mode-resolver.js';
import type { ModeOverride, ModeOverrideInput, OverrideTarget } from './modes/mode-override.js';
import type { ControlStore } from './control/control-store.js';
import type { StatusReport } from './control/status.js';
import { wireControl } from './orchestrator/control-wiring.js';
import { resolveModuleSpecifier } from './config/resolve-specifier.js';
import type { DiffRecord } from './records/diff-record.js';
import type { ErrorSink, Logger } from './orchestrator/error-sink.js';
import { wireEvents } from './orchestrator/events.js';
import { callKeys } from './orchestrator/call-keys.js';
import { moduleVersions } from './orchestrator/module-versions.js';
import { versionSnapshot } from './orchestrator/version-snapshot.js';
import type { VersionSnapshot } from './records/replay-run.js';
import { createRecorder } from './orchestrator/recorder.js';
import { SummaryAggregator } from './orchestrator/summary-aggregator.js';
import { startRuntimes, type StartReport } from './orchestrator/start.js';
import { createOrchestratorMetrics } from './orchestrator/metrics.js';
import { guardInput } from './orchestrator/input-guard.js';
import { createCallPlanner } from './orchestrator/call-planner.js';
import { createStreamCall, type StreamCall, type StreamContext } from './orchestrator/stream-call.js';
import { createRedactor, type Redactor } from './redact/redactor.js';
import { ShadowPool } from './shadow/pool.js';
import { loadModules, type AnyModule } from './shadow/load-modules.js';
import type { DiffStore } from './store/diff-store.js';
import type { LifecycleStore } from './control/lifecycle-store.js';
import { memoryLifecycleStore } from './control/memory-lifecycle-store.js';
import { lifecycleStatus } from './control/lifecycle-status.js';
import { AlertWebhook, type WebhookPost } from './orchestrator/alert-webhook.js';
import { CRASH_CODES, CrashTally } from './orchestrator/lifecycle-facts.js';
import { createLifecycleController, type LifecycleController } from './orchestrator/lifecycle-controller.js';

/** Who is calling, for mode resolution and records. */
export interface CallContext {
  readonly requestId?: string;
  readonly tenant?: string;
  readonly route?: string;
  readonly headers?: RequestHeaders;
  /** Sticky key for `split` (a session or user id). */
  readonly splitKey?: string;
}

/** How an orchestrator is built. */
export interface OrchestratorOptions {
  /** Environment for mode variables (default `process.env`). */
  readonly env?: EnvSource;
  /** Where metrics go (default: a new registry, see `orchestrator.metrics`). */
  readonly metrics?: MetricsRegistry;
  /** Where records go; `null` keeps none (records still reach `onRecord` listeners). */
  readonly store: DiffStore | null;
  readonly logger?: Logger;
  /**
   * Receives typed events — runtime init failures, degradations, shadow failures, store write failures,
   * shadow workers that cannot start — redacted first (decision 0009). Default: one line each on `logger`.
   */
  readonly errorSink?: ErrorSink;
  /**
   * Redacts what reaches the error sink and the logger, and records when there is no store (or the store's
   * redaction is disabled); records for a store are redacted with the store's redactor, in the shadow
   * workers. Pass the store's redactor so identifiers hash the same way in events and records. Default:
   * the store's redactor, else one with a random per-process key (secrets are removed all the same; PII
   * masks then only correlate within this process).
   */
  readonly redactor?: Redactor;
  /** Shadow timeouts, back-offs and drain deadlines (default: the system clock). */
  readonly clock?: Clock;
  /** The shadow worker script (default: this package's dist/shadow-worker.js). */
  readonly workerScript?: string;
  /**
   * The control tables of the store file (`openControlStore`): overrides are written through to it and
   * polled from it, and this instance's heartbeat goes there. Default null: overrides in memory only.
   */
  readonly control?: ControlStore | null;
  /** This instance's id in heartbeats and as who set an override (default `<host>-<pid>-<random>`). */
  readonly instanceId?: string;
  /**
   * Where the lifecycle state and decision records live when the config has a `lifecycle` section
   * (`openLifecycleStore` on the store file; default: in memory). The orchestrator closes it.
   */
  readonly lifecycleStore?: LifecycleStore | null;
  /** How the alert webhook sends (default `fetch`); for tests. */
  readonly webhookPost?: WebhookPost;
}

/** The thin layer between callers and the two runtimes of every module. */
export interface Orchestrator {
  /** Loads both runtimes of every module (here and in the shadow workers); failures are reported, never hidden. */
  start(): Promise<StartReport>;
  /**
   * Runs `operation` on the primary runtime the mode names and returns its result — or throws its error —
   * exactly as produced. The shadow runs later, in a worker; nothing it does can change, delay or fail this call.
   * @throws OrchestratorError `MODULE_UNKNOWN` for a module that is not configured; otherwise the primary's own error.
   */
  call(module: string, operation: string, input: unknown, ctx?: CallContext): Promise<unknown>;
  /**
   * Runs stream operation `operation` on the primary runtime the mode names: a session opened with
   * `options` is fed `chunks` as they come, and each event it completes is yielded at once, exactly as
   * produced; `result` is its finish result. The chunks are teed to the shadow within
   * `shadow.streamBudgetBytes`; the shadow runs after the stream ended, in a worker (decision 0016).
   * Errors — `MODULE_UNKNOWN`, the primary's own, the source's, the abort reason — are thrown by the iteration.
   * @example for await (const event of orchestrator.stream('streaming', 'decode', { protocol: 'responses' }, upstream, { requestId })) send(event);
   */
  stream(module: string, operation: string, options: unknown, chunks: AsyncIterable<StreamChunk> | Iterable<StreamChunk>, ctx?: StreamContext): StreamCall;
  resolveMode(ctx: ModeContext): ModeResolution;
  /**
   * Sets a mode override (one module or every module; globally, for a tenant or for a route), replacing the
   * one with the same module and scope. With a store file it is written through (every orchestrator on the
   * file applies it within its poll interval, and it survives restarts); if the write fails it is in force
   * here anyway and retried at every poll.
   * @throws OrchestratorError `OVERRIDE_INVALID` naming the field
   */
  setOverride(input: ModeOverrideInput): ModeOverride;
  /**
   * Clears the override of `target` (a module id or `{ module?, tenant?, route? }`; absent: the global
   * all-modules one), here and in the store (the row is kept, marked cleared). True when there was one.
   */
  clearOverride(target?: string | OverrideTarget, options?: { readonly reason?: string; readonly who?: string }): boolean;
  overrides(): readonly ModeOverride[];
  /** Modes in force, overrides (who, why, when), runtime health of this instance and of the others on the store file. */
  status(): StatusReport;
  /** This instance's id (heartbeats, `who` of its overrides). */
  readonly instanceId: string;
  /**
   * Listens to every record, redacted as it is stored (its payloads, when kept, are parsed from the
   * worker's redacted JSON the first time they are read). Plain matches the store does not keep reach
   * listeners without payloads. Returns an unsubscribe.
   */
  onRecord(listener: (record: DiffRecord) => void): () => void;
  /** Waits for queued shadows to settle and the store to flush. */
  drain(timeoutMs?: number): Promise<void>;
  /**
   * Waits up to `timeoutMs` (default 30 s) for queued shadows, then stops the workers and closes the
   * store. Shadows still queued or running then are discarded and counted (`llms_wasm_shadow_dropped_total{reason="closing"}`).
   */
  close(timeoutMs?: number): Promise<void>;
  readonly metrics: MetricsRegistry;
  readonly rulesetVersion: string;
  readonly modules: ReadonlyMap<string, AnyModule>;
  readonly shadow: ShadowPool;
  /** The store records go to (null without one): replay runs are written to it, gate windows read from it. */
  readonly store: DiffStore | null;
  /** The lifecycle of the modules (stages, gates, decisions), or null when the config has no `lifecycle` section. */
  readonly lifecycle: LifecycleController | null;
  /** The versions in force now (upstream packages, module versions and `.wasm` digests, ruleset, protocols), over `modules` (default: all configured). */
  versionSnapshot(modules?: readonly string[]): VersionSnapshot;
}

/**
 * Builds an orchestrator from a loaded config. Modules are imported here (and again in each shadow worker)
 * by their configured specifier; the orchestrator knows them only through module-kit.
 * @throws OrchestratorError `CONFIG_INVALID` when a module or the ruleset cannot be loaded
 */
export async function createOrchestrator(config: LoadedConfig, options: OrchestratorOptions): Promise<Orchestrator> {
  const logger = options.logger ?? console;
  const metrics = options.metrics ?? new MetricsRegistry();
  const m = createOrchestratorMetrics(metrics);
  const redactor = options.redactor ?? options.store?.redactor ?? createRedactor({ key: randomBytes(32) });
  // Records are redacted by the store's rules where there is a store (the worker builds the same redactor from its config).
  const recordRedactor = options.store?.redactor ?? redactor;
  const clock = options.clock ?? systemClock;
  const wired = wireEvents(options.errorSink, redactor, logger, m);
  const { clean, onPoolEvent } = wired;
  const crashes = new CrashTally();
  // Crashes of a WASM shadow count toward the lifecycle's wasm_failure rule.
  const sink: ErrorSink = (event) => {
    if (event.type === 'shadow_failed' && event.runtime === 'wasm' && CRASH_CODES.has(event.code)) crashes.note(event.module, clock.now());
    wired.sink(event);
  };
  if (config.lifecycle !== null && options.store === null) {
    options.lifecycleStore?.close();
    throw new OrchestratorError('CONFIG_INVALID', 'lifecycle: the gates read their evidence from the diff store; configure a store (or remove the lifecycle section)', { field: 'lifecycle' });
  }
  const lifecycleStore = config.lifecycle === null ? null : (options.lifecycleStore ?? memoryLifecycleStore());
  const storedStages = lifecycleStore?.load().state?.modules ?? {};
  const tsUnloaded = new Set(Object.values(storedStages).filter((s) => s.stage === 'removed' && Object.hasOwn(config.modules, s.module)).map((s) => s.module));
  const resolver: ModeResolver = createModeResolver(config, options.env ?? process.env, metrics);
  const { dir: rulesetDir, ruleset } = rulesetInForce(config.ruleset.dir, config.ruleset.version);
  // Resolved here, from the config's folder: the shadow workers get file URLs and resolve nothing themselves.
  const sources = Object.entries(config.modules).map(([id, mod]) => ({ id, import: resolveModuleSpecifier(mod.import, config.baseDir, `config/modules/${id}/import`), export: mod.export, ...(tsUnloaded.has(id) ? { tsLoaded: false } : {}) }));
  const modules = await loadModules(sources);

  const store = options.store;
  const versions = moduleVersions(modules);
  const keyOf = callKeys(recordRedactor, versions, ruleset.version);
  const aggregator = store === null ? null : new SummaryAggregator(clock, (deltas) => store.writeSummaries(deltas));
  const recorder = createRecorder({ modules, config, metrics: m, store, aggregator, redactor: recordRedactor, versions, clock, logger, sink, clean, rulesetVersion: ruleset.version });
  const stopStoreEvents = options.store?.onWriteFailure((f) => sink({ type: 'store_write_failed', reason: f.reason, count: f.count, code: f.code, message: f.message })) ?? (() => {});
  m.shadowPoolUp.set({}, 1);
  const pool = new ShadowPool(
    {
      modules: sources,
      rulesetDir,
      redaction: recordRedactor.config,
      ...(config.ruleset.version ? { rulesetVersion: config.ruleset.version } : {}),
      workers: config.shadow.workers,
      queueSize: config.shadow.queueSize,
      timeoutMs: config.shadow.timeoutMs,
      memoryMb: config.shadow.memoryMb,
      retryBudget: config.shadow.retryBudget,
      startAttempts: config.shadow.startAttempts,
      clock,
      onEvent: onPoolEvent,
      // Kept records go from the workers straight to the store's writer thread (decision 0018).
      ...(store?.relay === undefined ? {} : { relay: store.relay }),
      ...(options.workerScript ? { workerScript: options.workerScript } : {}),
    },
    (settlement) => recorder.settle(pool, settlement),
  );

  const plane = wireControl({
    control: options.control ?? null,
    resolver,
    pool,
    clock: options.clock ?? systemClock,
    pollMs: config.control.pollMs,
    heartbeatMs: config.control.heartbeatMs,
    instanceId: options.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    configuredWorkers: config.shadow.workers,
    rulesetVersion: ruleset.version,
    sink,
    clean,
    logger,
  });
  const who = `instance:${plane.identity.id}`;
  const wasmInitErrors = new Map<string, string>();
  const webhook = config.lifecycle === null || config.alerts.webhook === null ? null : new AlertWebhook({ settings: config.alerts.webhook, clock, redactor, metrics, env: options.env ?? process.env, ...(options.webhookPost ? { post: options.webhookPost } : {}) });
  const lifecycle =
    config.lifecycle === null || lifecycleStore === null || store === null
      ? null
      : createLifecycleController({
          settings: config.lifecycle,
          lifecycleStore,
          store,
          resolver,
          clock,
          instanceId: plane.identity.id,
          rulesetVersion: ruleset.version,
          versions,
          wasmInitError: (id) => wasmInitErrors.get(id) ?? null,
          crashes,
          operatorOverrides: () => resolver.overrides().filter((o) => o.origin !== 'lifecycle'),
          flush: async () => {
            aggregator?.flush();
            await store.flush();
          },
          sink,
          webhook,
        });
  const planFor = createCallPlanner(resolver, tsUnloaded, metrics.counter('llms_wasm_removed_clamped_total', 'Calls of a module in the removed stage that a mode sent to TS (not loaded): served by WASM alone.', ['module']));
  const start = async (): Promise<StartReport> => {
    const report = await startRuntimes({ modules, pool, resolver, metrics: m, sink, clean, workers: config.shadow.workers, who, tsUnloaded });
    for (const [id, states] of Object.entries(report.modules)) if (states.wasm.startsWith('failed')) wasmInitErrors.set(id, states.wasm.replace(/^failed: /, ''));
    plane.started(report);
    lifecycle?.start();
    return report;
  };

  const call = async (moduleId: string, operation: string, input: unknown, ctx: CallContext = {}): Promise<unknown> => {
    const mod = modules.get(moduleId);
    if (!mod) throw new OrchestratorError('MODULE_UNKNOWN', `no module "${moduleId}" is configured (configured: ${[...modules.keys()].join(', ')})`, { module: moduleId });
    const modeCtx: ModeContext = { module: moduleId, ...ctx };
    const { plan, sampled } = planFor(modeCtx);
    const at = clock.now();
    // Taken before the primary runs, so a primary that mutates its input cannot change what the shadow sees.
    const guard = sampled ? guardInput(input) : null;
    const started = performance.now();
    let value: unknown;
    let failure: unknown;
    let failed = false;
    try {
      value = await mod.call(plan.primary, operation, input);
    } catch (error) {
      failed = true;
      failure = error;
      if (plan.primary === 'wasm' && CRASH_CODES.has(errorCodeOf(error))) crashes.note(moduleId, clock.now());
    }
    const mainMs = performance.now() - started;
    m.observeCall(moduleId, operation, plan.primary, mainMs, failed);
    // Counted for every call, shadowed or not, so rates over the store's summaries are over all traffic.
    const key = keyOf(moduleId, operation, plan.primary, plan.shadow ? (plan.primary === 'ts' ? 'wasm' : 'ts') : null, ctx);
    aggregator?.call(key, at, mainMs, failed);
    if (!plan.shadow) aggregator?.skipped(key, at, 'no_shadow');
    else if (!guard) aggregator?.skipped(key, at, 'sampled_out');
    if (guard) {
      try {
        recorder.dispatch(pool, {
          module: moduleId,
          operation,
          mainRuntime: plan.primary,
          guard,
          mutated: guard.ok && guard.changedBy(input),
          main: failed ? { ok: false, code: errorCodeOf(failure), message: failure instanceof Error ? failure.message : String(failure), ms: mainMs } : { ok: true, value, ms: mainMs },
          ctx,
          key,
          at,
        });
      } catch (error) {
        m.shadowDropped.inc({ module: moduleId, reason: 'internal' });
        aggregator?.dropped(key, at, 'internal');
        logger.error(`[llms-wasm] ${clean.id(moduleId)}.${clean.id(operation)}: shadow dispatch failed: ${clean.text(error instanceof Error ? error.message : String(error))}`);
      }
    }
    if (failed) throw failure;
    return value;
  };

  const stream = createStreamCall({ modules, config, planFor, clock, metrics: m, keyOf, aggregator, recorder, pool, logger, clean });

  return {
    start,
    call,
    stream,
    resolveMode: (ctx) => resolver.resolveMode(ctx),
    setOverride: (input) => plane.overrides.set(input),
    clearOverride: (target, clearOptions) => plane.overrides.clear(target, clearOptions?.reason, clearOptions?.who),
    overrides: () => resolver.overrides(),
    status: () => {
      const report = plane.status();
      if (lifecycleStore === null) return report;
      let stored;
      try {
        stored = lifecycleStore.load();
      } catch {
        stored = { revision: 0, state: lifecycle?.state() ?? null, updatedAt: null, updatedBy: null };
      }
      return { ...report, lifecycle: lifecycleStatus(stored.state === null ? { ...stored, state: lifecycle?.state() ?? null } : stored, clock.now()) };
    },
    instanceId: plane.identity.id,
    onRecord: (listener) => recorder.onRecord(listener),
    drain: async (timeoutMs = 30_000) => {
      await recorder.flushDispatches();
      await pool.drain(timeoutMs);
      aggregator?.flush();
      await store?.flush();
    },
    close: async (timeoutMs = 30_000) => {
      lifecycle?.close();
      webhook?.close();
      await recorder.flushDispatches();
      await pool.close(timeoutMs);
      aggregator?.flush();
      await store?.close();
      plane.close();
      lifecycleStore?.close();
      stopStoreEvents();
    },
    metrics,
    rulesetVersion: ruleset.version,
    modules,
    shadow: pool,
    store,
    lifecycle,
    versionSnapshot: (ids = [...modules.keys()]) => versionSnapshot(ids, versions, ruleset),
  };
}

