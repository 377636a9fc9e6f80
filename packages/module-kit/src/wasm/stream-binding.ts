import type { StreamChunk, StreamEnd, StreamImpl, StreamSessionImpl } from '../contract.js';
import { ModuleKitError } from '../errors.js';
import type { ModuleErrors } from '../module-errors.js';
import { wasmFailure } from './failure.js';
import type { WasmCallResult, WasmHost } from './host.js';

/**
 * A stream operation on the WASM side (ABI: `<op>_open(ptr, len) -> record {"session": n}`,
 * `<op>_push(session, ptr, len) -> record [events]`, `<op>_finish(session) -> record {events, result}`,
 * `<op>_close(session)`). A push that completes no event returns the record `[]`, which the host
 * answers without decoding (most small pushes). The session's state lives in linear memory behind its
 * handle. Text chunks are written as UTF-8; a chunk that ends inside a surrogate pair keeps its high
 * half for the next chunk (so text and bytes of the same stream give the module the same bytes). A trap replaces the
 * instance and with it every session it held: those fail with `WASM_TRAP`.
 */
export function wasmStream(host: WasmHost, module: string, op: string, errors: ModuleErrors): StreamImpl<unknown, unknown, unknown> {
  // Export names and stats labels, built once (not per push).
  const exportName = { push: `${op}_push`, finish: `${op}_finish` } as const;
  const label = { push: `${op}.push`, finish: `${op}.finish` } as const;
  const failure = (step: string, result: Extract<WasmCallResult, { ok: false }>): ModuleKitError =>
    wasmFailure(result, { module, operation: `${op}.${step}`, errors, input: step === 'open' ? 'object' : 'bytes' });
  return {
    open(options: unknown): StreamSessionImpl<unknown, unknown> {
      const opened = host.callJson(`${op}_open`, options);
      if (!opened.ok) throw failure('open', opened);
      const session = (opened.value as { session?: unknown }).session;
      if (typeof session !== 'number' || !Number.isInteger(session)) {
        throw new ModuleKitError('WASM_ABI', `${module}.${op}: ${op}_open returned no session handle`, { module, runtime: 'wasm', operation: op });
      }
      const generation = host.generation;
      let held = '';
      let closed = false;
      const alive = (): void => {
        if (host.generation !== generation) {
          throw new ModuleKitError('WASM_TRAP', `${module}.${op}: the instance holding this session trapped and was replaced; the session is lost`, { module, runtime: 'wasm', operation: op });
        }
      };
      const call = (step: 'push' | 'finish', args: () => number[]): unknown => {
        alive();
        const result = host.callRecord(exportName[step], label[step], args(), true) as WasmCallResult;
        if (!result.ok) throw failure(step, result);
        return result.value;
      };
      const send = (chunk: StreamChunk): unknown[] => {
        const events = call('push', () => {
          if (typeof chunk !== 'string') return [session, host.writeInput(chunk), chunk.length];
          const { ptr, len } = host.writeScratchUtf8(chunk);
          return [session, ptr, len];
        });
        if (!Array.isArray(events)) throw new ModuleKitError('WASM_ABI', `${module}.${op}: ${op}_push must return an array of events`, { module, runtime: 'wasm', operation: op });
        return events;
      };
      return {
        push(chunk: StreamChunk): readonly unknown[] {
          if (typeof chunk !== 'string') {
            if (held === '') return send(chunk);
            const first = send(held); // text then bytes: the held half is a lone surrogate after all
            held = '';
            return [...first, ...send(chunk)];
          }
          let text = held + chunk;
          held = '';
          const last = text.charCodeAt(text.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) {
            held = text.slice(-1);
            text = text.slice(0, -1);
          }
          return send(text);
        },
        finish(): StreamEnd<unknown, unknown> {
          // A lone high surrogate at the very end is sent as it is: TextEncoder's U+FFFD.
          const tail = held === '' ? [] : send(held);
          held = '';
          const end = call('finish', () => [session]) as StreamEnd<unknown, unknown>;
          return tail.length === 0 ? end : { events: [...tail, ...end.events], result: end.result };
        },
        close(): void {
          if (closed) return;
          closed = true;
          if (host.generation !== generation) return;
          const fn = host.exports[`${op}_close`];
          if (typeof fn === 'function') host.guard(`${op}.close`, () => (fn as (s: number) => void)(session));
        },
      };
    },
  };
}
