// A small harness over WasmHost for the WASM decode sessions (decode_open/push/finish/close), used by
// the tests until module-kit v2 wires stream operations. It reads the ABI's result records itself.
import { ModuleKitError, wasmFailure, type WasmCallResult, type WasmHost } from '@llms-wasm/module-kit';
import type { CanonicalEvent, DecodeOptions, DecodeResult } from '../../src/contract.js';
import { STREAMING_CODE_SET } from '../../src/errors.js';
import { ChunkBytes } from '../../src/internal/chunk-feeder.js';
import { assertDecodeOptions } from '../../src/internal/options-guard.js';
import type { DecodeSession } from '../../src/stream-contract.js';
import { WASM_EXPORTS } from '../../src/wasm-adapter.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

interface SessionExports {
  decode_open(ptr: number, len: number): number;
  decode_push(session: number, ptr: number, len: number): number;
  decode_finish(session: number): number;
  decode_close(session: number): void;
  decode_sessions(): number;
}

/** Reads and frees the result record at `rec`. */
export function readRecord(host: WasmHost, rec: number): WasmCallResult {
  const mem = host.bytes();
  const view = new DataView(mem.buffer, rec, 8);
  const status = view.getUint32(0, true);
  const length = view.getUint32(4, true);
  const value = JSON.parse(decoder.decode(mem.subarray(rec + 8, rec + 8 + length))) as { code?: string; message?: string; path?: string };
  host.free(rec);
  if (status === 0) return { ok: true, value };
  return { ok: false, code: value.code ?? 'UNKNOWN', message: value.message ?? '', ...(value.path === undefined ? {} : { path: value.path }) };
}

function unwrap<T>(host: WasmHost, label: string, fn: () => number): T {
  const r = host.guard(label, () => readRecord(host, fn()));
  if (!r.ok) throw wasmFailure(r, { module: 'streaming', operation: 'decode', operationCodes: STREAMING_CODE_SET });
  return r.value as T;
}

/** Opens WASM decode sessions on `host`. */
export function wasmSessions(host: WasmHost): { open(options: DecodeOptions): DecodeSession; openCount(): number } {
  const ex = (): SessionExports => host.exports as unknown as SessionExports;
  return {
    openCount: () => ex().decode_sessions(),
    open(options: DecodeOptions): DecodeSession {
      assertDecodeOptions(options, 'wasm');
      const json = new TextEncoder().encode(JSON.stringify({ ...options, now: Date.now() }));
      const ptr = host.writeBytes(json);
      const { session } = unwrap<{ session: number }>(host, WASM_EXPORTS.decode.open, () => ex().decode_open(ptr, json.length));
      host.free(ptr);
      const chunks = new ChunkBytes();
      let open = true;
      const closed = (): ModuleKitError => new ModuleKitError('OPERATION_FAILED', 'streaming.decode: the session was finished or closed', { module: 'streaming', runtime: 'wasm', operation: 'decode', code: 'SESSION_CLOSED' });
      const pushBytes = (bytes: Uint8Array): CanonicalEvent[] => {
        const at = host.writeBytes(bytes);
        try {
          return unwrap<CanonicalEvent[]>(host, WASM_EXPORTS.decode.push, () => ex().decode_push(session, at, bytes.length));
        } catch (error) {
          open = false;
          throw error;
        } finally {
          host.free(at);
        }
      };
      return {
        push(chunk) {
          if (!open) throw closed();
          return pushBytes(chunks.push(chunk));
        },
        finish() {
          if (!open) throw closed();
          const tail = chunks.end();
          const first = tail.length > 0 ? pushBytes(tail) : [];
          open = false;
          const rest = unwrap<{ events: CanonicalEvent[]; result: DecodeResult }>(host, WASM_EXPORTS.decode.finish, () => ex().decode_finish(session));
          return { events: [...first, ...rest.events], result: rest.result };
        },
        close() {
          if (!open) return;
          open = false;
          ex().decode_close(session);
        },
      };
    },
  };
}
