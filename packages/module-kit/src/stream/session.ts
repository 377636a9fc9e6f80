import type { StreamChunk, StreamEnd, StreamSessionImpl } from '../contract.js';
import { ModuleKitError } from '../errors.js';

/** A validated, bounded stream session: what `runtimes.<kind>.<op>.open(options)` gives the caller. */
export interface StreamSession<E, R> {
  /** Feeds one chunk; resolves with the events it completed. @throws ModuleKitError `SESSION_CLOSED`, `INPUT_INVALID`, the runtime's own errors */
  push(chunk: StreamChunk): Promise<readonly E[]>;
  /** Ends the stream; resolves with the remaining events and the result. The session is closed after. */
  finish(): Promise<StreamEnd<E, R>>;
  /** Releases the session without finishing it (idempotent). */
  close(): void;
  /** False once finished, closed, failed or evicted. */
  readonly open: boolean;
}

/** Per-session bookkeeping, held by the registry (never by the caller's handle). */
export interface SessionState {
  impl: StreamSessionImpl<unknown, unknown> | null;
  readonly id: number;
  lastUsed: number;
  why: 'finished' | 'closed' | 'evicted' | 'failed' | 'abandoned' | null;
}

/** Counters of one runtime's sessions. */
export interface MutableSessionCounts {
  open: number;
  opened: number;
  finished: number;
  released: number;
  evicted: number;
}

/**
 * Keeps a runtime's open sessions bounded: at most `maxOpen` at once (the least recently used one is
 * evicted to make room), and a session the caller drops without finishing is released once it is
 * garbage collected. Every release is counted.
 */
export class SessionRegistry {
  readonly counts: MutableSessionCounts = { open: 0, opened: 0, finished: 0, released: 0, evicted: 0 };
  private readonly live = new Map<number, SessionState>();
  private readonly abandoned = new FinalizationRegistry<SessionState>((state) => this.release(state, 'abandoned'));
  private nextId = 1;
  private clock = 0;

  constructor(private readonly maxOpen: number) {}

  /** Registers a new session; evicts the least recently used one when full. */
  add(impl: StreamSessionImpl<unknown, unknown>, handle: object): SessionState {
    if (this.live.size >= this.maxOpen) {
      let oldest: SessionState | undefined;
      for (const s of this.live.values()) if (!oldest || s.lastUsed < oldest.lastUsed) oldest = s;
      if (oldest) this.release(oldest, 'evicted');
    }
    const state: SessionState = { impl, id: this.nextId++, lastUsed: this.clock++, why: null };
    this.live.set(state.id, state);
    this.counts.open = this.live.size;
    this.counts.opened += 1;
    this.abandoned.register(handle, state, state);
    return state;
  }

  /** The implementation of a live session, marked as just used. @throws ModuleKitError `SESSION_CLOSED` */
  use(state: SessionState, where: { module: string; operation: string; runtime: string }): StreamSessionImpl<unknown, unknown> {
    if (state.impl === null) {
      throw new ModuleKitError('SESSION_CLOSED', `${where.module}.${where.operation}: the ${where.runtime} stream session was ${state.why ?? 'closed'}`, { ...where, reason: state.why ?? 'closed' });
    }
    state.lastUsed = this.clock++;
    return state.impl;
  }

  /** Closes a session for `why`; counts it; never throws (a failing close is the runtime's problem, not the caller's). */
  release(state: SessionState, why: NonNullable<SessionState['why']>): void {
    const impl = state.impl;
    if (impl === null) return;
    state.impl = null;
    state.why = why;
    this.live.delete(state.id);
    this.abandoned.unregister(state);
    this.counts.open = this.live.size;
    if (why === 'finished') this.counts.finished += 1;
    else this.counts.released += 1;
    if (why === 'evicted') this.counts.evicted += 1;
    try {
      impl.close();
    } catch {
      // Releasing must not fail the caller; the runtime's own stats show a broken close.
    }
  }
}
