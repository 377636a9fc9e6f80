/** A pending timer of a {@link Clock} (opaque: only the clock that made it can clear it). */
export type TimerHandle = object;

/**
 * Time as the orchestrator's timeouts, back-offs and deadlines see it. Injected (orchestrator, shadow
 * pool and store options) so tests and simulations decide when a timeout fires instead of waiting for
 * the machine; {@link systemClock} is the default.
 */
export interface Clock {
  /** Milliseconds since the epoch (the system clock) or any monotonic origin (a test clock). */
  now(): number;
  /**
   * Calls `callback` once, `ms` from now. With `unref`, the timer does not keep the process alive.
   * @returns a handle for `clearTimeout`
   */
  setTimeout(callback: () => void, ms: number, unref?: boolean): TimerHandle;
  /** Cancels a timer that has not fired (a fired or unknown handle is ignored). */
  clearTimeout(handle: TimerHandle): void;
}

/** The real clock: `Date.now()` and Node's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms, unref = false) {
    const timer = setTimeout(callback, ms);
    if (unref) timer.unref();
    return timer;
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

/** Resolves after `ms` on `clock` (an unref'd timer: waiting never keeps the process alive). */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms, true));
}

/** Consecutive-failure back-off shared by the store writer and the shadow pool: 50 ms, 100 ms … capped at 5 s. */
export function backoffMs(consecutiveFailures: number): number {
  return Math.min(5000, 50 * 2 ** Math.max(0, consecutiveFailures - 1));
}
