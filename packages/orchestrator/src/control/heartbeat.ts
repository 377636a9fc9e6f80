// One heartbeat row per running orchestrator, rewritten every `intervalMs` on the injected clock, marked
// stopped on close. `llms-wasm status` reads them to list instances and their runtimes' health.
import type { Clock, TimerHandle } from '../clock.js';
import type { ControlStore, InstanceRow } from './control-store.js';
import type { FailureStreaks } from './failure-streaks.js';
import type { InstanceState } from './instance-state.js';

/** Heartbeat rows not seen for this long are deleted when an instance starts (instance ids are per process). */
export const INSTANCE_PRUNE_MS = 7 * 86_400_000;

/** What identifies this instance in its row. */
export interface InstanceIdentity {
  readonly id: string;
  readonly pid: number;
  readonly host: string;
  readonly startedAt: number;
}

/** Writes this instance's heartbeat row. */
export class Heartbeat {
  #timer: TimerHandle | null = null;

  constructor(
    private readonly control: ControlStore,
    private readonly identity: InstanceIdentity,
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly state: () => InstanceState,
    private readonly streaks: FailureStreaks,
  ) {}

  /** Writes a row now (pruning rows long unseen), then every `intervalMs`. */
  start(): void {
    if (this.#timer !== null) return;
    try {
      this.control.pruneInstances(Date.now() - INSTANCE_PRUNE_MS);
    } catch {
      // pruning is housekeeping; the beat below reports a broken store
    }
    this.beat();
    const tick = (): void => {
      this.beat();
      this.#timer = this.clock.setTimeout(tick, this.intervalMs, true);
    };
    this.#timer = this.clock.setTimeout(tick, this.intervalMs, true);
  }

  /** Writes the row once; a failure is counted and reported once per streak, never thrown. */
  beat(): void {
    const row: Omit<InstanceRow, 'stoppedAt'> = { ...this.identity, lastSeen: Date.now(), heartbeatMs: this.intervalMs, state: this.state() };
    try {
      this.control.writeHeartbeat(row);
      this.streaks.ok('heartbeat');
    } catch (error) {
      this.streaks.failed('heartbeat', error);
    }
  }

  /** Stops beating and marks the row stopped (best effort). */
  stop(): void {
    if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
    this.#timer = null;
    try {
      this.beat();
      this.control.markStopped(this.identity.id, Date.now());
    } catch (error) {
      this.streaks.failed('heartbeat', error);
    }
  }
}
