import type { DiffEntry, DiffKind, RuntimeKind } from '@llms-wasm/module-kit';

/** Why a shadow comparison did not match. */
export type Classification = 'compat_issue' | 'logic_bug' | 'nondeterministic' | 'data_quality';

/** What one shadow comparison found. */
/**
 * What one shadow comparison found: `match`; `both_failed` (both runtimes refused the input with the
 * same module error: agreement on a code, counted apart); `diff`; `shadow_error` (only the shadow
 * failed); `skipped` (no comparison ran).
 */
export type ComparisonStatus = 'match' | 'both_failed' | 'diff' | 'shadow_error' | 'skipped';

/** The minimal, indexable description of a difference. */
export interface DiffSummary {
  /** Differences found (bounded; previews truncated). */
  readonly entries: readonly DiffEntry[];
  /** Distinct paths, for indexing and grouping. */
  readonly paths: readonly string[];
  /** Distinct kinds, for indexing and grouping. */
  readonly kinds: readonly DiffKind[];
  /** True when more differences existed than `entries` holds. */
  readonly truncated: boolean;
}

/** A failure of the shadow side (never of the caller's side). */
export interface ShadowError {
  /** Stable code: the module's code, `WASM_TRAP`, `SHADOW_TIMEOUT`, `SHADOW_OOM`, `SHADOW_CRASH` … */
  readonly code: string;
  readonly message: string;
  /** Hash of the normalized stack, for clustering; the stack itself is never stored. */
  readonly stack_hash?: string;
}

/** Time to first event and inter-event gaps of one runtime on one stream call (decision 0016). */
export interface StreamTiming {
  readonly events: number;
  readonly chunks: number;
  /** Input bytes (text chunks counted as UTF-8). */
  readonly bytes: number;
  /** From the call to the first event, ms; null when there was none. */
  readonly first_event_ms: number | null;
  /** Gaps between consecutive events, ms (median, 99th percentile, largest); null with fewer than two events. */
  readonly gap_p50_ms: number | null;
  readonly gap_p99_ms: number | null;
  readonly gap_max_ms: number | null;
}

/**
 * One shadow comparison, as stored (after redaction). Names follow docs/architecture: every record names
 * the ruleset it was computed under, so it can be recomputed later.
 */
export interface DiffRecord {
  readonly id: string;
  readonly requestId: string;
  readonly tenant: string | null;
  readonly route: string | null;
  readonly module: string;
  readonly operation: string;
  readonly runtime_main: RuntimeKind;
  readonly runtime_shadow: RuntimeKind;
  readonly ruleset_version: string;
  /** The module package's version. */
  readonly module_version: string;
  /** sha256 of the `.wasm` the WASM runtime loaded (`''` when it did not load). */
  readonly wasm_digest: string;
  /** The upstream packages the TS runtime is bound to, `name@version` joined by `,` (e.g. `@jsonstudio/llms@0.6.3689`). */
  readonly llms_version: string;
  readonly status: ComparisonStatus;
  readonly diff_summary: DiffSummary | null;
  readonly classification: Classification | null;
  readonly owner: string;
  readonly fix_location: string;
  readonly latency_main_ms: number;
  readonly latency_shadow_ms: number | null;
  readonly shadow_error: ShadowError | null;
  /** Redacted copies of the input and both outputs, for replay; absent when not captured. */
  readonly payload_refs: { readonly input?: unknown; readonly main?: unknown; readonly shadow?: unknown } | null;
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  /**
   * A stream call's timing per runtime: the primary's measured on the caller's side (the orchestrator's
   * clock), the shadow's in its worker (null when it produced no stream). Absent for request/response calls.
   */
  readonly stream_timing?: { readonly main: StreamTiming; readonly shadow: StreamTiming | null };
}
