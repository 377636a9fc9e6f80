import type { Contracts, StreamImpl } from '../contract.js';
import type { RuntimeFactory, RuntimeInstance } from '../define-module.js';
import type { ModuleErrors } from '../module-errors.js';
import type { RuntimeFacts } from '../runtime-stats.js';
import { artifactDir, loadArtifact } from './artifact.js';
import { wasmFailure } from './failure.js';
import { WasmHost, type WasmCallResult } from './host.js';
import { wasmStream } from './stream-binding.js';

/** What a custom binding may use: the host, and the default JSON call with failure mapping. */
export interface WasmBindingContext {
  readonly host: WasmHost;
  /** The directory the binary was loaded from (where a module keeps its other artifacts). */
  readonly dir: string;
  /** Calls export `op` with `input` as JSON; throws the typed error of a failed call. */
  json(op: string, input: unknown): unknown;
  /** The typed error for a failed call of operation `op`. */
  fail(op: string, result: Extract<WasmCallResult, { ok: false }>): Error;
}

/**
 * How one operation reaches the WASM side: `'json'` (the export of the same name, JSON in and out,
 * plus the bytes path), `'stream'` (exports `<op>_open`, `_push`, `_finish`, `_close`), or a function
 * for a fast path (e.g. text in, a number out).
 */
export type WasmBinding = 'json' | 'stream' | ((ctx: WasmBindingContext, input: never) => unknown);

/** Everything `wasmRuntime` needs. */
export interface WasmRuntimeSpec<C extends Contracts> {
  /** The module id (every message names it). */
  readonly module: string;
  readonly errors: ModuleErrors;
  /** The binary's file name, e.g. `tools.wasm`. */
  readonly artifact: string;
  /** The adapter's `import.meta.url`: the binary is looked for next to it, then in `../dist`. */
  readonly from: string;
  /** A directory to load the binary from instead. */
  readonly dir?: string;
  readonly operations: { readonly [K in keyof C]: WasmBinding };
  /** Setup on every new instance (a trap replaces the instance), e.g. copying tables in. */
  readonly onInstance?: (host: WasmHost) => void;
  /** Work after the first load, before the runtime is ready (e.g. a warm-up call). Throwing fails the init. */
  readonly prepare?: (ctx: WasmBindingContext) => void;
  /** More facts for `stats()` (merged over the host's). */
  readonly facts?: (host: WasmHost) => RuntimeFacts;
  /** Inputs above this many UTF-8 bytes are refused before they reach the module. */
  readonly maxInputBytes?: number;
}

/**
 * Turns a module's WASM exports into its runtime: finds and checks the artifact (its sha256 against
 * the build's), instantiates it, binds each operation, maps failures to typed errors, and reports
 * memory, traps, the artifact's digest and the time split between marshalling and compute.
 * @throws (from the factory) ModuleKitError `RUNTIME_INIT_FAILED` saying why
 * @example
 * export const createWasmRuntime = wasmRuntime<ToolsContracts>({
 *   module: 'tools', errors: toolsErrors, artifact: 'tools.wasm', from: import.meta.url,
 *   operations: { repairArguments: 'json', canonicalize: 'json' },
 * });
 */
export function wasmRuntime<C extends Contracts>(spec: WasmRuntimeSpec<C>): RuntimeFactory<C> {
  return async (): Promise<RuntimeInstance<C>> => {
    const dir = artifactDir(spec.module, spec.artifact, spec.from, spec.dir);
    const artifact = loadArtifact(spec.module, dir, spec.artifact);
    const host = await WasmHost.load({
      name: spec.module,
      wasm: artifact.binary,
      ...(spec.onInstance ? { onInstance: spec.onInstance } : {}),
      ...(spec.maxInputBytes === undefined ? {} : { maxInputBytes: spec.maxInputBytes }),
    });
    const fail = (op: string, result: Extract<WasmCallResult, { ok: false }>): Error => wasmFailure(result, { module: spec.module, operation: op, errors: spec.errors, input: 'object' });
    const ctx: WasmBindingContext = {
      host,
      dir,
      json: (op, input) => {
        const result = host.callJson(op, input);
        if (!result.ok) throw fail(op, result);
        return result.value;
      },
      fail,
    };
    const operations: Record<string, unknown> = {};
    const bytes: Record<string, (input: Uint8Array) => Uint8Array> = {};
    const bindings: Record<string, string> = {};
    for (const [op, binding] of Object.entries(spec.operations) as [string, WasmBinding][]) {
      if (binding === 'json') {
        operations[op] = (input: unknown) => {
          // Returned as parsed, straight to the kit's output check: it may skip the non-JSON scan.
          const result = host.callJsonFresh(op, input);
          if (!result.ok) throw fail(op, result);
          return result.value;
        };
        bytes[op] = (input) => {
          const result = host.callBytes(op, input);
          if (!result.ok) throw wasmFailure(result, { module: spec.module, operation: op, errors: spec.errors, input: 'bytes' });
          return result.bytes;
        };
        bindings[op] = `${spec.artifact} export ${op} (JSON)`;
      } else if (binding === 'stream') {
        operations[op] = wasmStream(host, spec.module, op, spec.errors) satisfies StreamImpl<unknown, unknown, unknown>;
        bindings[op] = `${spec.artifact} exports ${op}_open/_push/_finish/_close`;
      } else {
        operations[op] = (input: unknown) => binding(ctx, input as never);
        bindings[op] = `${spec.artifact} fast path (${op})`;
      }
    }
    spec.prepare?.(ctx);
    const facts = (): RuntimeFacts => {
      const s = host.stats();
      const split: Record<string, { marshalMs: number; computeMs: number }> = {};
      for (const [label, c] of Object.entries(s.calls)) split[label] = { marshalMs: c.marshalMs, computeMs: Math.max(0, c.totalMs - c.marshalMs) };
      const extra = spec.facts?.(host) ?? {};
      return {
        memory: { pages: s.memoryPages, highWaterPages: s.highWaterPages, maxPages: s.maxPages },
        traps: s.trapsByKind,
        artifact: { file: artifact.file, bytes: artifact.bytes, sha256: artifact.sha256 },
        bindings,
        split,
        ...extra,
      };
    };
    return { operations: operations as RuntimeInstance<C>['operations'], bytes, facts };
  };
}
