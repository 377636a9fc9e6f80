import type { ShadowPoolOptions, ShadowPoolStats } from './pool-types.js';
import { defaultWorkerScript } from './worker-handle.js';

/** Pool options with defaults applied. */
export type ResolvedPoolOptions = Required<Omit<ShadowPoolOptions, 'rulesetVersion' | 'workerScript' | 'clock' | 'onEvent' | 'relay'>> & { workerScript: string; rulesetVersion?: string };

/** Applies the defaults (1 worker, queue 256, 2 s timeout, 512 MB, no retries, 5 start attempts). */
export function resolvePoolOptions(options: ShadowPoolOptions): ResolvedPoolOptions {
  return {
    modules: options.modules,
    rulesetDir: options.rulesetDir,
    redaction: options.redaction,
    workers: options.workers ?? 1,
    queueSize: options.queueSize ?? 256,
    timeoutMs: options.timeoutMs ?? 2000,
    memoryMb: options.memoryMb ?? 512,
    retryBudget: options.retryBudget ?? 0,
    startAttempts: Math.max(1, options.startAttempts ?? 5),
    workerScript: options.workerScript ?? defaultWorkerScript(),
    ...(options.rulesetVersion ? { rulesetVersion: options.rulesetVersion } : {}),
  };
}

/** Every counter at zero. */
export const emptyStats = (): ShadowPoolStats => ({
  submitted: 0, dropped: 0, discarded: 0, completed: 0, timeouts: 0, crashes: 0, oom: 0, recycled: 0, retried: 0, replacements: 0,
  startFailures: 0, unavailable: 0, queued: 0, running: 0, workers: 0,
});
