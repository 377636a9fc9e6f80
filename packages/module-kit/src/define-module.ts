import { performance } from 'node:perf_hooks';
import type { Static, TSchema } from 'typebox';
import type { CanonicalValue } from './canonical-json.js';
import type { CorpusCase } from './corpus.js';
import type { DiffEntry, DiffOptions } from './diff.js';
import { ModuleKitError, isModuleKitError } from './errors.js';
import { CallTimer, type CallStats } from './internal/call-timer.js';
import { assertMatches, compileSchema, type CompiledSchema } from './internal/validator.js';

/** Where a difference gets fixed: in the module's WASM core, or in the adapter around a provider. */
export type FixPath = 'wasm core' | 'compat adapter';

/** The two runtimes every module has. */
export type RuntimeKind = 'ts' | 'wasm';

/** One operation's contract: TypeBox schemas for its input and output. */
export interface OperationContract<I extends TSchema = TSchema, O extends TSchema = TSchema> {
  readonly input: I;
  readonly output: O;
}

/** A module's operations, by name. */
export type Contracts = { readonly [operation: string]: OperationContract };

/** The static input type of operation `K`. */
export type InputOf<C extends Contracts, K extends keyof C> = Static<C[K]['input']>;

/** The static output type of operation `K`. */
export type OutputOf<C extends Contracts, K extends keyof C> = Static<C[K]['output']>;

/** What a runtime adapter implements: one function per operation (sync or async). */
export type Implementation<C extends Contracts> = {
  readonly [K in keyof C]: (input: InputOf<C, K>) => OutputOf<C, K> | Promise<OutputOf<C, K>>;
};

/** A loaded runtime: its operations and, optionally, facts about itself (memory, versions …). */
export interface RuntimeInstance<C extends Contracts> {
  readonly operations: Implementation<C>;
  readonly describe?: () => Readonly<Record<string, unknown>>;
}

/** Loads a runtime once. Throwing here is reported as `RUNTIME_INIT_FAILED`. */
export type RuntimeFactory<C extends Contracts> = () => Promise<RuntimeInstance<C>>;

/** The validated, timed face of one runtime: one async function per operation. */
export type Operations<C extends Contracts> = {
  readonly [K in keyof C]: (input: InputOf<C, K>) => Promise<OutputOf<C, K>>;
};

/** Module-specific canonical form of an operation's output (used before any comparison). */
export type Canonicalizer<C extends Contracts> = (operation: keyof C & string, output: unknown) => CanonicalValue;

/**
 * A module-specific comparison of two canonical outputs (e.g. SSE compared as canonical events, where
 * chunk boundaries may differ). Receives the caller's diff options (a ruleset) and returns the differences.
 */
export type Comparator = (operation: string, left: CanonicalValue, right: CanonicalValue, options: DiffOptions) => DiffEntry[];

/** One call a corpus case turns into (a case may exercise several operations or settings). */
export interface CorpusCall {
  readonly operation: string;
  readonly input: unknown;
  /** Short description for reports, e.g. `text/o200k_base`. */
  readonly label: string;
}

/** Turns one captured corpus case into the calls that replay it (see `@llms-wasm/module-kit/corpus`). */
export type CorpusMapper = (c: CorpusCase) => readonly CorpusCall[];

/** Everything `defineModule` needs. */
export interface ModuleSpec<C extends Contracts> {
  /** Stable module id (`tokenizer`, `tools` …). */
  readonly id: string;
  /** The module package's version. */
  readonly version: string;
  /** Who is paged for a difference (team or person). */
  readonly owner: string;
  /** Where differences get fixed. */
  readonly fixPath: FixPath;
  readonly operations: C;
  readonly runtimes: { readonly ts: RuntimeFactory<C>; readonly wasm: RuntimeFactory<C> };
  readonly canonicalize: Canonicalizer<C>;
  /** Replaces the generic structural diff for this module's outputs. */
  readonly compare?: Comparator;
  /** How a case of `../shared/corpus/<id>.jsonl` is replayed (used by replay tests and the orchestrator's replay). */
  readonly corpus?: CorpusMapper;
}

/** The state of one runtime, for health checks, metrics and logs. */
export interface RuntimeStatus {
  readonly kind: RuntimeKind;
  readonly state: 'unloaded' | 'ready' | 'failed';
  readonly initMs?: number;
  readonly error?: ModuleKitError;
  readonly calls: Readonly<Record<string, CallStats>>;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A defined module: its contract, both runtimes, its canonicalizer. */
export interface LlmsModule<C extends Contracts> {
  readonly id: string;
  readonly version: string;
  readonly owner: string;
  readonly fixPath: FixPath;
  readonly operations: C;
  readonly canonicalize: Canonicalizer<C>;
  /** The module's own comparator, when it has one. */
  readonly compare?: Comparator;
  /** Corpus case -> calls, when the module defines it. */
  readonly corpus?: CorpusMapper;
  /** `runtimes.ts.op(input)` / `runtimes.wasm.op(input)`: validated, timed, loaded on first use. */
  readonly runtimes: { readonly ts: Operations<C>; readonly wasm: Operations<C> };
  /**
   * Loads a runtime now (both are normally loaded at start).
   * @throws ModuleKitError `RUNTIME_INIT_FAILED` with the reason; the failure is remembered, calls keep failing loudly.
   */
  init(kind: RuntimeKind): Promise<RuntimeStatus>;
  /** Untyped entry for callers that route by name (the orchestrator). @throws ModuleKitError `UNKNOWN_OPERATION`, `INPUT_INVALID` … */
  call(kind: RuntimeKind, operation: string, input: unknown): Promise<unknown>;
  /** Current state of a runtime. */
  status(kind: RuntimeKind): RuntimeStatus;
}

interface Slot<C extends Contracts> {
  readonly kind: RuntimeKind;
  loading?: Promise<RuntimeInstance<C>>;
  instance?: RuntimeInstance<C>;
  error?: ModuleKitError;
  initMs?: number;
  readonly timer: CallTimer;
}

/**
 * Defines a module from its contract and its two runtimes. Inputs are validated against the contract
 * before either runtime sees them, outputs after; a runtime that cannot load fails loudly, never
 * falling back to the other.
 * @example
 * export const tokenizer = defineModule({ id: 'tokenizer', version, owner: 'tokenizer-team', fixPath: 'wasm core',
 *   operations: { countTokens: { input: CountTokensInput, output: CountTokensOutput } },
 *   runtimes: { ts: createTsRuntime, wasm: createWasmRuntime }, canonicalize })
 */
export function defineModule<C extends Contracts>(spec: ModuleSpec<C>): LlmsModule<C> {
  const compiled = new Map<string, { input: CompiledSchema; output: CompiledSchema }>();
  for (const [name, contract] of Object.entries(spec.operations)) {
    compiled.set(name, { input: compileSchema(contract.input), output: compileSchema(contract.output) });
  }
  const slots: Record<RuntimeKind, Slot<C>> = {
    ts: { kind: 'ts', timer: new CallTimer() },
    wasm: { kind: 'wasm', timer: new CallTimer() },
  };

  const load = (slot: Slot<C>): Promise<RuntimeInstance<C>> => {
    if (slot.instance) return Promise.resolve(slot.instance);
    if (slot.error) return Promise.reject(slot.error);
    slot.loading ??= (async () => {
      const started = performance.now();
      try {
        const instance = await spec.runtimes[slot.kind]();
        slot.instance = instance;
        slot.initMs = performance.now() - started;
        return instance;
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        slot.error = isModuleKitError(cause) && cause.code === 'RUNTIME_INIT_FAILED'
          ? cause
          : new ModuleKitError('RUNTIME_INIT_FAILED', `${spec.id}: the ${slot.kind} runtime failed to initialize: ${reason}`, { module: spec.id, runtime: slot.kind }, { cause });
        throw slot.error;
      } finally {
        delete slot.loading;
      }
    })();
    return slot.loading;
  };

  const status = (kind: RuntimeKind): RuntimeStatus => {
    const slot = slots[kind];
    const base = { kind, calls: slot.timer.snapshot() };
    if (slot.instance) {
      const details = slot.instance.describe?.();
      return { ...base, state: 'ready', ...(slot.initMs === undefined ? {} : { initMs: slot.initMs }), ...(details ? { details } : {}) };
    }
    if (slot.error) return { ...base, state: 'failed', error: slot.error };
    return { ...base, state: 'unloaded' };
  };

  const call = async (kind: RuntimeKind, operation: string, input: unknown): Promise<unknown> => {
    const schemas = compiled.get(operation);
    if (!schemas) {
      throw new ModuleKitError('UNKNOWN_OPERATION', `${spec.id} has no operation \`${operation}\` (it has: ${[...compiled.keys()].join(', ')})`, { module: spec.id, runtime: kind, operation });
    }
    const where = { module: spec.id, operation, runtime: kind };
    assertMatches(schemas.input, input, 'INPUT_INVALID', where);
    const slot = slots[kind];
    const instance = await load(slot);
    const fn = instance.operations[operation] as (input: unknown) => unknown;
    const started = performance.now();
    try {
      const output = await fn(input);
      assertMatches(schemas.output, output, 'OUTPUT_INVALID', where);
      slot.timer.record(operation, performance.now() - started, false);
      return output;
    } catch (error) {
      slot.timer.record(operation, performance.now() - started, true);
      throw error;
    }
  };

  const operationsOf = (kind: RuntimeKind): Operations<C> => {
    const ops: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const name of compiled.keys()) ops[name] = (input) => call(kind, name, input);
    return ops as Operations<C>;
  };

  return {
    id: spec.id,
    version: spec.version,
    owner: spec.owner,
    fixPath: spec.fixPath,
    operations: spec.operations,
    canonicalize: spec.canonicalize,
    ...(spec.corpus ? { corpus: spec.corpus } : {}),
    ...(spec.compare ? { compare: spec.compare } : {}),
    runtimes: { ts: operationsOf('ts'), wasm: operationsOf('wasm') },
    init: async (kind) => {
      const slot = slots[kind];
      if (slot.error) delete slot.error; // an explicit init is an explicit retry
      await load(slot);
      return status(kind);
    },
    call,
    status,
  };
}
