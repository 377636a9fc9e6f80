// What an orchestrator says about itself in its heartbeat row (and `status --json` shows per instance).
import type { RuntimeKind } from '@llms-wasm/module-kit';
import type { ModeResolution } from '../modes/mode-resolution.js';
import type { ShadowPoolState } from '../shadow/pool-types.js';

/** One runtime of one module: `ready`; `failed` here (it cannot serve); `degraded` (ready here, failed in the shadow workers). */
export interface RuntimeHealth {
  readonly state: 'starting' | 'ready' | 'degraded' | 'failed';
  readonly reason?: string;
}

/** Where the instance keeps its overrides and how syncing them goes. */
export interface OverrideSyncState {
  /** `file`: overrides are rows of the store file; `memory`: this process only (`:memory:` store or none). */
  readonly persistence: 'file' | 'memory';
  /** Writes not in the store yet (retried at every poll). */
  readonly pending: number;
  /** The last failure to read or write the control tables, until one succeeds again. */
  readonly lastError: string | null;
  /** The last successful read of the override table (ms since the epoch). */
  readonly lastPollAt: number | null;
}

/** The heartbeat's `state` column (JSON). */
export interface InstanceState {
  /** Per module and runtime. */
  readonly runtimes: Readonly<Record<string, Readonly<Record<RuntimeKind, RuntimeHealth>>>>;
  /** Per module, the mode of a call with no tenant, route or header (env, rollback and overrides applied). */
  readonly modes: Readonly<Record<string, ModeResolution>>;
  /** Modules under `LLMS_WASM_ROLLBACK` here. */
  readonly rollback: readonly string[];
  readonly shadowPool: {
    readonly state: ShadowPoolState;
    readonly workers: number;
    readonly configuredWorkers: number;
    readonly queued: number;
    readonly running: number;
    readonly dropped: number;
    readonly failure: string | null;
  };
  readonly overrides: OverrideSyncState;
  readonly rulesetVersion: string;
}
