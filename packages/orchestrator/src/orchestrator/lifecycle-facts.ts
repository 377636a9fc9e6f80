// What the gates need to know about the runtimes that the store does not hold: versions, whether WASM
// initialized here, and how often it crashed lately (traps, crashed or out-of-memory shadow workers).
import type { RuntimeFacts } from '../gates/evaluation.js';
import type { VersionFacts } from '../gates/decision-record.js';
import type { DiffPathCount } from '../store/window-query.js';
import type { ModuleVersions } from './module-versions.js';

/** Error codes that mean the WASM runtime crashed, not that it disagreed. */
export const CRASH_CODES: ReadonlySet<string> = new Set(['WASM_TRAP', 'SHADOW_CRASH', 'SHADOW_OOM']);

const KEEP = 10_000;

/** WASM crash times per module (the newest {@link KEEP} of each). */
export class CrashTally {
  readonly #times = new Map<string, number[]>();

  /** Counts one crash of `module`'s WASM runtime at `at`. */
  note(module: string, at: number): void {
    const list = this.#times.get(module) ?? [];
    list.push(at);
    if (list.length > KEEP) list.splice(0, list.length - KEEP);
    this.#times.set(module, list);
  }

  /** Crashes of `module` at or after `since`. */
  since(module: string, since: number): number {
    return (this.#times.get(module) ?? []).filter((t) => t >= since).length;
  }
}

/** The facts of one evaluation. */
export function runtimeFacts(input: {
  readonly versions: ModuleVersions;
  readonly rulesetVersion: string;
  readonly wasmInitError: string | null;
  readonly crashes: number;
  readonly topDiffPaths: readonly DiffPathCount[];
}): RuntimeFacts {
  return {
    moduleVersion: input.versions.module_version,
    wasmDigest: input.versions.wasm_digest === '' ? null : input.versions.wasm_digest,
    rulesetVersion: input.rulesetVersion,
    wasmInitFailed: input.wasmInitError !== null,
    wasmInitError: input.wasmInitError,
    wasmCrashes: input.crashes,
    topDiffPaths: input.topDiffPaths,
  };
}

/** The version facts of records that carry no evaluation. */
export function versionFacts(versions: ModuleVersions, rulesetVersion: string): VersionFacts {
  return { moduleVersion: versions.module_version, wasmDigest: versions.wasm_digest === '' ? null : versions.wasm_digest, rulesetVersion };
}
