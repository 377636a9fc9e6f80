// Contract
export {
  defineModule,
  type Canonicalizer,
  type Comparator,
  type Contracts,
  type CorpusCall,
  type CorpusMapper,
  type FixPath,
  type Implementation,
  type InputOf,
  type LlmsModule,
  type ModuleSpec,
  type OperationContract,
  type Operations,
  type OutputOf,
  type RuntimeFactory,
  type RuntimeInstance,
  type RuntimeKind,
  type RuntimeStatus,
} from './define-module.js';

// WASM host
export { WasmHost, type WasmCallResult, type WasmHostOptions, type WasmHostStats } from './wasm/host.js';
export { wasmFailure, type WasmFailureContext } from './wasm/failure.js';
export type { CallStats } from './internal/call-timer.js';

// Canonicalize and compare
export { canonicalize, canonicalJson, type CanonicalValue } from './canonical-json.js';
export { diffValues, type DiffEntry, type DiffKind, type DiffOptions } from './diff.js';
export { compareOutcomes, runOutcome, type Comparison, type MismatchReason, type Outcome } from './outcome.js';

// Errors
export { ModuleKitError, errorCodeOf, isModuleKitError, type ModuleKitErrorCode, type ModuleKitErrorDetail } from './errors.js';
