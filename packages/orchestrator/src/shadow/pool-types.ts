import type { Clock } from '../clock.js';
import type { RedactionConfig } from '../redact/redactor.js';
import type { StoreRelay } from '../store/diff-store.js';
import type { ModuleSource, ShadowJob, ShadowResult } from './job.js';

/** How the pool sizes and polices its workers. */
export interface ShadowPoolOptions {
  readonly modules: readonly ModuleSource[];
  readonly rulesetDir: string;
  /** How workers redact what they produce (the store's rules and key). */
  readonly redaction: RedactionConfig;
  readonly rulesetVersion?: string;
  /** Worker threads (default 1). */
  readonly workers?: number;
  /** Jobs waiting beyond the running ones; more are dropped and counted (default 256). */
  readonly queueSize?: number;
  /** A job running longer is killed with its worker (default 2000 ms). */
  readonly timeoutMs?: number;
  /** Per-worker memory cap: V8 heap limit, and a worker whose heap + WASM memory exceeds it is recycled (default 512). */
  readonly memoryMb?: number;
  /** Retries of jobs that crashed or timed out, per minute across the pool (default 0: never retried). */
  readonly retryBudget?: number;
  /**
   * Start-up failure budget: a worker slot whose worker dies (or reports a fatal error) before it is
   * ready this many times in a row is given up; consecutive attempts back off 50 ms, 100 ms … 5 s.
   * When every slot is given up the pool is unavailable. Default 5.
   */
  readonly startAttempts?: number;
  /** The store's record relay: each worker is served a port to the store's writer thread and sends the records it keeps there (decision 0018). */
  readonly relay?: StoreRelay;
  /** Path of the worker script (default: dist/shadow-worker.js of this package). */
  readonly workerScript?: string;
  /** Timeouts, back-offs and deadlines (default: the system clock). */
  readonly clock?: Clock;
  /** Told about start-up failures and the pool becoming unavailable (never throws into the pool). */
  readonly onEvent?: (event: PoolEvent) => void;
}

/** Why a job produced no comparison. */
export type ShadowFailure = 'SHADOW_TIMEOUT' | 'SHADOW_OOM' | 'SHADOW_CRASH' | 'SHADOW_UNAVAILABLE';

/** What happened to a submitted job, delivered to `onSettled`. */
export type JobSettlement =
  | { readonly kind: 'result'; readonly job: ShadowJob; readonly result: ShadowResult }
  | { readonly kind: 'failed'; readonly job: ShadowJob; readonly code: ShadowFailure; readonly message: string; readonly ms: number }
  /** Discarded unrun by `close()` (queued, or still running when the close deadline passed). */
  | { readonly kind: 'dropped'; readonly job: ShadowJob; readonly reason: 'closing' };

/** Pool-level happenings, for the orchestrator's error sink. */
export type PoolEvent =
  | {
      readonly type: 'worker_start_failed';
      /** Consecutive failed attempts of this slot, including this one. */
      readonly attempt: number;
      readonly attempts: number;
      readonly message: string;
      /** When the next attempt starts; null when the slot was given up. */
      readonly retryInMs: number | null;
    }
  | { readonly type: 'unavailable'; readonly message: string; readonly attempts: number };

/** Where the pool stands. */
export type ShadowPoolState = 'starting' | 'ready' | 'degraded' | 'unavailable' | 'closed';

/** Counters the pool keeps; all monotonic except `queued`, `running` and `workers`. */
export interface ShadowPoolStats {
  submitted: number;
  /** Refused at `submit` because the queue was full. */
  dropped: number;
  /** Discarded by `close()` (reason `closing`), queued or running. */
  discarded: number;
  completed: number;
  timeouts: number;
  crashes: number;
  oom: number;
  recycled: number;
  retried: number;
  replacements: number;
  /** Workers that died or failed before they were ready. */
  startFailures: number;
  /** Jobs settled as `SHADOW_UNAVAILABLE` because no worker could start. */
  unavailable: number;
  queued: number;
  running: number;
  /** Worker slots not given up. */
  workers: number;
}
