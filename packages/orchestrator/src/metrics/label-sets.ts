// Per-metric series storage with the label-cardinality guard.

/** The value every label takes in the series that collects label sets past the cap. */
export const OVERFLOW_LABEL_VALUE = 'other';

/** One series: its label values (in label-name order) and its state. */
export interface Series<S> {
  readonly values: readonly string[];
  readonly state: S;
}

/**
 * Series of one metric, keyed by label values. Past `maxSets` distinct label sets, new sets go to the
 * series whose every label is `other`; each such update is counted in `overflowed`.
 */
export class LabelSets<S> {
  readonly #names: readonly string[];
  readonly #maxSets: number;
  readonly #create: () => S;
  readonly #series = new Map<string, Series<S>>();
  readonly #overflowKey: string;
  readonly #overflowValues: readonly string[];
  #overflowed = 0;

  constructor(names: readonly string[], maxSets: number, create: () => S) {
    this.#names = names;
    this.#maxSets = maxSets;
    this.#create = create;
    this.#overflowValues = names.map(() => OVERFLOW_LABEL_VALUE);
    this.#overflowKey = this.#keyOf(Object.fromEntries(names.map((name) => [name, OVERFLOW_LABEL_VALUE])));
  }

  /** Updates folded into the `other` series so far. */
  get overflowed(): number {
    return this.#overflowed;
  }

  /** The series for `labels` (created on first use; `other` past the cap). Missing labels read as `''`. */
  series(labels: Readonly<Record<string, string>>): S {
    const key = this.#keyOf(labels);
    const found = this.#series.get(key);
    if (found !== undefined) return found.state;
    if (this.#series.size >= this.#maxSets) {
      this.#overflowed += 1;
      return this.#get(this.#overflowKey, this.#overflowValues);
    }
    return this.#get(key, this.#names.map((name) => labels[name] ?? ''));
  }

  /** The series for `labels` if it exists (no creation, no overflow counting). */
  peek(labels: Readonly<Record<string, string>>): S | undefined {
    return this.#series.get(this.#keyOf(labels))?.state;
  }

  /** Every series, in creation order. */
  all(): IterableIterator<Series<S>> {
    return this.#series.values();
  }

  /** Length-prefixed values: no two label sets share a key, whatever their characters. */
  #keyOf(labels: Readonly<Record<string, string>>): string {
    let key = '';
    for (const name of this.#names) {
      const value = labels[name] ?? '';
      key += `${value.length}:${value}`;
    }
    return key;
  }

  #get(key: string, values: readonly string[]): S {
    const found = this.#series.get(key);
    if (found !== undefined) return found.state;
    const created: Series<S> = { values, state: this.#create() };
    this.#series.set(key, created);
    return created.state;
  }
}
