/**
 * The versions a replay run compared, stored once per run (`replay_runs`), so every figure of the run
 * can be traced to the code and the rules that produced it. Each field is `name@version` pairs joined by
 * `,` over the modules replayed (or a single version where there is one for all).
 */
export interface VersionSnapshot {
  /** The TS runtimes' upstream packages (`@jsonstudio/llms@0.6.3689`). */
  readonly ts_version: string;
  /** The modules' packages and their `.wasm` digests (`tokenizer@0.2.0#sha256:…`). */
  readonly wasm_version: string;
  readonly ruleset_version: string;
  /** The compat module's provider profile version (`''` when compat was not replayed). */
  readonly compat_profile_version: string;
  /** The streaming module's SSE event protocol version (`''` when streaming was not replayed). */
  readonly sse_protocol_version: string;
}

/** One replay run. */
export interface ReplayRun {
  readonly id: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** The corpus folder replayed. */
  readonly corpus: string;
  readonly versions: VersionSnapshot;
  readonly modules: readonly string[];
  /** The run's report (per module: cases, matches, diffs …), as the replay printed it. */
  readonly report: unknown;
}
