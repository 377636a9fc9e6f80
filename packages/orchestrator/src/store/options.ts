import type { Worker } from 'node:worker_threads';
import { systemClock, type Clock } from '../clock.js';
import { OrchestratorError } from '../errors.js';
import type { Redactor } from '../redact/redactor.js';

/** Where the store reports what it cannot throw (failed writes, drops, retention). `console` fits. */
export interface StoreLogger {
  info?(message: string, detail?: Readonly<Record<string, unknown>>): void;
  warn(message: string, detail?: Readonly<Record<string, unknown>>): void;
  error(message: string, detail?: Readonly<Record<string, unknown>>): void;
}

/** How long stored data lives. */
export interface RetentionOptions {
  /** Full records older than this many days are deleted. Default 14. */
  readonly fullDays?: number;
  /** Hourly summaries older than this many days are deleted. Default 90. */
  readonly summaryDays?: number;
  /** How often retention runs on its own (unref'd timer); 0 turns the timer off. Default 1 hour. */
  readonly intervalMs?: number;
}

/** Options of `openDiffStore`. */
export interface DiffStoreOptions {
  /** SQLite file (created if missing) or `:memory:` (tests: one connection on the main thread). */
  readonly path: string;
  /** Redacts every record before it is stored. Required; `'disabled-for-tests'` stores records as given. */
  readonly redactor: Redactor | 'disabled-for-tests';
  /** Share of `match` records stored in full (0..1, sampled by record id). Default 0: summaries only. */
  readonly keepMatches?: number;
  readonly retention?: RetentionOptions;
  /** Records waiting for the writer; beyond this, new records are dropped and counted. Default 10 000. */
  readonly maxQueue?: number;
  /** Records per batch sent to the writer. Default 500. */
  readonly batchSize?: number;
  /** `full` (default): a flushed batch survives power loss; `normal`: it survives a process crash. */
  readonly synchronous?: 'full' | 'normal';
  /** How long the writer waits for a lock held by another connection before failing as `busy`. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** A writer request unanswered this long means a hung writer thread: it is replaced. Default 60 000. */
  readonly writeTimeoutMs?: number;
  /** Caps the database size; past it writes fail as `disk_full` (counted, never thrown). */
  readonly maxDbBytes?: number;
  /** Receives failures and retention reports. Default `console`. */
  readonly logger?: StoreLogger;
  /** Called with each writer worker when it starts (monitoring; tests use it to crash the writer). */
  readonly onWorker?: (worker: Worker) => void;
  /** Write timeouts and restart back-off (default: the system clock; record times are the records' own). */
  readonly clock?: Clock;
}

/** Options with defaults applied and checked. */
export interface ResolvedStoreOptions {
  readonly path: string;
  readonly redactor: Redactor | null;
  readonly keepMatches: number;
  readonly fullDays: number;
  readonly summaryDays: number;
  readonly intervalMs: number;
  readonly maxQueue: number;
  readonly batchSize: number;
  readonly synchronous: 'FULL' | 'NORMAL';
  readonly busyTimeoutMs: number;
  readonly writeTimeoutMs: number;
  readonly maxDbBytes: number | null;
  readonly logger: StoreLogger;
  readonly onWorker: ((worker: Worker) => void) | undefined;
  readonly clock: Clock;
}

function invalid(field: string, message: string): never {
  throw new OrchestratorError('CONFIG_INVALID', `store.${field} ${message}`, { field: `store.${field}` });
}

function numberIn(value: unknown, field: string, fallback: number, min: number, max: number, integer: boolean): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    invalid(field, `must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`);
  }
  return value;
}

/**
 * Checks `options` and applies defaults.
 * @throws OrchestratorError `CONFIG_INVALID` naming the field (a missing redactor included).
 */
export function resolveStoreOptions(options: DiffStoreOptions): ResolvedStoreOptions {
  if (typeof options !== 'object' || options === null) invalid('path', 'is required');
  if (typeof options.path !== 'string' || options.path === '') invalid('path', 'must be a file path or ":memory:"');
  const redactor = options.redactor;
  if (
    redactor !== 'disabled-for-tests' &&
    (typeof redactor !== 'object' || redactor === null || typeof redactor.redact !== 'function' || typeof redactor.identifier !== 'function' || typeof redactor.pointer !== 'function' || typeof redactor.isCredentialName !== 'function')
  ) {
    invalid('redactor', "is required (a Redactor from createRedactor, or 'disabled-for-tests')");
  }
  const clock = options.clock ?? systemClock;
  if (typeof clock.now !== 'function' || typeof clock.setTimeout !== 'function' || typeof clock.clearTimeout !== 'function') invalid('clock', 'must have now, setTimeout and clearTimeout');
  const retention = options.retention ?? {};
  if (options.synchronous !== undefined && options.synchronous !== 'full' && options.synchronous !== 'normal') invalid('synchronous', "must be 'full' or 'normal'");
  const logger = options.logger ?? console;
  if (typeof logger.warn !== 'function' || typeof logger.error !== 'function') invalid('logger', 'must have warn and error methods');
  return {
    path: options.path,
    redactor: redactor === 'disabled-for-tests' ? null : redactor,
    keepMatches: numberIn(options.keepMatches, 'keepMatches', 0, 0, 1, false),
    fullDays: numberIn(retention.fullDays, 'retention.fullDays', 14, 0, 36_500, false),
    summaryDays: numberIn(retention.summaryDays, 'retention.summaryDays', 90, 0, 36_500, false),
    intervalMs: numberIn(retention.intervalMs, 'retention.intervalMs', 3_600_000, 0, 2 ** 31 - 1, true),
    maxQueue: numberIn(options.maxQueue, 'maxQueue', 10_000, 1, 10_000_000, true),
    batchSize: numberIn(options.batchSize, 'batchSize', 500, 1, 100_000, true),
    synchronous: options.synchronous === 'normal' ? 'NORMAL' : 'FULL',
    busyTimeoutMs: numberIn(options.busyTimeoutMs, 'busyTimeoutMs', 5000, 0, 600_000, true),
    writeTimeoutMs: numberIn(options.writeTimeoutMs, 'writeTimeoutMs', 60_000, 1, 2 ** 31 - 1, true),
    maxDbBytes: options.maxDbBytes === undefined ? null : numberIn(options.maxDbBytes, 'maxDbBytes', 0, 65_536, Number.MAX_SAFE_INTEGER, true),
    logger,
    onWorker: options.onWorker,
    clock,
  };
}
