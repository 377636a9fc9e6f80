import { errorCodeOf, type RuntimeKind } from '@llms-wasm/module-kit';
import type { ModeResolver } from '../modes/mode-resolver.js';
import type { ModeOverride } from '../modes/mode-override.js';
import type { AnyModule } from '../shadow/load-modules.js';
import type { ShadowPool } from '../shadow/pool.js';
import type { ErrorSink } from './error-sink.js';
import type { OrchestratorMetrics } from './metrics.js';
import type { Cleaners } from './recorder.js';

/** The state of every runtime after `start()`. */
export interface StartReport {
  readonly modules: Readonly<Record<string, Readonly<Record<RuntimeKind, string>>>>;
  /** `ready`, `degraded: …` (some worker slots could not start) or `failed: …` (none could: shadows are `SHADOW_UNAVAILABLE`). */
  readonly shadowWorkers: string;
  readonly overrides: readonly ModeOverride[];
}

/**
 * Loads both runtimes of every module here, waits for the shadow workers (or their start-up budget to
 * run out), and reports every failure to the sink. A WASM runtime that cannot start puts its module under
 * a locked `ts_primary` override whose reason names the failure; nothing falls back silently.
 */
export async function startRuntimes(deps: {
  readonly modules: ReadonlyMap<string, AnyModule>;
  readonly pool: ShadowPool;
  readonly resolver: ModeResolver;
  readonly metrics: OrchestratorMetrics;
  readonly sink: ErrorSink;
  readonly clean: Cleaners;
  readonly workers: number;
  /** Recorded as who set a degradation override (`instance:<id>`). */
  readonly who: string;
  /** Modules in the `removed` stage: their TS runtime is not initialized. */
  readonly tsUnloaded?: ReadonlySet<string>;
}): Promise<StartReport> {
  const { modules, pool, resolver, metrics: m, sink, clean } = deps;
  const report: Record<string, Record<RuntimeKind, string>> = {};
  for (const [id, mod] of modules) {
    const unloaded = deps.tsUnloaded?.has(id) === true;
    const state: Record<RuntimeKind, string> = { ts: unloaded ? 'unloaded' : 'ready', wasm: 'ready' };
    for (const kind of unloaded ? (['wasm'] as const) : (['ts', 'wasm'] as const)) {
      try {
        await mod.init(kind);
        m.runtimeUp.set({ module: id, runtime: kind }, 1);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // What the report and the override reason say is redacted like everything else that leaves here.
        const said = clean.text(message);
        state[kind] = `failed: ${said}`;
        m.runtimeUp.set({ module: id, runtime: kind }, 0);
        m.initFailures.inc({ module: id, runtime: kind });
        sink({ type: 'runtime_init_failed', module: id, runtime: kind, where: 'main', code: errorCodeOf(error), message });
        if (kind === 'wasm') {
          // Local: a fact about this instance, never written to the store (another instance's WASM may be fine).
          resolver.setOverride({ module: id, mode: 'ts_primary', lock: true, reason: `wasm runtime failed to initialize: ${said}` }, { origin: 'local', who: deps.who });
          // The sink redacts its events itself: it gets the raw reason, so it is redacted exactly once.
          sink({ type: 'runtime_degraded', module: id, runtime: kind, mode: 'ts_primary', reason: `wasm runtime failed to initialize: ${message}` });
        }
      }
    }
    report[id] = state;
  }
  await pool.ready();
  let shadowWorkers = 'ready';
  if (pool.state === 'unavailable') shadowWorkers = `failed: ${clean.text(pool.failure ?? 'unknown')}`;
  else if (pool.state === 'degraded') shadowWorkers = `degraded: ${pool.stats.workers} of ${deps.workers} worker(s) started`;
  for (const [id, states] of pool.runtimes) {
    for (const kind of ['ts', 'wasm'] as const) {
      const s = states[kind];
      if (s !== 'ready' && s !== 'unloaded') sink({ type: 'runtime_init_failed', module: id, runtime: kind, where: 'shadow', code: 'RUNTIME_INIT_FAILED', message: s.replace(/^failed: /, '') });
    }
  }
  return { modules: report, shadowWorkers, overrides: resolver.overrides() };
}
