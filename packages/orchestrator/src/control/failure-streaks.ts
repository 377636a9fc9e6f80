// A control-table operation that keeps failing is reported once, when its streak starts, and its
// recovery is logged: a store that is locked for a minute must not produce sixty events.
import type { Logger } from '../orchestrator/error-sink.js';

/** The control operations that can fail. */
export type ControlOperation = 'write' | 'read' | 'heartbeat';

/** Reports the first failure of a streak (the orchestrator sends it to its error sink as `control_store_failed`). */
export type ControlFailureReport = (failure: { readonly operation: ControlOperation; readonly pending: number; readonly code: string | null; readonly message: string }) => void;

/** Failure streaks per operation. */
export class FailureStreaks {
  readonly #failing = new Map<ControlOperation, number>();
  #lastError: string | null = null;

  constructor(
    private readonly report: ControlFailureReport,
    private readonly logger: Logger,
    private readonly pending: () => number,
  ) {}

  /** The last failure's message while any operation is failing, else null. */
  get lastError(): string | null {
    return this.#failing.size === 0 ? null : this.#lastError;
  }

  failed(operation: ControlOperation, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { detail?: { code?: unknown } }).detail?.code;
    this.#lastError = message;
    const count = this.#failing.get(operation) ?? 0;
    this.#failing.set(operation, count + 1);
    if (count === 0) this.report({ operation, pending: this.pending(), code: typeof code === 'string' ? code : null, message });
  }

  ok(operation: ControlOperation): void {
    const count = this.#failing.get(operation);
    if (count === undefined) return;
    this.#failing.delete(operation);
    this.logger.warn(`[llms-wasm] control store ${operation} works again after ${count} failure(s)`);
  }
}
