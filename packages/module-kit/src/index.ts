// Contract
export {
  isStreamContract,
  type CallContract,
  type CallName,
  type Contracts,
  type EventOf,
  type FixPath,
  type Implementation,
  type InputOf,
  type OperationContract,
  type OptionsOf,
  type OutputOf,
  type ResultOf,
  type RuntimeKind,
  type StreamChunk,
  type StreamContract,
  type StreamEnd,
  type StreamImpl,
  type StreamName,
  type StreamSessionImpl,
} from './contract.js';
export {
  defineModule,
  type Canonicalizer,
  type Comparator,
  type CompareContext,
  type LlmsModule,
  type ModuleSpec,
  type Operations,
  type RuntimeFactory,
  type RuntimeInstance,
} from './define-module.js';
export type { CorpusCall, CorpusMapper } from './corpus-call.js';
export { packageInfo, type PackageInfo } from './package-version.js';
export { upstreamPackage, type UpstreamPackage } from './upstream-package.js';
export type { ArtifactStats, MemoryStats, OperationStats, RuntimeFacts, RuntimeStats, SessionStats, TrapKind } from './runtime-stats.js';

// Streams
export type { StreamSession } from './stream/session.js';
export { runStreamOutcome, type StreamValue } from './stream/run-stream.js';
export { cutAt, insideCrlf, insideUtf8, rechunk, seededRandom, type Rechunked } from './stream/rechunk.js';

// WASM host and runtime
export { wasmRuntime, type WasmBinding, type WasmBindingContext, type WasmRuntimeSpec } from './wasm/runtime.js';
export { WasmHost, type WasmBytesResult, type WasmCallResult, type WasmCallStats, type WasmHostOptions, type WasmHostStats } from './wasm/host.js';
export { wasmFailure, type WasmFailureContext } from './wasm/failure.js';

// Rulesets
export { Ruleset, RulesetPointer, SseProtocol, StringNormalization } from './ruleset/ruleset-schema.js';
export { defaultRulesetDir, loadRuleset, type LoadedRuleset } from './ruleset/load-ruleset.js';
export { compileRuleset, type RulesetView, type RulesetViews } from './ruleset/compile-ruleset.js';
export { compilePointerPatterns, matchesPointer, type PatternStates, type PointerPatterns } from './ruleset/pointer-pattern.js';

// Canonicalize and compare
export { canonicalize, canonicalJson, type CanonicalValue } from './canonical-json.js';
export { diffValues, type DiffEntry, type DiffKind, type DiffOptions } from './diff.js';
export { captureOutcome, compareOutcomes, comparisonContext, runOutcome, type Comparison, type MismatchReason, type Outcome } from './outcome.js';

// Errors
export { defineErrors, type ModuleErrors } from './module-errors.js';
export { ModuleKitError, errorCodeOf, isModuleKitError, type ModuleKitErrorCode, type ModuleKitErrorDetail } from './errors.js';
