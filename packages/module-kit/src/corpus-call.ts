import type { CallName, Contracts, InputOf } from './contract.js';
import type { CorpusCase } from './corpus.js';

/** One call a corpus case turns into, typed by the contract: the operation and exactly its input. */
export type CorpusCall<C extends Contracts> = {
  readonly [K in CallName<C>]: {
    readonly operation: K;
    readonly input: InputOf<C, K>;
    /** Short description for reports, e.g. `text/o200k_base`. */
    readonly label: string;
    /**
     * The case is malformed on purpose (its tags say so): the primary may refuse it. Replays fail on a
     * primary failure of any call not marked so.
     */
    readonly malformed?: boolean;
  };
}[CallName<C>];

/** Turns one captured corpus case into the calls that replay it (see `@llms-wasm/module-kit/corpus`). */
export type CorpusMapper<C extends Contracts> = (c: CorpusCase) => readonly CorpusCall<C>[];
