import type { RuntimeKind } from './contract.js';
import type { ModuleKitError } from './errors.js';

/** Per operation: how many calls, how many failed, and where the time went (milliseconds). */
export interface OperationStats {
  readonly count: number;
  readonly errors: number;
  readonly totalMs: number;
  readonly maxMs: number;
  /** Contract validation of input and output (module-kit, both runtimes). */
  readonly validateMs: number;
  /** Moving data across the boundary: JSON and UTF-8 in and out of linear memory (WASM only). */
  readonly marshalMs: number;
  /** The implementation itself (inside the export for WASM, the llms call for TS). */
  readonly computeMs: number;
}

/** Why a WASM instance was replaced. */
export type TrapKind = 'unreachable' | 'out_of_bounds' | 'stack_overflow' | 'out_of_memory' | 'abort' | 'other';

/** Linear memory of a WASM runtime, in 64 KiB pages. */
export interface MemoryStats {
  readonly pages: number;
  /** The most pages any instance of this runtime has held. */
  readonly highWaterPages: number;
  /** The cap the binary was built with (`--maximumMemory`), or null when uncapped. */
  readonly maxPages: number | null;
}

/** The `.wasm` a runtime loaded. */
export interface ArtifactStats {
  readonly file: string;
  readonly bytes: number;
  /** sha256 of the bytes loaded (hex), checked against the `.sha256` written beside it at build. */
  readonly sha256: string;
}

/** Stream sessions of one runtime. */
export interface SessionStats {
  readonly open: number;
  readonly opened: number;
  readonly finished: number;
  /** Sessions closed without `finish` (by the caller, by eviction, or after being abandoned). */
  readonly released: number;
  /** Of those, sessions evicted because too many were open. */
  readonly evicted: number;
}

/** What a runtime adapter reports about itself (all optional: a TS runtime has no memory pages). */
export interface RuntimeFacts {
  readonly memory?: MemoryStats;
  readonly traps?: Readonly<Partial<Record<TrapKind, number>>>;
  readonly artifact?: ArtifactStats;
  /** Per operation: the llms package, version and function it is bound to (TS), or the export (WASM). */
  readonly bindings?: Readonly<Record<string, string>>;
  /** The upstream packages the runtime is bound to and their installed versions (`{ "@jsonstudio/llms": "0.6.3689" }`). */
  readonly upstream?: Readonly<Record<string, string>>;
  /** Per operation: time spent marshalling and computing inside the adapter. */
  readonly split?: Readonly<Record<string, { readonly marshalMs: number; readonly computeMs: number }>>;
}

/** The state of one runtime, for health checks, metrics and logs. */
export interface RuntimeStats {
  readonly kind: RuntimeKind;
  readonly state: 'unloaded' | 'ready' | 'failed';
  readonly initMs?: number;
  readonly error?: ModuleKitError;
  readonly operations: Readonly<Record<string, OperationStats>>;
  readonly sessions: SessionStats;
  readonly memory?: MemoryStats;
  readonly traps?: Readonly<Partial<Record<TrapKind, number>>>;
  readonly artifact?: ArtifactStats;
  readonly bindings?: Readonly<Record<string, string>>;
  readonly upstream?: Readonly<Record<string, string>>;
}
