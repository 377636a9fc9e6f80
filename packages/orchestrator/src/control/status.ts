// The shape `llms-wasm status --json` prints and `orchestrator.status()` returns (docs/status.md).
// Stable: fields are added, never renamed or removed; every field is always present (null when unknown).
import { loadConfig } from '../config/load-config.js';
import type { LoadedConfig } from '../config/loaded-config.js';
import { ROLLBACK_ALL } from '../config/mode-env.js';
import type { Mode } from '../config/mode-schema.js';
import type { ModeOverride, OverrideOrigin, OverrideScope } from '../modes/mode-override.js';
import type { LockScope, ModeResolution, ModeScope } from '../modes/mode-resolution.js';
import { createModeResolver } from '../modes/mode-resolver.js';
import type { InstanceRow } from './control-store.js';
import { openControlStore } from './control-store.js';
import type { InstanceState } from './instance-state.js';
import { lifecycleStatus, type LifecycleStatus } from './lifecycle-status.js';
import { openLifecycleStore } from './lifecycle-store.js';

/** The version of the status shape. */
export const STATUS_VERSION = 1;

/** Heartbeat rows older than this are not listed by `readStatus` (default). */
export const INSTANCE_WINDOW_MS = 86_400_000;

/** A mode in force at global scope (no tenant, route or header). */
export interface ModeInForce {
  readonly mode: Mode;
  readonly scope: ModeScope;
  readonly locked: boolean;
  readonly lockedBy: LockScope | null;
  readonly splitPercent: number | null;
}

/** One module: its mode from the config and the stored overrides, and what each live instance has in force. */
export interface ModuleStatus extends ModeInForce {
  /** By instance id, for instances whose heartbeat is fresh and that run the module. */
  readonly instances: Readonly<Record<string, ModeInForce>>;
}

/** One override, active (or, in a history, cleared). */
export interface OverrideStatus {
  readonly id: number | null;
  /** null: every module. */
  readonly module: string | null;
  readonly scope: OverrideScope;
  readonly tenant: string | null;
  readonly route: string | null;
  readonly mode: Mode;
  readonly lock: boolean;
  readonly splitPercent: number | null;
  readonly reason: string;
  readonly who: string;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly origin: OverrideOrigin;
}

/** One orchestrator instance, from its heartbeat row. */
export interface InstanceStatus extends InstanceState {
  readonly id: string;
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  readonly lastSeen: string;
  readonly stoppedAt: string | null;
  /** `live`; `stale` (no heartbeat for three intervals: hung or killed); `stopped` (closed). */
  readonly health: 'live' | 'stale' | 'stopped';
  /** Milliseconds since the last heartbeat. */
  readonly ageMs: number;
  readonly heartbeatMs: number;
}

/** What `llms-wasm status --json` prints. */
export interface StatusReport {
  readonly version: typeof STATUS_VERSION;
  /** ISO 8601. */
  readonly generatedAt: string;
  readonly store: {
    /** The store file; null for a process without one. */
    readonly path: string | null;
    /** `file`: overrides are rows every orchestrator on the file applies; `memory`: this process only, forgotten at exit. */
    readonly persistence: 'file' | 'memory';
    readonly schemaVersion: number | null;
  };
  readonly modules: Readonly<Record<string, ModuleStatus>>;
  /** The overrides in force, broadest scope first. */
  readonly overrides: readonly OverrideStatus[];
  /** Instances seen in the last day, most recent first. */
  readonly instances: readonly InstanceStatus[];
  /** Each module's lifecycle stage, pending approval and rollbacks; null when no lifecycle state is stored (decision 0017). */
  readonly lifecycle: LifecycleStatus | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** A resolution as the status shows it. */
export function modeInForce(r: ModeResolution): ModeInForce {
  return { mode: r.mode, scope: r.scope, locked: r.locked, lockedBy: r.lockedBy ?? null, splitPercent: r.splitPercent ?? null };
}

/** An override as the status shows it. */
export function overrideStatus(o: ModeOverride): OverrideStatus {
  return {
    id: o.id ?? null,
    module: o.module ?? null,
    scope: o.scope,
    tenant: o.tenant ?? null,
    route: o.route ?? null,
    mode: o.mode,
    lock: o.lock,
    splitPercent: o.splitPercent ?? null,
    reason: o.reason,
    who: o.who,
    createdAt: iso(o.at),
    origin: o.origin,
  };
}

/** A heartbeat row as the status shows it, judged at `now`. */
export function instanceStatus(row: InstanceRow, now: number): InstanceStatus {
  const ageMs = Math.max(0, now - row.lastSeen);
  const health = row.stoppedAt !== undefined ? 'stopped' : ageMs > 3 * row.heartbeatMs ? 'stale' : 'live';
  return {
    ...row.state,
    id: row.id,
    pid: row.pid,
    host: row.host,
    startedAt: iso(row.startedAt),
    lastSeen: iso(row.lastSeen),
    stoppedAt: row.stoppedAt === undefined ? null : iso(row.stoppedAt),
    health,
    ageMs,
    heartbeatMs: row.heartbeatMs,
  };
}

/** Per module: `own` (the mode in force) and what every live instance reports. */
export function moduleStatuses(own: Readonly<Record<string, ModeResolution>>, instances: readonly InstanceStatus[]): Record<string, ModuleStatus> {
  const out: Record<string, ModuleStatus> = {};
  for (const [id, resolution] of Object.entries(own)) {
    const reported: Record<string, ModeInForce> = {};
    for (const instance of instances) {
      const theirs = instance.health === 'live' ? instance.modes[id] : undefined;
      if (theirs !== undefined) reported[instance.id] = modeInForce(theirs);
    }
    out[id] = { ...modeInForce(resolution), instances: reported };
  }
  return out;
}

/** Options of `readStatus`. */
export interface ReadStatusOptions {
  /** The gateway's config: its modules and scopes decide each module's mode (default: the modules alone). */
  readonly config?: LoadedConfig;
  /** Modules to show besides the config's, the overrides' and the instances' (the CLI passes the known ones). */
  readonly modules?: readonly string[];
  /** The time stale heartbeats are judged at (default `Date.now()`). */
  readonly now?: number;
  /** Instances not seen for this long are left out (default one day). */
  readonly windowMs?: number;
}

/**
 * Reads the status of a store file without writing to it: the overrides in force (with who, why and
 * when), the instances that reported in the last day with their runtimes' health, and each module's
 * mode from the config (if given) and the stored overrides (the environment of each instance shows in
 * its own `modes`).
 * @throws OrchestratorError `STORE_FAILED` when the file does not exist or cannot be read
 */
export function readStatus(path: string, options: ReadStatusOptions = {}): StatusReport {
  const now = options.now ?? Date.now();
  const control = openControlStore(path, { readonly: true });
  try {
    const { overrides } = control.activeOverrides();
    const instances = control.instances(now - (options.windowMs ?? INSTANCE_WINDOW_MS)).map((row) => instanceStatus(row, now));
    const ids = new Set([...Object.keys(options.config?.modules ?? {}), ...(options.config === undefined ? (options.modules ?? []) : [])]);
    if (options.config === undefined) {
      for (const o of overrides) if (o.module !== undefined) ids.add(o.module);
      for (const i of instances) for (const id of Object.keys(i.modes)) ids.add(id);
    }
    ids.delete(ROLLBACK_ALL);
    const config = options.config ?? loadConfig({ modules: Object.fromEntries([...ids].map((id) => [id, { import: id }])) }, {});
    const resolver = createModeResolver(config, {});
    resolver.replaceSharedOverrides(overrides);
    const own = Object.fromEntries(resolver.modules.map((id) => [id, resolver.resolveMode({ module: id })]));
    const lifecycle = openLifecycleStore(path, { readonly: true });
    let stored;
    try {
      stored = lifecycle.load();
    } finally {
      lifecycle.close();
    }
    return {
      version: STATUS_VERSION,
      generatedAt: iso(now),
      store: { path, persistence: 'file', schemaVersion: control.schemaVersion },
      modules: moduleStatuses(own, instances),
      overrides: overrides.map(overrideStatus),
      instances,
      lifecycle: lifecycleStatus(stored, now),
    };
  } finally {
    control.close();
  }
}
