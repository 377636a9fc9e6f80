// A clock that only moves when a test moves it: timeouts and back-offs fire when the test says so, never
// because the machine was slow. `armed` is the event "code under test started waiting for `ms`".
// Shipped as `@llms-wasm/orchestrator/testing` so gateways (and the CLI) test against it too (decision 0011).
import type { Clock, TimerHandle } from '../clock.js';

interface Timer {
  readonly at: number;
  readonly ms: number;
  readonly callback: () => void;
  readonly order: number;
}

/** A {@link Clock} that a test moves by hand. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, firing every timer that falls due (in due order, including ones they arm). */
  advance(ms: number): void;
  /** Resolves once a timer of exactly `ms` is pending (at once if one already is). */
  armed(ms: number): Promise<void>;
  /** The delays of the pending timers, soonest first. */
  pending(): number[];
}

/**
 * A clock at `start` (ms) that moves only on `advance`.
 * @example
 * const clock = manualClock();
 * const o = await openOrchestrator(config, { clock });
 * clock.advance(1000); // the override poll runs now
 */
export function manualClock(start = 1_000_000): ManualClock {
  let now = start;
  let order = 0;
  const timers = new Map<TimerHandle, Timer>();
  const waiters: { ms: number; resolve: () => void }[] = [];
  const wake = (): void => {
    for (let i = waiters.length - 1; i >= 0; i -= 1) {
      const w = waiters[i];
      if (w !== undefined && [...timers.values()].some((t) => t.ms === w.ms)) {
        waiters.splice(i, 1);
        w.resolve();
      }
    }
  };
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const handle = {};
      timers.set(handle, { at: now + Math.max(0, ms), ms, callback, order: order++ });
      wake();
      return handle;
    },
    clearTimeout(handle) {
      timers.delete(handle);
    },
    advance(ms) {
      const target = now + ms;
      for (;;) {
        let next: [TimerHandle, Timer] | undefined;
        for (const entry of timers) if (entry[1].at <= target && (next === undefined || entry[1].at < next[1].at || (entry[1].at === next[1].at && entry[1].order < next[1].order))) next = entry;
        if (next === undefined) break;
        timers.delete(next[0]);
        now = Math.max(now, next[1].at);
        next[1].callback();
      }
      now = target;
    },
    armed(ms) {
      return new Promise((resolve) => {
        waiters.push({ ms, resolve });
        wake();
      });
    },
    pending: () => [...timers.values()].sort((a, b) => a.at - b.at).map((t) => t.at - now),
  };
}
