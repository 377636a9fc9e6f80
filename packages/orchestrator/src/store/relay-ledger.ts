/**
 * Records relayed to the writer thread (decision 0018), per writer generation: each is announced by its
 * producer (`sent`, when the shadow's settlement reaches the caller's thread) and reported by the writer
 * (`reported`, in its batch reports), in either order. A generation whose thread is gone (`retired`)
 * loses what was announced and not reported; an announcement that arrives after that is lost too,
 * unless the writer had reported it already.
 */
export class RelayLedger {
  /** Per generation: records reported minus records announced (below zero: waiting for the writer). */
  readonly #balance = new Map<number, number>();
  readonly #retired = new Set<number>();
  #waiting = 0;

  /** Records announced and not yet reported, over live generations. */
  get waiting(): number {
    return this.#waiting;
  }

  /** One record announced; returns whether it was lost (its generation is gone and never reported it). */
  sent(generation: number): 'waiting' | 'reported' | 'lost' {
    const balance = this.#balance.get(generation) ?? 0;
    if (balance > 0) {
      this.#set(generation, balance - 1);
      return 'reported';
    }
    if (this.#retired.has(generation)) return 'lost';
    this.#set(generation, balance - 1);
    this.#waiting += 1;
    return 'waiting';
  }

  /** `count` records reported by the writer of `generation`; returns how many of them were waiting. */
  reported(generation: number, count: number): number {
    const balance = this.#balance.get(generation) ?? 0;
    const settled = Math.min(count, Math.max(0, -balance));
    this.#waiting -= settled;
    this.#set(generation, balance + count);
    return settled;
  }

  /** The writer of `generation` is gone; returns how many announced records it never reported (lost). */
  retired(generation: number): number {
    this.#retired.add(generation);
    const balance = this.#balance.get(generation) ?? 0;
    if (balance >= 0) return 0;
    this.#set(generation, 0);
    this.#waiting += balance;
    return -balance;
  }

  #set(generation: number, balance: number): void {
    if (balance === 0) this.#balance.delete(generation);
    else this.#balance.set(generation, balance);
  }
}
