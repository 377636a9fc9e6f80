// Keeps a resolver's shared overrides equal to the store's active rows plus this process's writes that
// are not in the store yet (decision 0013). Own writes go through at once; rows written by others (the
// CLI, another gateway) are read every `pollMs` on the injected clock. Without a store file the
// overrides live in memory only.
import type { Clock, TimerHandle } from '../clock.js';
import type { ModeResolver } from '../modes/mode-resolver.js';
import { targetOf } from '../modes/mode-resolver.js';
import { type ModeOverride, type ModeOverrideInput, type OverrideTarget, overrideKey } from '../modes/mode-override.js';
import type { Logger } from '../orchestrator/error-sink.js';
import type { ClearedBy, ControlStore, StoredOverride } from './control-store.js';
import type { OverrideSyncState } from './instance-state.js';
import { FailureStreaks, type ControlFailureReport } from './failure-streaks.js';

type PendingOp = { readonly kind: 'set'; readonly override: ModeOverride } | { readonly kind: 'clear'; readonly target: OverrideTarget; readonly by: ClearedBy };

/** What an `OverrideSync` needs. */
export interface OverrideSyncOptions {
  /** The store file's control tables; null keeps overrides in memory only. */
  readonly control: ControlStore | null;
  readonly resolver: ModeResolver;
  readonly clock: Clock;
  readonly pollMs: number;
  /** Recorded as who set or cleared an override when the input names nobody (`instance:<id>`). */
  readonly who: string;
  /** Redacts a reason before it is stored or logged. */
  readonly clean: (text: string) => string;
  readonly report: ControlFailureReport;
  readonly logger: Logger;
}

const describe = (o: ModeOverride): string =>
  `${o.module ?? 'every module'} ${o.mode}${o.lock ? ' locked' : ''} (${o.scope}${o.tenant !== undefined ? ` ${o.tenant}` : o.route !== undefined ? ` ${o.route}` : ''}) by ${o.who}: ${o.reason}`;

/** Applies overrides from the store to a resolver and writes this process's own through to it. */
export class OverrideSync {
  readonly #o: OverrideSyncOptions;
  #active: readonly StoredOverride[] = [];
  #signature = '';
  #memory: ModeOverride[] = [];
  #pending: PendingOp[] = [];
  readonly #invalidSeen = new Set<number>();
  readonly #own = new Set<number>();
  #lastPollAt: number | null = null;
  #timer: TimerHandle | null = null;
  readonly #streaks: FailureStreaks;

  constructor(options: OverrideSyncOptions) {
    this.#o = options;
    this.#streaks = new FailureStreaks(options.report, options.logger, () => this.#pending.length);
    if (options.control !== null) this.#read(false);
    this.#rebuild();
  }

  /** Starts polling (a no-op without a store file). */
  start(): void {
    if (this.#o.control === null || this.#timer !== null) return;
    const tick = (): void => {
      this.#timer = null;
      this.poll();
      this.#timer = this.#o.clock.setTimeout(tick, this.#o.pollMs, true);
    };
    this.#timer = this.#o.clock.setTimeout(tick, this.#o.pollMs, true);
  }

  /** Stops polling. Pending writes are tried once more. */
  stop(): void {
    if (this.#timer !== null) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.length > 0) this.#flush();
  }

  /** Writes pending changes, then reads the active rows and applies what changed. */
  poll(): void {
    if (this.#o.control === null) return;
    const flushed = this.#flush();
    if (this.#read(true) || flushed) this.#rebuild();
  }

  /** Sets an override (written through; kept pending and retried when the store cannot take it now). */
  set(input: ModeOverrideInput): ModeOverride {
    const persisted = this.#o.control !== null;
    const made = this.#o.resolver.checkOverride({ ...input, reason: this.#o.clean(input.reason) }, { who: this.#o.who, at: Date.now(), origin: persisted ? 'pending' : 'memory' });
    if (!persisted) this.#memory.push(made);
    else {
      this.#pending.push({ kind: 'set', override: made });
      if (this.#flush()) this.#read(false);
    }
    this.#rebuild();
    return this.#o.resolver.overrides().find((o) => o.origin !== 'local' && overrideKey(o) === overrideKey(made)) ?? made;
  }

  /** Clears the override of `target` (shared and local). True when there was one. */
  clear(target: string | OverrideTarget | undefined, reason = 'cleared', who = this.#o.who): boolean {
    const t = targetOf(target);
    const key = overrideKey(t);
    // Lifecycle rollbacks are not the operator's to clear here: they end with the lifecycle state (decision 0017).
    const existed = this.#o.resolver.overrides().some((o) => o.origin !== 'lifecycle' && overrideKey(o) === key);
    if (this.#o.control === null) this.#memory = this.#memory.filter((o) => overrideKey(o) !== key);
    else {
      this.#pending.push({ kind: 'clear', target: t, by: { who, reason: this.#o.clean(reason), at: Date.now() } });
      if (this.#flush()) this.#read(false);
    }
    this.#o.resolver.clearOverride(t); // the local one too
    this.#rebuild();
    return existed;
  }

  /** Clears every override; returns how many there were. */
  clearAll(reason = 'cleared'): number {
    const all = this.#o.resolver.overrides().filter((o) => o.origin !== 'lifecycle');
    const keys = new Map(all.map((o) => [overrideKey(o), o] as const));
    for (const o of keys.values()) this.clear({ ...(o.module === undefined ? {} : { module: o.module }), ...(o.tenant === undefined ? {} : { tenant: o.tenant }), ...(o.route === undefined ? {} : { route: o.route }) }, reason);
    return all.length;
  }

  /** Persistence, pending writes, the last failure and the last successful read. */
  state(): OverrideSyncState {
    return { persistence: this.#o.control === null ? 'memory' : 'file', pending: this.#pending.length, lastError: this.#streaks.lastError, lastPollAt: this.#lastPollAt };
  }

  /** Writes pending operations in order, stopping at the first failure. True when any was written. */
  #flush(): boolean {
    const control = this.#o.control;
    if (control === null) return false;
    let wrote = false;
    while (this.#pending.length > 0) {
      const op = this.#pending[0] as PendingOp;
      try {
        if (op.kind === 'set') this.#own.add(control.insertOverride({ ...op.override, origin: 'stored' }).id);
        else control.clearOverrides(op.target, op.by);
      } catch (error) {
        this.#streaks.failed('write', error);
        return wrote;
      }
      this.#pending.shift();
      wrote = true;
      this.#streaks.ok('write');
    }
    return wrote;
  }

  /** Reads the active rows; true when they changed since the last read. `log` tells about rows others wrote. */
  #read(log: boolean): boolean {
    const control = this.#o.control;
    if (control === null) return false;
    let rows: ReturnType<ControlStore['activeOverrides']>;
    try {
      rows = control.activeOverrides();
    } catch (error) {
      this.#streaks.failed('read', error);
      return false;
    }
    this.#streaks.ok('read');
    this.#lastPollAt = Date.now();
    for (const bad of rows.invalid) {
      if (this.#invalidSeen.has(bad.id)) continue;
      this.#invalidSeen.add(bad.id);
      this.#o.logger.error(`[llms-wasm] mode override #${bad.id} in the store is ignored: ${this.#o.clean(bad.problem)}`);
    }
    const signature = rows.overrides.map((o) => o.id).join(',');
    if (signature === this.#signature) return false;
    if (log) {
      const before = new Set(this.#active.map((o) => o.id));
      const after = new Set(rows.overrides.map((o) => o.id));
      for (const o of rows.overrides) if (!before.has(o.id) && !this.#own.has(o.id)) this.#o.logger.warn(`[llms-wasm] mode override #${o.id} from the store applied: ${this.#o.clean(describe(o))}`);
      for (const o of this.#active) if (!after.has(o.id)) this.#o.logger.warn(`[llms-wasm] mode override #${o.id} was cleared in the store: ${this.#o.clean(describe(o))}`);
    }
    this.#active = rows.overrides;
    this.#signature = signature;
    return true;
  }

  /** The resolver's shared overrides := the store's (or memory's) plus pending operations, in order. */
  #rebuild(): void {
    const map = new Map<string, ModeOverride>();
    const put = (o: ModeOverride): void => {
      map.delete(overrideKey(o));
      map.set(overrideKey(o), o);
    };
    for (const o of this.#o.control === null ? this.#memory : this.#active) put(o);
    for (const op of this.#pending) {
      if (op.kind === 'set') put(op.override);
      else map.delete(overrideKey(op.target));
    }
    this.#o.resolver.replaceSharedOverrides([...map.values()]);
  }
}
