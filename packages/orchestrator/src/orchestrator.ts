import { performance } from 'node:perf_hooks';
import { errorCodeOf, type RuntimeKind } from '@llms-wasm/module-kit';
import { rulesetInForce } from './diff/ruleset-in-force.js';
import type { LoadedConfig } from './config/loaded-config.js';
import type { EnvSource } from './config/mode-env.js';
import { OrchestratorError } from './errors.js';
import { MetricsRegistry } from './metrics/metrics-registry.js';
import type { ModeContext, ModeResolution, RequestHeaders } from './modes/mode-resolution.js';
import { createModeResolver, type ModeResolver } from './modes/mode-resolver.js';
import type { ModeOverride, ModeOverrideInput } from './modes/mode-override.js';
import type { DiffRecord } from './records/diff-record.js';
import { createRecorder, type Logger } from './orchestrator/recorder.js';
import { createOrchestratorMetrics } from './orchestrator/metrics.js';
import { guardInput } from './orchestrator/input-guard.js';
import { ShadowPool } from './shadow/pool.js';
import { loadModules, type AnyModule } from './shadow/load-modules.js';
import type { DiffStore } from './store/diff-store.js';

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
  /** The shadow worker script (default: this package's dist/shadow-worker.js). */
  readonly workerScript?: string;
}

/** The state of every runtime after `start()`. */
export interface StartReport {
  readonly modules: Readonly<Record<string, Readonly<Record<RuntimeKind, string>>>>;
  readonly shadowWorkers: string;
  readonly overrides: readonly ModeOverride[];
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
  resolveMode(ctx: ModeContext): ModeResolution;
  setOverride(input: ModeOverrideInput): ModeOverride;
  clearOverride(module?: string): boolean;
  overrides(): readonly ModeOverride[];
  /** Listens to every record (after the shadow settled, before redaction and storage). Returns an unsubscribe. */
  onRecord(listener: (record: DiffRecord) => void): () => void;
  /** Waits for queued shadows to settle and the store to flush. */
  drain(timeoutMs?: number): Promise<void>;
  /** Waits up to `timeoutMs` (default 30 s) for queued shadows, then stops the workers and closes the store. */
  close(timeoutMs?: number): Promise<void>;
  readonly metrics: MetricsRegistry;
  readonly rulesetVersion: string;
  readonly modules: ReadonlyMap<string, AnyModule>;
  readonly shadow: ShadowPool;
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
  const resolver: ModeResolver = createModeResolver(config, options.env ?? process.env, metrics);
  const { dir: rulesetDir, ruleset } = rulesetInForce(config.ruleset.dir, config.ruleset.version);
  const sources = Object.entries(config.modules).map(([id, mod]) => ({ id, import: mod.import, export: mod.export }));
  const modules = await loadModules(sources);

  const recorder = createRecorder({ modules, config, metrics: m, store: options.store, logger, rulesetVersion: ruleset.version });
  const pool = new ShadowPool(
    {
      modules: sources,
      rulesetDir,
      ...(config.ruleset.version ? { rulesetVersion: config.ruleset.version } : {}),
      workers: config.shadow.workers,
      queueSize: config.shadow.queueSize,
      timeoutMs: config.shadow.timeoutMs,
      memoryMb: config.shadow.memoryMb,
      retryBudget: config.shadow.retryBudget,
      ...(options.workerScript ? { workerScript: options.workerScript } : {}),
    },
    (settlement) => recorder.settle(settlement),
  );

  const start = async (): Promise<StartReport> => {
    const report: Record<string, Record<RuntimeKind, string>> = {};
    for (const [id, mod] of modules) {
      const state: Record<RuntimeKind, string> = { ts: 'ready', wasm: 'ready' };
      for (const kind of ['ts', 'wasm'] as const) {
        try {
          await mod.init(kind);
          m.runtimeUp.set({ module: id, runtime: kind }, 1);
        } catch (error) {
          const message = (error as Error).message;
          state[kind] = `failed: ${message}`;
          m.runtimeUp.set({ module: id, runtime: kind }, 0);
          m.initFailures.inc({ module: id, runtime: kind });
          logger.error(`[llms-wasm] ${id}: the ${kind} runtime failed to initialize: ${message}`);
          if (kind === 'wasm') {
            // Loud degradation: a locked override that every resolution reports, never a silent fallback.
            resolver.setOverride({ module: id, mode: 'ts_primary', lock: true, reason: `wasm runtime failed to initialize: ${message}` });
          }
        }
      }
      report[id] = state;
    }
    await pool.ready();
    let shadowWorkers = 'ready';
    if (pool.failure) {
      shadowWorkers = `failed: ${pool.failure}`;
      logger.error(`[llms-wasm] shadow workers cannot start; shadow comparisons will be reported as SHADOW_UNAVAILABLE: ${pool.failure}`);
    }
    for (const [id, states] of pool.runtimes) {
      for (const kind of ['ts', 'wasm'] as const) {
        if (states[kind] !== 'ready') logger.error(`[llms-wasm] ${id}: the ${kind} runtime failed to initialize in the shadow workers: ${states[kind]}`);
      }
    }
    return { modules: report, shadowWorkers, overrides: resolver.overrides() };
  };

  const call = async (moduleId: string, operation: string, input: unknown, ctx: CallContext = {}): Promise<unknown> => {
    const mod = modules.get(moduleId);
    if (!mod) throw new OrchestratorError('MODULE_UNKNOWN', `no module "${moduleId}" is configured (configured: ${[...modules.keys()].join(', ')})`, { module: moduleId });
    const modeCtx: ModeContext = { module: moduleId, ...ctx };
    const resolution = resolver.resolveMode(modeCtx);
    const plan = resolver.planCall(resolution, modeCtx);
    const sampled = plan.shadow && Math.random() < (config.modules[moduleId]?.sampleRate ?? 1);
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
    }
    const mainMs = performance.now() - started;
    m.observeCall(moduleId, operation, plan.primary, mainMs, failed);
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
          resolution,
        });
      } catch (error) {
        m.shadowDropped.inc({ module: moduleId, reason: 'internal' });
        logger.error(`[llms-wasm] ${moduleId}.${operation}: shadow dispatch failed: ${(error as Error).message}`);
      }
    }
    if (failed) throw failure;
    return value;
  };

  return {
    start,
    call,
    resolveMode: (ctx) => resolver.resolveMode(ctx),
    setOverride: (input) => resolver.setOverride(input),
    clearOverride: (module) => resolver.clearOverride(module),
    overrides: () => resolver.overrides(),
    onRecord: (listener) => recorder.onRecord(listener),
    drain: async (timeoutMs = 30_000) => {
      await recorder.flushDispatches();
      await pool.drain(timeoutMs);
      await options.store?.flush();
    },
    close: async (timeoutMs = 30_000) => {
      await recorder.flushDispatches();
      await pool.close(timeoutMs);
      await options.store?.close();
    },
    metrics,
    rulesetVersion: ruleset.version,
    modules,
    shadow: pool,
  };
}

