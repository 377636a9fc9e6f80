import { performance } from 'node:perf_hooks';
import type { TSchema } from 'typebox';
import type { CanonicalValue } from './canonical-json.js';
import {
  isStreamContract,
  type Contracts,
  type EventOf,
  type FixPath,
  type Implementation,
  type InputOf,
  type OptionsOf,
  type OutputOf,
  type ResultOf,
  type RuntimeKind,
  type StreamName,
} from './contract.js';
import type { CorpusMapper } from './corpus-call.js';
import type { DiffEntry, DiffOptions } from './diff.js';
import { ModuleKitError, isModuleKitError } from './errors.js';
import { CallTimer } from './internal/call-timer.js';
import { takeFreshJson } from './internal/fresh-json.js';
import { assertMatches, compileSchema, type CompiledSchema } from './internal/validator.js';
import type { ModuleErrors } from './module-errors.js';
import type { RulesetView } from './ruleset/compile-ruleset.js';
import type { RuntimeFacts, RuntimeStats } from './runtime-stats.js';
import { openStream } from './stream/open-stream.js';
import { SessionRegistry, type StreamSession } from './stream/session.js';

/** A loaded runtime: its operations and, optionally, facts about itself (memory, traps, bindings …). */
export interface RuntimeInstance<C extends Contracts> {
  readonly operations: Implementation<C>;
  /**
   * The bytes path of call operations that have one: UTF-8 JSON in as received, UTF-8 JSON out, the
   * input's shape checked by the implementation itself. Operations without one are served by decoding,
   * validating, calling and encoding.
   */
  readonly bytes?: { readonly [operation: string]: (input: Uint8Array) => Uint8Array | Promise<Uint8Array> };
  readonly facts?: () => RuntimeFacts;
}

/** Loads a runtime once. Throwing here is reported as `RUNTIME_INIT_FAILED`. */
export type RuntimeFactory<C extends Contracts> = () => Promise<RuntimeInstance<C>>;

/** The validated, timed face of one runtime: one async function per call operation, `open` per stream operation. */
export type Operations<C extends Contracts> = {
  readonly [K in keyof C & string]: K extends StreamName<C>
    ? { readonly open: (options: OptionsOf<C, K>) => Promise<StreamSession<EventOf<C, K>, ResultOf<C, K>>> }
    : (input: InputOf<C, K>) => Promise<OutputOf<C, K>>;
};

/** Module-specific canonical form of an operation's output (used before any comparison). */
export type Canonicalizer<C extends Contracts> = (operation: keyof C & string, output: unknown) => CanonicalValue;

/** What a module's comparator is told about the comparison it makes. */
export interface CompareContext {
  /** The structural diff options of this pass (the comparator may use `diffValues` with them for parts). */
  readonly options: DiffOptions;
  /** `strict` (only whitelisted fields ignored) or `normalized` (every tolerance and nondeterministic rule). */
  readonly pass: 'strict' | 'normalized';
  /** The ruleset in force, with this module's own section validated (undefined when there is none). */
  readonly ruleset: RulesetView | null;
  /** The module's section of the ruleset, validated against its `rulesetSection` schema. */
  readonly section: unknown;
}

/**
 * A module-specific comparison of two canonical outputs (e.g. SSE compared as canonical events, where
 * chunk boundaries may differ). Returns the differences; none means equal.
 */
export type Comparator = (operation: string, left: CanonicalValue, right: CanonicalValue, context: CompareContext) => DiffEntry[];

/** Everything `defineModule` needs. */
export interface ModuleSpec<C extends Contracts, E extends string = string> {
  /** Stable module id (`tokenizer`, `tools` …). */
  readonly id: string;
  /** The module package's version (`packageInfo(import.meta.url).version`). */
  readonly version: string;
  /** Who is paged for a difference (team or person). */
  readonly owner: string;
  /** Where differences get fixed. */
  readonly fixPath: FixPath;
  readonly operations: C;
  /** The module's own error codes (`defineErrors`); both adapters raise only these and module-kit's. */
  readonly errors: ModuleErrors<E>;
  readonly runtimes: { readonly ts: RuntimeFactory<C>; readonly wasm: RuntimeFactory<C> };
  readonly canonicalize: Canonicalizer<C>;
  /** Replaces the generic structural diff for this module's outputs. */
  readonly compare?: Comparator;
  /** Schema of the module's section of a ruleset (`modules.<id>`), handed to its comparator. */
  readonly rulesetSection?: TSchema;
  /** How a case of `../shared/corpus/<id>.jsonl` is replayed (replay tests and the orchestrator's replay). */
  readonly corpus?: CorpusMapper<C>;
  /** Open stream sessions per runtime before the least recently used one is evicted. Default 256. */
  readonly maxOpenSessions?: number;
}

/** A defined module: its contract, both runtimes, its canonicalizer. */
export interface LlmsModule<C extends Contracts, E extends string = string> {
  readonly id: string;
  readonly version: string;
  readonly owner: string;
  readonly fixPath: FixPath;
  readonly operations: C;
  readonly errors: ModuleErrors<E>;
  readonly canonicalize: Canonicalizer<C>;
  readonly compare?: Comparator;
  readonly corpus?: CorpusMapper<C>;
  /** `runtimes.ts.op(input)` / `runtimes.wasm.op.open(options)`: validated, timed, loaded on first use. */
  readonly runtimes: { readonly ts: Operations<C>; readonly wasm: Operations<C> };
  /**
   * Loads a runtime now (both are normally loaded at start).
   * @throws ModuleKitError `RUNTIME_INIT_FAILED` with the reason; the failure is remembered, calls keep failing loudly.
   */
  init(kind: RuntimeKind): Promise<RuntimeStats>;
  /** Untyped entry for callers that route by name (the orchestrator). @throws ModuleKitError `UNKNOWN_OPERATION`, `INPUT_INVALID` … */
  call(kind: RuntimeKind, operation: string, input: unknown): Promise<unknown>;
  /**
   * The bytes path of a call operation: `input` is UTF-8 JSON as received (e.g. an upstream body), the
   * output comes back as UTF-8 JSON bytes (for a caller that forwards bytes). A runtime with its own
   * bytes path checks the input's shape itself (the WASM side reports the JSON pointer); otherwise the
   * bytes are decoded (invalid UTF-8 and bad JSON are `INPUT_INVALID`) and go through `call`.
   * @throws ModuleKitError `UNKNOWN_OPERATION`, `INPUT_INVALID`, the runtime's own errors
   */
  callBytes(kind: RuntimeKind, operation: string, input: Uint8Array): Promise<Uint8Array>;
  /** Untyped entry for stream operations. @throws ModuleKitError `UNKNOWN_OPERATION`, `INPUT_INVALID` … */
  open(kind: RuntimeKind, operation: string, options: unknown): Promise<StreamSession<unknown, unknown>>;
  /** True for a stream operation. */
  isStream(operation: string): boolean;
  /** Current state, timings, memory and bindings of a runtime. */
  stats(kind: RuntimeKind): RuntimeStats;
  /**
   * This module's section of a ruleset view, checked against `rulesetSection` (undefined when absent).
   * @throws ModuleKitError `RULESET_INVALID` naming `/modules/<id>/…`
   */
  sectionOf(view: RulesetView | null): unknown;
}

interface Slot<C extends Contracts> {
  readonly kind: RuntimeKind;
  loading?: Promise<RuntimeInstance<C>>;
  instance?: RuntimeInstance<C>;
  error?: ModuleKitError;
  initMs?: number;
  readonly timer: CallTimer;
  readonly sessions: SessionRegistry;
}

function now(): number {
  return performance.now();
}

/**
 * Defines a module from its contract and its two runtimes. Inputs are validated against the contract
 * before either runtime sees them, outputs after; a runtime that cannot load fails loudly, never
 * falling back to the other.
 * @throws ModuleKitError `MODULE_INVALID` when the spec's errors belong to another module
 * @example
 * export const tokenizer = defineModule({ id: 'tokenizer', version: packageInfo(import.meta.url).version, owner: 'tokenizer-team',
 *   fixPath: 'wasm core', operations: tokenizerOperations, errors: tokenizerErrors,
 *   runtimes: { ts: createTsRuntime, wasm: createWasmRuntime }, canonicalize })
 */
export function defineModule<C extends Contracts, E extends string>(spec: ModuleSpec<C, E>): LlmsModule<C, E> {
  if (spec.errors.module !== spec.id) throw new ModuleKitError('MODULE_INVALID', `${spec.id}: its errors are declared for module ${spec.errors.module}`, { module: spec.id });
  const schemas = new Map<string, CompiledSchema[]>();
  for (const [name, contract] of Object.entries(spec.operations)) {
    schemas.set(name, isStreamContract(contract) ? [contract.options, contract.event, contract.result].map(compileSchema) : [contract.input, contract.output].map(compileSchema));
  }
  const section = spec.rulesetSection ? compileSchema(spec.rulesetSection) : null;
  const maxOpen = spec.maxOpenSessions ?? 256;
  const slots: Record<RuntimeKind, Slot<C>> = {
    ts: { kind: 'ts', timer: new CallTimer(), sessions: new SessionRegistry(maxOpen) },
    wasm: { kind: 'wasm', timer: new CallTimer(), sessions: new SessionRegistry(maxOpen) },
  };

  const load = (slot: Slot<C>): Promise<RuntimeInstance<C>> => {
    if (slot.instance) return Promise.resolve(slot.instance);
    if (slot.error) return Promise.reject(slot.error);
    slot.loading ??= (async () => {
      const started = now();
      try {
        const instance = await spec.runtimes[slot.kind]();
        slot.instance = instance;
        slot.initMs = now() - started;
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

  const stats = (kind: RuntimeKind): RuntimeStats => {
    const slot = slots[kind];
    const facts = slot.instance?.facts?.() ?? {};
    const operations: Record<string, RuntimeStats['operations'][string]> = {};
    for (const [label, s] of Object.entries(slot.timer.snapshot())) {
      const validateMs = slot.timer.extra(label);
      const split = facts.split?.[label];
      const marshalMs = split?.marshalMs ?? 0;
      operations[label] = { ...s, validateMs, marshalMs, computeMs: split ? split.computeMs : Math.max(0, s.totalMs - validateMs) };
    }
    const state = slot.instance ? 'ready' : slot.error ? 'failed' : 'unloaded';
    return {
      kind,
      state,
      ...(slot.initMs === undefined ? {} : { initMs: slot.initMs }),
      ...(slot.error ? { error: slot.error } : {}),
      operations,
      sessions: { ...slot.sessions.counts },
      ...(facts.memory ? { memory: facts.memory } : {}),
      ...(facts.traps ? { traps: facts.traps } : {}),
      ...(facts.artifact ? { artifact: facts.artifact } : {}),
      ...(facts.bindings ? { bindings: facts.bindings } : {}),
      ...(facts.upstream ? { upstream: facts.upstream } : {}),
    };
  };

  const schemasOf = (kind: RuntimeKind, operation: string, stream: boolean): CompiledSchema[] => {
    const found = schemas.get(operation);
    const contract = spec.operations[operation];
    if (!found || !contract || isStreamContract(contract) !== stream) {
      const names = [...schemas.keys()].filter((n) => isStreamContract(spec.operations[n] as C[string]) === stream);
      throw new ModuleKitError('UNKNOWN_OPERATION', `${spec.id} has no ${stream ? 'stream' : 'call'} operation \`${operation}\` (it has: ${names.join(', ') || 'none'})`, { module: spec.id, runtime: kind, operation });
    }
    return found;
  };

  const call = async (kind: RuntimeKind, operation: string, input: unknown): Promise<unknown> => {
    const [inSchema, outSchema] = schemasOf(kind, operation, false) as [CompiledSchema, CompiledSchema];
    const where = { module: spec.id, operation, runtime: kind };
    assertMatches(inSchema, input, 'INPUT_INVALID', where);
    const slot = slots[kind];
    const instance = await load(slot);
    const fn = instance.operations[operation] as (input: unknown) => unknown;
    const started = now();
    let validateMs = 0;
    try {
      const output = await fn(input);
      const checked = now();
      assertMatches(outSchema, output, 'OUTPUT_INVALID', where, '', takeFreshJson(output));
      const done = now();
      validateMs = done - checked;
      slot.timer.record(operation, done - started, false, validateMs);
      return output;
    } catch (error) {
      slot.timer.record(operation, now() - started, true, validateMs);
      throw error;
    }
  };

  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const callBytes = async (kind: RuntimeKind, operation: string, input: Uint8Array): Promise<Uint8Array> => {
    schemasOf(kind, operation, false);
    const where = { module: spec.id, operation, runtime: kind };
    if (!(input instanceof Uint8Array)) throw new ModuleKitError('INPUT_INVALID', `${spec.id}.${operation}: the bytes path takes a Uint8Array`, { ...where, path: '/' });
    const slot = slots[kind];
    const instance = await load(slot);
    const own = instance.bytes?.[operation];
    if (own) {
      const started = now();
      try {
        const out = await own(input);
        slot.timer.record(`${operation}.bytes`, now() - started, false);
        return out;
      } catch (error) {
        slot.timer.record(`${operation}.bytes`, now() - started, true);
        throw error;
      }
    }
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(input));
    } catch (cause) {
      throw new ModuleKitError('INPUT_INVALID', `${spec.id}.${operation}: the input bytes are not UTF-8 JSON (${(cause as Error).message})`, { ...where, path: '/' }, { cause });
    }
    return new TextEncoder().encode(JSON.stringify(await call(kind, operation, value)));
  };

  const open = async (kind: RuntimeKind, operation: string, options: unknown): Promise<StreamSession<unknown, unknown>> => {
    const [optSchema, eventSchema, resultSchema] = schemasOf(kind, operation, true) as [CompiledSchema, CompiledSchema, CompiledSchema];
    const where = { module: spec.id, operation, runtime: kind };
    assertMatches(optSchema, options, 'INPUT_INVALID', where);
    const slot = slots[kind];
    const instance = await load(slot);
    return openStream({ impl: instance.operations[operation] as never, options, where, event: eventSchema, result: resultSchema, timer: slot.timer, sessions: slot.sessions });
  };

  const operationsOf = (kind: RuntimeKind): Operations<C> => {
    const ops: Record<string, unknown> = {};
    for (const name of schemas.keys()) {
      ops[name] = isStreamContract(spec.operations[name] as C[string]) ? { open: (options: unknown) => open(kind, name, options) } : (input: unknown) => call(kind, name, input);
    }
    return ops as Operations<C>;
  };

  const sectionCache = new WeakMap<object, unknown>();
  const sectionOf = (view: RulesetView | null): unknown => {
    const raw = view?.section;
    if (raw === undefined || section === null) return raw;
    if (typeof raw === 'object' && raw !== null && sectionCache.has(raw)) return sectionCache.get(raw);
    if (!section.check(raw)) {
      const { path, message } = section.firstError(raw);
      throw new ModuleKitError('RULESET_INVALID', `ruleset ${view?.version ?? '?'} /modules/${spec.id}${path}: ${message}`, { module: spec.id, path: `/modules/${spec.id}${path}` });
    }
    if (typeof raw === 'object' && raw !== null) sectionCache.set(raw, raw);
    return raw;
  };

  return {
    id: spec.id,
    version: spec.version,
    owner: spec.owner,
    fixPath: spec.fixPath,
    operations: spec.operations,
    errors: spec.errors,
    canonicalize: spec.canonicalize,
    ...(spec.corpus ? { corpus: spec.corpus } : {}),
    ...(spec.compare ? { compare: spec.compare } : {}),
    runtimes: { ts: operationsOf('ts'), wasm: operationsOf('wasm') },
    init: async (kind) => {
      const slot = slots[kind];
      if (slot.error) delete slot.error; // an explicit init is an explicit retry
      await load(slot);
      return stats(kind);
    },
    call,
    callBytes,
    open,
    isStream: (operation) => {
      const contract = spec.operations[operation];
      return contract !== undefined && isStreamContract(contract);
    },
    stats,
    sectionOf,
  };
}
