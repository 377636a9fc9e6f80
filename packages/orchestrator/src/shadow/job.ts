import type { RuntimeKind } from '@llms-wasm/module-kit';
import type { Verdict } from '../diff/classify.js';

/** Where a module is loaded from, in the shadow workers (and the main thread). */
export interface ModuleSource {
  readonly id: string;
  /** A package specifier (`@llms-wasm/tokenizer`) or a file URL / absolute path. */
  readonly import: string;
  /** The export holding the module (default: the id). */
  readonly export?: string;
}

/** The main runtime's outcome, as sent to a shadow worker. */
export type MainOutcome = { readonly ok: true; readonly value: unknown; readonly ms: number } | { readonly ok: false; readonly code: string; readonly message: string; readonly ms: number };

/** One shadow comparison to run off the caller's path. */
export interface ShadowJob {
  readonly jobId: number;
  readonly module: string;
  readonly operation: string;
  readonly shadowRuntime: RuntimeKind;
  /** A copy of the input taken before the main runtime ran. */
  readonly input: unknown;
  readonly main: MainOutcome;
}

/** What a worker sends back for a job. */
export interface ShadowResult {
  readonly jobId: number;
  readonly verdict: Verdict;
  readonly shadowMs: number;
  /** The shadow's output or error, for the record's payload refs. */
  readonly shadow: MainOutcome;
}

/** Messages from the pool to a worker. */
export type ToWorker = { readonly type: 'job'; readonly job: ShadowJob };

/** Messages from a worker to the pool. */
export type FromWorker =
  | { readonly type: 'ready'; readonly runtimes: Readonly<Record<string, Readonly<Record<RuntimeKind, string>>>> }
  | { readonly type: 'result'; readonly result: ShadowResult; readonly memoryMb: number }
  | { readonly type: 'fatal'; readonly message: string };

/** Data every worker starts with. */
export interface WorkerData {
  readonly modules: readonly ModuleSource[];
  readonly rulesetDir: string;
  readonly rulesetVersion?: string;
}
