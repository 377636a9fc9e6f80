import type { Clock } from '../clock.js';

/**
 * Retries of crashed or timed-out shadow jobs: at most `perMinute` across the pool per clock minute, and
 * each job at most once. The default budget of 0 never retries.
 */
export class RetryBudget {
  readonly #perMinute: number;
  readonly #clock: Clock;
  readonly #retried = new Set<number>();
  #minute = 0;
  #used = 0;

  constructor(perMinute: number, clock: Clock) {
    this.#perMinute = perMinute;
    this.#clock = clock;
  }

  /** True (and counted) when job `jobId` may run again now. */
  take(jobId: number): boolean {
    const minute = Math.floor(this.#clock.now() / 60_000);
    if (this.#minute !== minute) {
      this.#minute = minute;
      this.#used = 0;
    }
    if (this.#retried.has(jobId) || this.#used >= this.#perMinute) return false;
    this.#used += 1;
    this.#retried.add(jobId);
    return true;
  }

  /** The job is settled: forget it. */
  forget(jobId: number): void {
    this.#retried.delete(jobId);
  }
}
