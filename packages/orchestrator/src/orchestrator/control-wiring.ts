// The orchestrator's control plane: overrides kept equal to the store's (decision 0013), its heartbeat
// row, and what `status()` reports about this instance.
import { hostname } from 'node:os';
import type { RuntimeKind } from '@llms-wasm/module-kit';
import type { Clock } from '../clock.js';
import type { ControlStore } from '../control/control-store.js';
import { FailureStreaks } from '../control/failure-streaks.js';
import { Heartbeat, type InstanceIdentity } from '../control/heartbeat.js';
import type { InstanceState, RuntimeHealth } from '../control/instance-state.js';
import { OverrideSync } from '../control/override-sync.js';
import { type StatusReport, STATUS_VERSION, instanceStatus, moduleStatuses, overrideStatus } from '../control/status.js';
import type { ModeResolver } from '../modes/mode-resolver.js';
import type { ShadowPool } from '../shadow/pool.js';
import type { ErrorSink, Logger } from './error-sink.js';
import type { Cleaners } from './recorder.js';
import type { StartReport } from './start.js';

/** The control plane of one orchestrator. */
export interface ControlPlane {
  readonly identity: InstanceIdentity;
  readonly overrides: OverrideSync;
  /** Tells the heartbeat the runtimes have started (and beats at once). */
  started(report: StartReport): void;
  status(): StatusReport;
  /** Stops polling and beating, marks the row stopped and closes the control store. */
  close(): void;
}

function health(main: string | undefined, shadow: string | undefined, clean: Cleaners): RuntimeHealth {
  if (main === undefined) return { state: 'starting' };
  if (main.startsWith('failed: ')) return { state: 'failed', reason: main.slice(8) };
  if (shadow?.startsWith('failed: ') === true) return { state: 'degraded', reason: `in the shadow workers: ${clean.text(shadow.slice(8))}` };
  return { state: 'ready' };
}

/** Wires overrides, heartbeat and status for one orchestrator. */
export function wireControl(deps: {
  readonly control: ControlStore | null;
  readonly resolver: ModeResolver;
  readonly pool: ShadowPool;
  readonly clock: Clock;
  readonly pollMs: number;
  readonly heartbeatMs: number;
  readonly instanceId: string;
  readonly configuredWorkers: number;
  readonly rulesetVersion: string;
  readonly sink: ErrorSink;
  readonly clean: Cleaners;
  readonly logger: Logger;
}): ControlPlane {
  const { control, resolver, pool, clean } = deps;
  const identity: InstanceIdentity = { id: deps.instanceId, pid: process.pid, host: hostname(), startedAt: Date.now() };
  const report = (f: { operation: 'write' | 'read' | 'heartbeat'; pending: number; code: string | null; message: string }): void => deps.sink({ type: 'control_store_failed', ...f });
  const overrides = new OverrideSync({ control, resolver, clock: deps.clock, pollMs: deps.pollMs, who: `instance:${identity.id}`, clean: clean.text, report, logger: deps.logger });
  let startReport: StartReport | null = null;
  const state = (): InstanceState => {
    const runtimes: Record<string, Record<RuntimeKind, RuntimeHealth>> = {};
    for (const id of resolver.modules) {
      const main = startReport?.modules[id];
      const shadow = pool.runtimes.get(id);
      runtimes[id] = { ts: health(main?.ts, shadow?.ts, clean), wasm: health(main?.wasm, shadow?.wasm, clean) };
    }
    return {
      runtimes,
      modes: Object.fromEntries(resolver.modules.map((id) => [id, resolver.resolveMode({ module: id })])),
      rollback: resolver.rollback,
      shadowPool: {
        state: pool.state,
        workers: pool.stats.workers,
        configuredWorkers: deps.configuredWorkers,
        queued: pool.stats.queued,
        running: pool.stats.running,
        dropped: pool.stats.dropped,
        failure: pool.failure === null ? null : clean.text(pool.failure),
      },
      overrides: overrides.state(),
      rulesetVersion: deps.rulesetVersion,
    };
  };
  const heartbeat = control === null ? null : new Heartbeat(control, identity, deps.heartbeatMs, deps.clock, state, new FailureStreaks(report, deps.logger, () => 0));
  overrides.start();
  heartbeat?.start();
  let closed = false;
  return {
    identity,
    overrides,
    started(r) {
      startReport = r;
      heartbeat?.beat();
    },
    status() {
      const now = Date.now();
      const self = instanceStatus({ ...identity, lastSeen: now, heartbeatMs: deps.heartbeatMs, state: state(), ...(closed ? { stoppedAt: now } : {}) }, now);
      let others: ReturnType<typeof instanceStatus>[] = [];
      try {
        others = (control?.instances(now - 86_400_000) ?? []).filter((row) => row.id !== identity.id).map((row) => instanceStatus(row, now));
      } catch {
        // the store cannot be read now: this instance alone (its sync reports the failure)
      }
      const instances = [self, ...others];
      return {
        version: STATUS_VERSION,
        generatedAt: new Date(now).toISOString(),
        store: { path: control?.path ?? null, persistence: control === null ? 'memory' : 'file', schemaVersion: control?.schemaVersion ?? null },
        modules: moduleStatuses(self.modes, instances),
        overrides: resolver.overrides().map(overrideStatus),
        instances,
        lifecycle: null,
      };
    },
    close() {
      if (closed) return;
      closed = true;
      overrides.stop();
      heartbeat?.stop();
      control?.close();
    },
  };
}
