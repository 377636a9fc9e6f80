import { performance } from 'node:perf_hooks';
import type { StreamChunk, StreamEnd, StreamImpl, StreamSessionImpl } from '../contract.js';
import { ModuleKitError } from '../errors.js';
import type { CallTimer } from '../internal/call-timer.js';
import { assertMatches, type CompiledSchema } from '../internal/validator.js';
import type { SessionRegistry, SessionState, StreamSession } from './session.js';

interface OpenArgs {
  readonly impl: StreamImpl<unknown, unknown, unknown>;
  readonly options: unknown;
  readonly where: { readonly module: string; readonly operation: string; readonly runtime: string };
  readonly event: CompiledSchema;
  readonly result: CompiledSchema;
  readonly timer: CallTimer;
  readonly sessions: SessionRegistry;
}

function checkChunk(chunk: unknown, where: OpenArgs['where']): asserts chunk is StreamChunk {
  if (typeof chunk === 'string' || chunk instanceof Uint8Array) return;
  throw new ModuleKitError('INPUT_INVALID', `${where.module}.${where.operation}: a chunk must be a Uint8Array or a string, got ${chunk === null ? 'null' : typeof chunk}`, { ...where, path: '/chunk' });
}

/**
 * Opens a session on a runtime and wraps it: chunks are type-checked, every event and the result are
 * validated against the contract, each step is timed (`<op>.open`, `<op>.push`, `<op>.finish`), and
 * the session is released after `finish`, on `close`, on any failure, on eviction or once abandoned.
 */
export async function openStream(args: OpenArgs): Promise<StreamSession<unknown, unknown>> {
  const { where, timer, sessions } = args;
  const label = (step: string): string => `${where.operation}.${step}`;
  const timed = async <T>(step: string, state: SessionState | null, run: () => T | Promise<T>, check: (value: T) => void): Promise<T> => {
    const started = performance.now();
    let validateMs = 0;
    try {
      const value = await run();
      const checked = performance.now();
      check(value);
      validateMs = performance.now() - checked;
      timer.record(label(step), performance.now() - started, false, validateMs);
      return value;
    } catch (error) {
      timer.record(label(step), performance.now() - started, true, validateMs);
      if (state) sessions.release(state, 'failed');
      throw error;
    }
  };
  const checkEvents = (events: readonly unknown[]): void => {
    if (!Array.isArray(events)) throw new ModuleKitError('OUTPUT_INVALID', `${where.module}.${where.operation}: push must return an array of events`, { ...where, path: '/events' });
    events.forEach((event, i) => assertMatches(args.event, event, 'OUTPUT_INVALID', where, `/events/${i}`));
  };

  const impl = await timed('open', null, () => args.impl.open(args.options), () => undefined);
  let state: SessionState | null = null;
  const live = (): StreamSessionImpl<unknown, unknown> => sessions.use(state as SessionState, where);
  const session: StreamSession<unknown, unknown> = {
    push: async (chunk) => {
      checkChunk(chunk, where);
      const running = live();
      return timed('push', state, () => running.push(chunk), checkEvents);
    },
    finish: async () => {
      const running = live();
      const end = await timed('finish', state, () => running.finish(), (value: StreamEnd<unknown, unknown>) => {
        checkEvents(value.events);
        assertMatches(args.result, value.result, 'OUTPUT_INVALID', where, '/result');
      });
      sessions.release(state as SessionState, 'finished');
      return end;
    },
    close: () => sessions.release(state as SessionState, 'closed'),
    get open() {
      return state !== null && state.impl !== null;
    },
  };
  // The registry watches the session object itself: dropped unfinished, it is released once collected.
  state = sessions.add(impl as StreamSessionImpl<unknown, unknown>, session);
  return session;
}
