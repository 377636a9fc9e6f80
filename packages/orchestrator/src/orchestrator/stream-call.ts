import { performance } from 'node:perf_hooks';
import { errorCodeOf, type StreamChunk, type StreamSession } from '@llms-wasm/module-kit';
import type { Clock } from '../clock.js';
import type { LoadedConfig } from '../config/loaded-config.js';
import { OrchestratorError } from '../errors.js';
import type { ModeContext } from '../modes/mode-resolution.js';
import type { PlannedCall } from './call-planner.js';
import type { CallContext } from '../orchestrator.js';
import { streamTiming } from '../records/stream-timing.js';
import type { AnyModule } from '../shadow/load-modules.js';
import type { ShadowPool } from '../shadow/pool.js';
import { abortable } from './abortable.js';
import type { CallKeys } from './call-keys.js';
import { guardInput } from './input-guard.js';
import type { OrchestratorMetrics } from './metrics.js';
import type { Cleaners, createRecorder, Logger } from './recorder.js';
import { StreamTee } from './stream-tee.js';
import type { SummaryAggregator } from './summary-aggregator.js';

/** Who is calling, for a stream call: a {@link CallContext} and, optionally, a signal that aborts it. */
export interface StreamContext extends CallContext {
  /** Aborting ends the call: the primary's session is closed, the source returned, the shadow discarded and counted (`caller_aborted`); iteration throws the signal's reason. */
  readonly signal?: AbortSignal;
}

/** A stream call: the primary's events, as they come; its result once they have all come. */
export interface StreamCall<E = unknown, R = unknown> extends AsyncIterableIterator<E> {
  /**
   * The primary's result (what its `finish` returned), once iteration has ended. Rejects with the
   * primary's own error when it failed, with the source's error when the input failed, with the abort
   * reason, or with OrchestratorError `STREAM_ENDED_EARLY` when the caller stopped reading.
   */
  readonly result: Promise<R>;
}

/** What the orchestrator hands the stream path. */
export interface StreamCallDeps {
  readonly modules: ReadonlyMap<string, AnyModule>;
  readonly config: LoadedConfig;
  /** Who serves and whether the call is shadowed (the same planner as `call`). */
  readonly planFor: (ctx: ModeContext) => PlannedCall;
  readonly clock: Clock;
  readonly metrics: OrchestratorMetrics;
  readonly keyOf: CallKeys;
  readonly aggregator: SummaryAggregator | null;
  readonly recorder: ReturnType<typeof createRecorder>;
  readonly pool: ShadowPool;
  readonly logger: Logger;
  readonly clean: Cleaners;
}

/** `Orchestrator.stream`. */
export type StreamCallFn = (moduleId: string, operation: string, options: unknown, chunks: AsyncIterable<StreamChunk> | Iterable<StreamChunk>, ctx?: StreamContext) => StreamCall;

/** How a stream call ended: the primary finished, the primary failed, the caller stopped or aborted, the source failed. */
type End = 'finished' | 'failed' | 'aborted' | 'source_error';

/**
 * Builds `Orchestrator.stream` (decision 0016): the primary's session runs here, on the caller's side,
 * and every event it completes is yielded as it comes — the same objects, nothing awaited in between.
 * The chunks are teed to the shadow within `shadow.streamBudgetBytes` (copied, never awaited); once the
 * stream ends the shadow job is queued like a call's, and the shadow replays the chunks in a worker. A
 * stream over budget, stopped by the caller or whose source failed is not shadowed, and that is counted.
 */
export function createStreamCall(deps: StreamCallDeps): StreamCallFn {
  const { modules, config, planFor, clock, metrics: m, keyOf, aggregator, recorder, pool, logger, clean } = deps;

  return function stream(moduleId: string, operation: string, options: unknown, chunks: AsyncIterable<StreamChunk> | Iterable<StreamChunk>, ctx: StreamContext = {}): StreamCall {
    const { signal, ...callCtx } = ctx;
    let settle!: { resolve: (value: unknown) => void; reject: (error: unknown) => void };
    const result = new Promise<unknown>((resolve, reject) => {
      settle = { resolve, reject };
    });
    result.catch(() => undefined); // a caller that never asks for the result is not an unhandled rejection
    let started = false;
    // The generator is suspended at a yield (the caller holds an event); an abort then ends it at once.
    let held = false;
    let abortedWhileHeld = false;

    async function* run(): AsyncGenerator<unknown, void, undefined> {
      started = true;
      const mod = modules.get(moduleId);
      if (!mod) {
        const error = new OrchestratorError('MODULE_UNKNOWN', `no module "${moduleId}" is configured (configured: ${[...modules.keys()].join(', ')})`, { module: moduleId });
        settle.reject(error);
        throw error;
      }
      const modeCtx: ModeContext = { module: moduleId, ...callCtx };
      const { plan, sampled } = planFor(modeCtx);
      const at = clock.now();
      // Taken before the primary opens, so a primary that mutates its options cannot change what the shadow sees.
      const guard = sampled ? guardInput(options) : null;
      const tee = new StreamTee(guard?.ok === true ? config.shadow.streamBudgetBytes : null);
      const key = keyOf(moduleId, operation, plan.primary, plan.shadow ? (plan.primary === 'ts' ? 'wasm' : 'ts') : null, callCtx);
      const eventAt: number[] = [];
      // The primary's events are kept for the comparison only while the call is being shadowed.
      const events: unknown[] = [];
      const keep = (event: unknown): void => {
        if (tee.keeping) events.push(event);
      };
      // `end` stays null when the caller stops reading at a yield (`break`, `return()`, or an abort while it held an event).
      const state: { end: End | null; failure: unknown; value: unknown; reachedFinish: boolean; endedAt: number; mainMs: number } = { end: null, failure: undefined, value: undefined, reachedFinish: false, endedAt: 0, mainMs: 0 };
      let session: StreamSession<unknown, unknown> | null = null;
      let source: AsyncIterator<StreamChunk> | Iterator<StreamChunk> | null = null;
      const stop = (error: unknown, end: End): unknown => {
        state.end = signal?.aborted === true ? 'aborted' : end;
        state.failure = error;
        return error;
      };
      /** One step of the primary's session, timed (its processing time is the call's latency) and abortable. */
      const primary = async <T>(step: () => Promise<T>): Promise<T> => {
        const t0 = performance.now();
        try {
          return await abortable(step(), signal);
        } catch (error) {
          throw stop(error, 'failed');
        } finally {
          state.mainMs += performance.now() - t0;
        }
      };
      // Awaiting, the pending step rejects with the reason (`abortable`); holding an event, the generator is ended now.
      const onAbort = (): void => {
        if (!held) return;
        abortedWhileHeld = true;
        void generator.return(undefined);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        if (signal?.aborted === true) throw stop(signal.reason, 'aborted');
        const opened = await primary(() => mod.open(plan.primary, operation, options));
        session = opened;
        source = Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : (chunks as Iterable<StreamChunk>)[Symbol.iterator]();
        const from = source;
        for (;;) {
          let step: IteratorResult<StreamChunk>;
          try {
            step = await abortable(Promise.resolve(from.next()), signal);
          } catch (error) {
            throw stop(error, 'source_error');
          }
          if (step.done === true) break;
          const chunk = step.value;
          // Counted (and, within the budget, copied) before the primary sees it: what it does to the chunk cannot change the shadow's copy.
          if (!tee.add(chunk, clock.now() - at)) {
            events.length = 0;
            recorder.drop(moduleId, key, at, 'stream_budget');
          }
          const out = await primary(() => opened.push(chunk));
          const readyAt = clock.now() - at;
          for (const event of out) {
            eventAt.push(readyAt);
            keep(event);
            held = true;
            yield event;
            held = false;
          }
        }
        state.endedAt = clock.now() - at;
        state.reachedFinish = true;
        const last = await primary(() => opened.finish());
        const readyAt = clock.now() - at;
        for (const event of last.events) {
          eventAt.push(readyAt);
          keep(event);
          held = true;
          yield event;
          held = false;
        }
        state.value = last.result;
        state.end = 'finished';
      } finally {
        signal?.removeEventListener('abort', onAbort);
        const how: End = state.end ?? 'aborted';
        session?.close();
        if (how !== 'finished' && how !== 'source_error' && source?.return) Promise.resolve(source.return()).catch(() => undefined);
        if (how === 'finished') settle.resolve(state.value);
        else if (state.end !== null) settle.reject(state.failure);
        else settle.reject(signal?.aborted === true ? signal.reason : new OrchestratorError('STREAM_ENDED_EARLY', `${moduleId}.${operation}: the caller stopped reading the stream before its end`, { module: moduleId, reason: 'caller_stopped' }));
        const failed = how === 'failed';
        const timing = streamTiming(eventAt, tee.chunks, tee.bytes);
        m.observeCall(moduleId, operation, plan.primary, state.mainMs, failed);
        m.observeStream(moduleId, operation, plan.primary, timing.timing.first_event_ms, timing.gapsMs);
        aggregator?.call(key, at, state.mainMs, failed);
        if (!plan.shadow) aggregator?.skipped(key, at, 'no_shadow');
        else if (guard === null) aggregator?.skipped(key, at, 'sampled_out');
        else if (!guard.ok) recorder.drop(moduleId, key, at, guard.reason);
        else if (!tee.keeping) {
          // over budget: counted (`stream_budget`) when the chunk that passed it arrived
        } else if (how === 'aborted') recorder.drop(moduleId, key, at, 'caller_aborted');
        else if (how === 'source_error') recorder.drop(moduleId, key, at, 'source_error');
        else {
          try {
            const input = tee.input(state.endedAt, state.reachedFinish);
            if (input === null) throw new Error('the stream tee lost its chunks');
            const failure = state.failure;
            recorder.dispatch(pool, {
              module: moduleId,
              operation,
              mainRuntime: plan.primary,
              guard,
              mutated: guard.changedBy(options),
              main: failed ? { ok: false, code: errorCodeOf(failure), message: failure instanceof Error ? failure.message : String(failure), ms: state.mainMs } : { ok: true, value: { events, result: state.value }, ms: state.mainMs },
              ctx: callCtx,
              key,
              at,
              stream: { input, timing: timing.timing },
            });
          } catch (error) {
            recorder.drop(moduleId, key, at, 'internal');
            logger.error(`[llms-wasm] ${clean.id(moduleId)}.${clean.id(operation)}: stream shadow dispatch failed: ${clean.text(error instanceof Error ? error.message : String(error))}`);
          }
        }
      }
    }

    const generator = run();
    const call: StreamCall = {
      result,
      next: async () => {
        // Aborted while the caller held an event: the generator is ended, and reading on fails with the reason.
        if (abortedWhileHeld) throw signal?.reason;
        return generator.next();
      },
      return: async (value?: unknown) => {
        // Returned before its first `next()`, a generator never runs its body: the result must still settle.
        if (!started) settle.reject(new OrchestratorError('STREAM_ENDED_EARLY', `${moduleId}.${operation}: the stream was returned before it was read`, { module: moduleId, reason: 'never_read' }));
        return generator.return(value as undefined);
      },
      throw: async (error?: unknown) => generator.throw(error),
      [Symbol.asyncIterator]() {
        return call;
      },
    };
    return call;
  };
}

