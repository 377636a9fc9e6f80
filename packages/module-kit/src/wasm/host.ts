import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ModuleKitError } from '../errors.js';
import { CallTimer, type CallStats } from '../internal/call-timer.js';

/** What an operation export returned: its JSON output, or the error object the module reported. */
export type WasmCallResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly path?: string };

/** Where the .wasm comes from and how to prepare each fresh instance. */
export interface WasmHostOptions {
  /** Module id, used in every message. */
  readonly name: string;
  /** A path, a `file:` URL, or the bytes of the .wasm. */
  readonly wasm: string | URL | Uint8Array;
  /** ABI revision the host speaks. Default 1. */
  readonly abiVersion?: number;
  /** Inputs larger than this (UTF-8 bytes) are refused before they reach the module. Default 64 MiB. */
  readonly maxInputBytes?: number;
  /** Module-specific setup run on every new instance (e.g. copying rank tables in). */
  readonly onInstance?: (host: WasmHost) => void;
}

/** Figures the host records; read them with `stats()`. */
export interface WasmHostStats {
  readonly name: string;
  /** Compile + instantiate + `onInstance`, first load, in milliseconds. */
  readonly initMs: number;
  /** 64 KiB pages currently in the instance's memory. */
  readonly memoryPages: number;
  /** Traps and aborts caught; each replaced the instance. */
  readonly traps: number;
  /** Per export: count, errors, total and max milliseconds. */
  readonly calls: Readonly<Record<string, CallStats>>;
}

interface AbiExports {
  readonly memory: WebAssembly.Memory;
  readonly alloc: (size: number) => number;
  readonly free: (ptr: number) => void;
  readonly abiVersion: () => number;
  readonly [name: string]: unknown;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

class WasmAbort extends Error {
  override readonly name = 'WasmAbort';
}

/**
 * Loads and runs one module's .wasm under the shared ABI: UTF-8 JSON in linear memory, results as
 * `[u32 status][u32 length][bytes]` records. Records init time, memory pages and per-call time.
 * A trap or abort never escapes as a crash: the call returns a `WASM_TRAP` error and the instance is
 * replaced (and counted).
 */
export class WasmHost {
  readonly name: string;
  private readonly module: WebAssembly.Module;
  private readonly options: WasmHostOptions;
  private readonly maxInputBytes: number;
  private readonly timer = new CallTimer();
  private instanceExports!: AbiExports;
  private scratchPtr = 0;
  private scratchCap = 0;
  private trapCount = 0;
  private initDurationMs = 0;

  private constructor(module: WebAssembly.Module, options: WasmHostOptions) {
    this.name = options.name;
    this.module = module;
    this.options = options;
    this.maxInputBytes = options.maxInputBytes ?? 64 * 1024 * 1024;
  }

  /**
   * Compiles and instantiates a module and checks its ABI.
   * @throws ModuleKitError `RUNTIME_INIT_FAILED` saying why (missing file, invalid wasm, ABI mismatch, setup failure).
   * @example const host = await WasmHost.load({ name: 'tokenizer', wasm: new URL('./tokenizer.wasm', import.meta.url) })
   */
  static async load(options: WasmHostOptions): Promise<WasmHost> {
    const started = performance.now();
    let bytes: Uint8Array;
    try {
      bytes = options.wasm instanceof Uint8Array ? options.wasm : await readFile(options.wasm instanceof URL ? fileURLToPath(options.wasm) : options.wasm);
    } catch (cause) {
      throw new ModuleKitError('RUNTIME_INIT_FAILED', `${options.name}: cannot read the wasm binary (${(cause as Error).message})`, { module: options.name, runtime: 'wasm' }, { cause });
    }
    let module: WebAssembly.Module;
    try {
      module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
    } catch (cause) {
      throw new ModuleKitError('RUNTIME_INIT_FAILED', `${options.name}: the wasm binary does not compile (${(cause as Error).message})`, { module: options.name, runtime: 'wasm' }, { cause });
    }
    const host = new WasmHost(module, options);
    host.instantiate();
    host.initDurationMs = performance.now() - started;
    return host;
  }

  private instantiate(): void {
    const fail = (why: string, cause?: unknown): never => {
      throw new ModuleKitError('RUNTIME_INIT_FAILED', `${this.name}: ${why}`, { module: this.name, runtime: 'wasm' }, { cause });
    };
    let instance: WebAssembly.Instance;
    try {
      instance = new WebAssembly.Instance(this.module, this.imports());
    } catch (cause) {
      return fail(`instantiation failed (${(cause as Error).message})`, cause);
    }
    const ex = instance.exports as unknown as AbiExports;
    for (const name of ['memory', 'alloc', 'free', 'abiVersion'] as const) {
      if (!(name in ex)) fail(`the module does not export \`${name}\` (not built for the llms-wasm ABI)`);
    }
    const expected = this.options.abiVersion ?? 1;
    if (ex.abiVersion() !== expected) fail(`ABI version ${ex.abiVersion()} does not match the host's ${expected}`);
    this.instanceExports = ex;
    this.scratchPtr = 0;
    this.scratchCap = 0;
    try {
      this.options.onInstance?.(this);
    } catch (cause) {
      fail(`instance setup failed (${(cause as Error).message})`, cause);
    }
  }

  private imports(): WebAssembly.Imports {
    return {
      env: {
        abort: (msg: number, file: number, line: number, column: number) => {
          throw new WasmAbort(`${this.readAsString(msg) ?? 'abort'} at ${this.readAsString(file) ?? '?'}:${line}:${column}`);
        },
        seed: () => Date.now(),
        trace: () => undefined,
      },
    };
  }

  /** Reads an AssemblyScript string (UTF-16, byte length stored just before it) for abort messages. */
  private readAsString(ptr: number): string | null {
    if (!ptr || !this.instanceExports) return null;
    try {
      const mem = this.instanceExports.memory.buffer;
      const byteLength = new Uint32Array(mem, ptr - 4, 1)[0] ?? 0;
      return String.fromCharCode(...new Uint16Array(mem, ptr, Math.min(byteLength >>> 1, 512)));
    } catch {
      return null;
    }
  }

  /** The raw exports, for a module's own fast paths. */
  get exports(): AbiExports {
    return this.instanceExports;
  }

  /** Current linear memory as bytes (re-read after any call: memory can grow). */
  bytes(): Uint8Array {
    return new Uint8Array(this.instanceExports.memory.buffer);
  }

  /** Allocates `size` bytes in the module and copies `data` there. Caller frees. */
  writeBytes(data: Uint8Array): number {
    const ptr = this.instanceExports.alloc(data.length);
    this.bytes().set(data, ptr);
    return ptr;
  }

  /** Frees memory returned by `writeBytes`. */
  free(ptr: number): void {
    this.instanceExports.free(ptr);
  }

  /**
   * Writes `text` as UTF-8 into a scratch buffer that is reused across calls (lone surrogates become
   * U+FFFD, exactly as TextEncoder does) and returns its location. Valid until the next call.
   */
  writeScratchUtf8(text: string): { ptr: number; len: number } {
    const worst = text.length * 3;
    if (worst > this.scratchCap) {
      if (this.scratchPtr) this.instanceExports.free(this.scratchPtr);
      this.scratchCap = Math.max(worst, 4096);
      this.scratchPtr = this.instanceExports.alloc(this.scratchCap);
    }
    const { written } = encoder.encodeInto(text, this.bytes().subarray(this.scratchPtr, this.scratchPtr + this.scratchCap));
    return { ptr: this.scratchPtr, len: written };
  }

  /**
   * Runs `fn` as one timed call of `label`; a trap or abort inside becomes `{ ok: false, code: 'WASM_TRAP' }`
   * and the instance is replaced.
   */
  guard<T>(label: string, fn: () => T): T | { readonly ok: false; readonly code: 'WASM_TRAP'; readonly message: string } {
    const started = performance.now();
    try {
      const value = fn();
      this.timer.record(label, performance.now() - started, false);
      return value;
    } catch (error) {
      this.timer.record(label, performance.now() - started, true);
      if (error instanceof ModuleKitError) throw error;
      if (!(error instanceof WebAssembly.RuntimeError) && !(error instanceof WasmAbort) && !(error instanceof RangeError)) throw error;
      this.trapCount += 1;
      this.instantiate();
      return { ok: false, code: 'WASM_TRAP', message: `${this.name}.${label} trapped: ${(error as Error).message}` };
    }
  }

  /**
   * Calls operation export `op` with `input` serialized as JSON and decodes the result record.
   * @throws ModuleKitError `WASM_ABI` if the module returns something that is not a valid record.
   */
  callJson(op: string, input: unknown): WasmCallResult {
    const json = JSON.stringify(input);
    if (json === undefined) return { ok: false, code: 'BAD_INPUT', message: `${this.name}.${op}: input is not JSON` };
    return this.callRaw(op, encoder.encode(json));
  }

  /** Like `callJson` with the UTF-8 input bytes given as they are (used to test the ABI's error paths). */
  callRaw(op: string, input: Uint8Array): WasmCallResult {
    if (input.length > this.maxInputBytes) {
      return { ok: false, code: 'INPUT_TOO_LARGE', message: `${this.name}.${op}: input is ${input.length} bytes, the limit is ${this.maxInputBytes}` };
    }
    const fn = this.instanceExports[op];
    if (typeof fn !== 'function') {
      throw new ModuleKitError('WASM_ABI', `${this.name}: no export \`${op}\``, { module: this.name, runtime: 'wasm', operation: op });
    }
    return this.guard(op, () => {
      const inPtr = this.writeBytes(input);
      // On a trap the whole instance is discarded, so the input is only freed on a normal return.
      const rec = (fn as (ptr: number, len: number) => number)(inPtr, input.length);
      this.instanceExports.free(inPtr);
      return this.readRecord(op, rec);
    });
  }

  private readRecord(op: string, rec: number): WasmCallResult {
    const mem = this.bytes();
    if (rec <= 0 || rec + 8 > mem.length) {
      throw new ModuleKitError('WASM_ABI', `${this.name}.${op}: result record at ${rec} is outside memory`, { module: this.name, runtime: 'wasm', operation: op });
    }
    const view = new DataView(mem.buffer, rec, 8);
    const status = view.getUint32(0, true);
    const length = view.getUint32(4, true);
    if (rec + 8 + length > mem.length || status > 1) {
      throw new ModuleKitError('WASM_ABI', `${this.name}.${op}: malformed result record (status ${status}, length ${length})`, { module: this.name, runtime: 'wasm', operation: op });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(decoder.decode(mem.subarray(rec + 8, rec + 8 + length)));
    } catch (cause) {
      throw new ModuleKitError('WASM_ABI', `${this.name}.${op}: result is not UTF-8 JSON`, { module: this.name, runtime: 'wasm', operation: op }, { cause });
    } finally {
      this.instanceExports.free(rec);
    }
    if (status === 0) return { ok: true, value: parsed };
    const err = (parsed ?? {}) as { code?: unknown; message?: unknown; path?: unknown };
    const out: { ok: false; code: string; message: string; path?: string } = {
      ok: false,
      code: typeof err.code === 'string' ? err.code : 'UNKNOWN',
      message: typeof err.message === 'string' ? err.message : 'the module reported an error without a message',
    };
    if (typeof err.path === 'string') out.path = err.path;
    return out;
  }

  /** Init time, memory pages in use, traps and per-call timings. */
  stats(): WasmHostStats {
    return {
      name: this.name,
      initMs: this.initDurationMs,
      memoryPages: this.instanceExports.memory.buffer.byteLength / 65536,
      traps: this.trapCount,
      calls: this.timer.snapshot(),
    };
  }
}
