import { backoffMs, type Clock, type TimerHandle } from '../clock.js';
import type { StoreRelay } from '../store/diff-store.js';
import type { FromWorker, ToWorker, WorkerData } from './job.js';
import type { PoolEvent, ShadowFailure } from './pool-types.js';
import { retireWorker, startWorker, type Handle } from './worker-handle.js';

/** A place for one worker: it survives the workers that come and go in it. */
export interface Slot {
  handle: Handle | null;
  /** Consecutive workers of this slot that died before they were ready. */
  startFailures: number;
  respawn: TimerHandle | null;
  everReady: boolean;
  givenUp: boolean;
}

/** How the slots start their workers. */
export interface SlotOptions {
  readonly script: string;
  readonly data: WorkerData;
  readonly memoryMb: number;
  readonly startAttempts: number;
  readonly clock: Clock;
  readonly relay?: StoreRelay | undefined;
}

/** What the slots tell the pool about their workers. */
export interface SlotListener {
  message(slot: Slot, h: Handle, message: FromWorker): void;
  death(slot: Slot, h: Handle, code: ShadowFailure, message: string): void;
}

/**
 * The pool's worker slots and their lifecycle: start, replace at once (a worker that was running),
 * retry with back-off (a worker that died before it was ready), give up after `startAttempts`
 * consecutive start failures of one slot.
 */
export class WorkerSlots {
  readonly all: Slot[] = [];
  readonly #o: SlotOptions;
  readonly #listener: SlotListener;
  readonly #onEvent: (event: PoolEvent) => void;
  #stopped = false;

  constructor(count: number, o: SlotOptions, listener: SlotListener, onEvent: (event: PoolEvent) => void) {
    this.#o = o;
    this.#listener = listener;
    this.#onEvent = onEvent;
    for (let i = 0; i < count; i++) this.all.push({ handle: null, startFailures: 0, respawn: null, everReady: false, givenUp: false });
  }

  /** Starts the first worker of every slot. */
  start(): void {
    for (const slot of this.all) this.spawn(slot);
  }

  /** Slots not given up. */
  get live(): number {
    return this.all.filter((s) => !s.givenUp).length;
  }

  /** Every slot has had a ready worker, or was given up. */
  get settled(): boolean {
    return this.all.every((s) => s.givenUp || s.everReady);
  }

  /** Starts a worker in `slot` (a thread that cannot even be created counts as a start failure). */
  spawn(slot: Slot): void {
    let h: Handle;
    try {
      h = startWorker(this.#o.script, this.#o.data, this.#o.memoryMb);
    } catch (error) {
      this.startFailed(slot, `cannot start a worker: ${(error as Error).message}`);
      return;
    }
    slot.handle = h;
    const relay = this.#o.relay;
    if (relay !== undefined) {
      // Each writer thread's port, as it comes (null while there is none): posted ahead of any job.
      h.unrelay = relay.connect((port, generation) => {
        if (h.retired) port?.close();
        else h.worker.postMessage({ type: 'store-port', port, generation } satisfies ToWorker, port === null ? [] : [port]);
      });
    }
    h.worker.on('message', (message: FromWorker) => this.#listener.message(slot, h, message));
    h.worker.on('error', (error: Error & { code?: string }) => this.#listener.death(slot, h, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'SHADOW_OOM' : 'SHADOW_CRASH', error.message));
    h.worker.on('exit', (code) => this.#listener.death(slot, h, 'SHADOW_CRASH', `worker exited with code ${code}`));
  }

  /** `h` reported ready: the slot's start-up budget is whole again. */
  ready(slot: Slot, h: Handle): void {
    h.ready = true;
    slot.everReady = true;
    slot.startFailures = 0;
  }

  /** Replaces a worker that was running (timed out, crashed, recycled): at once, no back-off. Returns false when stopped. */
  replace(slot: Slot, h: Handle): boolean {
    void retireWorker(h, this.#o.clock);
    if (slot.handle === h) slot.handle = null;
    if (this.#stopped) return false;
    this.spawn(slot);
    return true;
  }

  /**
   * A worker of `slot` died (or failed) before it was ready: retry after a back-off, or give the slot up
   * once `startAttempts` workers in a row failed. Returns what became of the slot.
   */
  startFailed(slot: Slot, message: string, h?: Handle): 'retrying' | 'given_up' {
    if (h) void retireWorker(h, this.#o.clock);
    slot.handle = null;
    slot.startFailures += 1;
    const attempts = this.#o.startAttempts;
    if (slot.startFailures < attempts && !this.#stopped) {
      const delay = backoffMs(slot.startFailures);
      this.#onEvent({ type: 'worker_start_failed', attempt: slot.startFailures, attempts, message, retryInMs: delay });
      slot.respawn = this.#o.clock.setTimeout(() => {
        slot.respawn = null;
        if (!this.#stopped) this.spawn(slot);
      }, delay, true);
      return 'retrying';
    }
    slot.givenUp = true;
    this.#onEvent({ type: 'worker_start_failed', attempt: slot.startFailures, attempts, message, retryInMs: null });
    return 'given_up';
  }

  /** No more workers: pending restarts are cancelled; returns the running workers' handles. */
  stop(): Handle[] {
    this.#stopped = true;
    const handles: Handle[] = [];
    for (const slot of this.all) {
      if (slot.respawn) this.#o.clock.clearTimeout(slot.respawn);
      slot.respawn = null;
      if (slot.handle) handles.push(slot.handle);
    }
    return handles;
  }
}
