import type { RuntimeKind } from '@llms-wasm/module-kit';
import type { Mode } from '../config/mode-schema.js';

/**
 * Where a mode came from, broadest first: `rollback` (`LLMS_WASM_ROLLBACK`) above everything, then each
 * config scope followed by its runtime overrides (`override` is the global one); see docs/switch-matrix.md.
 */
export type ModeScope = 'rollback' | 'default' | 'global' | 'override' | 'tenant' | 'tenant_override' | 'route' | 'route_override' | 'header';

/** The scopes that can lock. */
export type LockScope = 'rollback' | 'global' | 'override' | 'tenant' | 'tenant_override' | 'route' | 'route_override';

/** Why an `X-WASM-Mode` header did not decide the mode. */
export type HeaderIgnoredReason = 'policy' | 'invalid' | 'locked';

/** What became of the request's `X-WASM-Mode` header (present only when the request had one). */
export interface HeaderOutcome {
  /** The header value as received (multiple values joined by `,`; cut at 256 characters). */
  readonly value: string;
  /** Set when the header was ignored; absent when it decided the mode or did not name this module. */
  readonly ignored?: HeaderIgnoredReason;
}

/** The mode of one call and the scope that decided it, for logs and records. */
export interface ModeResolution {
  readonly mode: Mode;
  /** The scope whose value is in force. */
  readonly scope: ModeScope;
  /** True when a lock capped the narrower scopes. */
  readonly locked: boolean;
  /** The scope that set the lock (may be narrower than `scope`: a lock without a mode freezes the inherited one). */
  readonly lockedBy?: LockScope;
  /** For `split`: percent of keys served by WASM. */
  readonly splitPercent?: number;
  readonly header?: HeaderOutcome;
}

/** Headers as Node gives them (`IncomingHttpHeaders`) or any record of them; names are matched case-insensitively. */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** What the resolver needs to know about a call. */
export interface ModeContext {
  readonly module: string;
  readonly tenant?: string;
  readonly route?: string;
  readonly headers?: RequestHeaders;
  /** Sticky key for `split` (a session or user id). Default: the tenant, else the request id. */
  readonly splitKey?: string;
  readonly requestId?: string;
}

/** Which runtime serves the call and whether the other one runs as a shadow. */
export interface CallPlan {
  readonly primary: RuntimeKind;
  readonly shadow: boolean;
}
