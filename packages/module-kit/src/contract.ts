import type { Static, TSchema } from 'typebox';

/** Where a difference gets fixed: in the module's WASM core, or in the adapter around a provider. */
export type FixPath = 'wasm core' | 'compat adapter';

/** The two runtimes every module has. */
export type RuntimeKind = 'ts' | 'wasm';

/** A request/response operation: TypeBox schemas for its input and output. */
export interface CallContract<I extends TSchema = TSchema, O extends TSchema = TSchema> {
  readonly kind?: 'call';
  readonly input: I;
  readonly output: O;
}

/**
 * A stream operation: a session is opened with `options`, fed chunks (bytes or text) one by one and
 * answers each push with the `event`s it completed; `finish` returns the remaining events and the
 * `result` (an aggregate or summary of the whole stream).
 */
export interface StreamContract<P extends TSchema = TSchema, E extends TSchema = TSchema, R extends TSchema = TSchema> {
  readonly kind: 'stream';
  readonly options: P;
  readonly event: E;
  readonly result: R;
}

/** One operation's contract. */
export type OperationContract = CallContract | StreamContract;

/** A module's operations, by name. */
export type Contracts = { readonly [operation: string]: OperationContract };

/** The names of the request/response operations of `C`. */
export type CallName<C extends Contracts> = { [K in keyof C & string]: C[K] extends StreamContract ? never : K }[keyof C & string];

/** The names of the stream operations of `C`. */
export type StreamName<C extends Contracts> = { [K in keyof C & string]: C[K] extends StreamContract ? K : never }[keyof C & string];

/** The static input type of call operation `K`. */
export type InputOf<C extends Contracts, K extends keyof C> = C[K] extends CallContract<infer I, TSchema> ? Static<I> : never;

/** The static output type of call operation `K`. */
export type OutputOf<C extends Contracts, K extends keyof C> = C[K] extends CallContract<TSchema, infer O> ? Static<O> : never;

/** The static options type of stream operation `K`. */
export type OptionsOf<C extends Contracts, K extends keyof C> = C[K] extends StreamContract<infer P, TSchema, TSchema> ? Static<P> : never;

/** The static event type of stream operation `K`. */
export type EventOf<C extends Contracts, K extends keyof C> = C[K] extends StreamContract<TSchema, infer E, TSchema> ? Static<E> : never;

/** The static result type of stream operation `K`. */
export type ResultOf<C extends Contracts, K extends keyof C> = C[K] extends StreamContract<TSchema, TSchema, infer R> ? Static<R> : never;

/** A chunk of a stream: raw bytes as received, or text. */
export type StreamChunk = Uint8Array | string;

/** What `finish` returns: the events the last bytes completed and the stream's result. */
export interface StreamEnd<E, R> {
  readonly events: readonly E[];
  readonly result: R;
}

/** One open session of a runtime's stream operation (what an adapter implements). */
export interface StreamSessionImpl<E, R> {
  push(chunk: StreamChunk): readonly E[] | Promise<readonly E[]>;
  finish(): StreamEnd<E, R> | Promise<StreamEnd<E, R>>;
  /** Releases what the session holds (called after finish, on eviction, and for abandoned sessions). */
  close(): void;
}

/** What a runtime adapter implements for one stream operation. */
export interface StreamImpl<P, E, R> {
  open(options: P): StreamSessionImpl<E, R> | Promise<StreamSessionImpl<E, R>>;
}

/** What a runtime adapter implements: one function per call operation, one `open` per stream operation. */
export type Implementation<C extends Contracts> = {
  readonly [K in keyof C]: C[K] extends StreamContract
    ? StreamImpl<OptionsOf<C, K>, EventOf<C, K>, ResultOf<C, K>>
    : (input: InputOf<C, K>) => OutputOf<C, K> | Promise<OutputOf<C, K>>;
};

/** True for a stream operation's contract. */
export function isStreamContract(contract: OperationContract): contract is StreamContract {
  return contract.kind === 'stream';
}
