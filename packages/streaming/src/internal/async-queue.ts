/** Returned by `AsyncQueue.starved()` once the consumer waits on an empty queue. */
export const STARVED: unique symbol = Symbol('starved');

/**
 * A push-fed async iterable: the producer `put`s items and `end`s it; the consumer (an llms codec,
 * which only takes async iterables) pulls them. `starved()` resolves when the consumer is waiting with
 * nothing left, which is how a session knows the codec has consumed everything pushed so far.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private ended = false;
  private waiter: ((r: IteratorResult<T>) => void) | undefined;
  private onStarve: (() => void) | undefined;

  put(item: T): void {
    if (this.ended) return;
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      w({ value: item, done: false });
    } else this.items.push(item);
  }

  end(): void {
    this.ended = true;
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      w({ value: undefined, done: true });
    }
  }

  /** Resolves with STARVED as soon as the consumer waits on an empty, open queue. */
  starved(): Promise<typeof STARVED> {
    if (this.waiter) return Promise.resolve(STARVED);
    return new Promise((resolve) => {
      this.onStarve = () => resolve(STARVED);
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: (): Promise<IteratorResult<T>> => {
        const item = this.items.shift();
        if (item !== undefined) return Promise.resolve({ value: item, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.waiter = resolve;
          const s = this.onStarve;
          this.onStarve = undefined;
          s?.();
        });
      },
      return: (): Promise<IteratorResult<T>> => {
        this.end();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
