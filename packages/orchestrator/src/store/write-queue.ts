/** A bounded FIFO with O(1) amortized `push` and `take` (no `Array#shift`). */
export class WriteQueue<T> {
  readonly #capacity: number;
  #items: T[] = [];
  #head = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Items waiting. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  /** Appends `item`; false (and nothing stored) when the queue is full. */
  push(item: T): boolean {
    if (this.size >= this.#capacity) return false;
    this.#items.push(item);
    return true;
  }

  /** Appends `item` even past the capacity (for the few items that must never be dropped). */
  pushAlways(item: T): void {
    this.#items.push(item);
  }

  /** Removes and returns up to `max` items, oldest first. */
  take(max: number): T[] {
    const out = this.#items.slice(this.#head, this.#head + max);
    this.#head += out.length;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return out;
  }
}
