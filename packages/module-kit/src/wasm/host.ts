import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ModuleKitError } from '../errors.js';
import { noteFreshJson } from '../internal/fresh-json.js';
import type { TrapKind } from '../runtime-stats.js';
import { classifyTrap, isTrap, WasmAbort } from './traps.js';

/** What an operation export returned: its JSON output, or the error object the module reported. */
export type WasmCallResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly path?: string };

/** What a bytes-path call returned: the output JSON as UTF-8 bytes (a copy), or the module's error. */
export type WasmBytesResult = { readonly ok: true; readonly bytes: Uint8Array } | Extract<WasmCallResult, { ok: false }>;

/** Where the .wasm comes from and how to prepare each fresh instance. */
export interface WasmHostOptions {
  /** Module id, used in every message. */
  readonly name: string;
  /** A path, a `file:` URL, or the bytes of the .wasm. */
  readonly wasm: string | URL | Uint8Array;
  /** ABI revision the host speaks. Default 2. */
  readonly abiVersion?: number;
  /** Inputs larger than this (UTF-8 bytes) are refused before they reach the module. Default 64 MiB. */
  readonly maxInputBytes?: number;
  /** Module-specific setup run on every new instance (e.g. copying rank tables in). */
  readonly onInstance?: (host: WasmHost) => void;
}

/** Per export: calls, failures, total and worst time, and the share spent marshalling (milliseconds). */
export interface WasmCallStats {
  readonly count: number;
  readonly errors: number;
  readonly totalMs: number;
  readonly maxMs: number;
  readonly marshalMs: number;
}

/** Figures the host records; read them with `stats()`. */
export interface WasmHostStats {
  readonly name: string;
  /** Compile + instantiate + `onInstance`, first load, in milliseconds. */
  readonly initMs: number;
  /** 64 KiB pages in the current instance's memory. */
  readonly memoryPages: number;
  /** The most pages any instance has held. */
  readonly highWaterPages: number;
  /** The binary's memory cap in pages (its `--maximumMemory`), or null when uncapped. */
  readonly maxPages: number | null;
  /** Traps and aborts caught; each replaced the instance. */
  readonly traps: number;
  readonly trapsByKind: Readonly<Partial<Record<TrapKind, number>>>;
  /** Instances created (1 + one per trap). */
  readonly instances: number;
  readonly calls: Readonly<Record<string, WasmCallStats>>;
}

interface AbiExports {
  readonly memory: WebAssembly.Memory;
  readonly alloc: (size: number) => number;
  readonly free: (ptr: number) => void;
  readonly abiVersion: () => number;
  readonly inputBuffer: (len: number) => number;
  readonly [name: string]: unknown;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The `WASM_ABI` error for a record module `name`'s export `op` returned that the host cannot read. */
function abiError(name: string, op: string, why: string, cause?: unknown): ModuleKitError {
  return new ModuleKitError('WASM_ABI', `${name}.${op}: ${why}`, { module: name, runtime: 'wasm', operation: op }, cause === undefined ? undefined : { cause });
}

/** The little-endian u32 at `at` (a record header field). */
function u32At(mem: Uint8Array, at: number): number {
  return ((mem[at] as number) | ((mem[at + 1] as number) << 8) | ((mem[at + 2] as number) << 16) | ((mem[at + 3] as number) << 24)) >>> 0;
}

interface MutableCallStats {
  count: number;
  errors: number;
  totalMs: number;
  maxMs: number;
  marshalMs: number;
}

/** The declared maximum of the module's memory, in pages (from the binary's memory section), or null. */
function declaredMaxPages(module: WebAssembly.Module, bytes: Uint8Array): number | null {
  const exported = WebAssembly.Module.exports(module).some((e) => e.kind === 'memory');
  if (!exported) return null;
  // Section 5 (memory): count, then flags (bit 0: has max), initial, [max] as LEB128.
  let p = 8;
  const leb = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[p++] as number;
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  };
  while (p < bytes.length) {
    const id = bytes[p++] as number;
    const size = leb();
    if (id === 5) {
      leb(); // count
      const flags = leb();
      leb(); // initial
      return (flags & 1) === 1 ? leb() : null;
    }
    p += size;
  }
  return null;
}

/**
 * Loads and runs one module's .wasm under the shared ABI (version 2): input written once into the
 * module's reusable input buffer (UTF-8 JSON, or bytes as given), results read from the module's
 * output buffer as `[u32 status][u32 length][bytes]` records. Records init time, memory pages (now,
 * high-water, cap) and per-call time split into marshalling and compute. A trap or abort never
 * escapes as a crash: the call returns a `WASM_TRAP` error and the instance is replaced (and counted).
 */
export class WasmHost {
  readonly name: string;
  /** sha256 of the loaded bytes is computed by the runtime helper; the bytes are kept for it. */
  readonly binary: Uint8Array;
  private readonly module: WebAssembly.Module;
  private readonly options: WasmHostOptions;
  private readonly maxInputBytes: number;
  private readonly maxPages: number | null;
  private readonly calls = new Map<string, MutableCallStats>();
  private readonly trapKinds: Partial<Record<TrapKind, number>> = {};
  private instanceExports!: AbiExports;
  private inputPtr = 0;
  private inputCap = 0;
  /** A view of the current memory, and of the input buffer within it (both replaced when memory grows or the buffer moves). */
  private memView: Uint8Array = new Uint8Array(0);
  private inputView: Uint8Array = new Uint8Array(0);
  private trapCount = 0;
  private instanceCount = 0;
  private highWater = 0;
  private initDurationMs = 0;

  private constructor(module: WebAssembly.Module, binary: Uint8Array, options: WasmHostOptions) {
    this.name = options.name;
    this.module = module;
    this.binary = binary;
    this.options = options;
    this.maxInputBytes = options.maxInputBytes ?? 64 * 1024 * 1024;
    this.maxPages = declaredMaxPages(module, binary);
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
      bytes = options.wasm instanceof Uint8Array ? options.wasm : new Uint8Array(await readFile(options.wasm instanceof URL ? fileURLToPath(options.wasm) : options.wasm));
    } catch (cause) {
      throw new ModuleKitError('RUNTIME_INIT_FAILED', `${options.name}: cannot read the wasm binary (${(cause as Error).message})`, { module: options.name, runtime: 'wasm' }, { cause });
    }
    let module: WebAssembly.Module;
    try {
      module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
    } catch (cause) {
      throw new ModuleKitError('RUNTIME_INIT_FAILED', `${options.name}: the wasm binary does not compile (${(cause as Error).message})`, { module: options.name, runtime: 'wasm' }, { cause });
    }
    const host = new WasmHost(module, bytes, options);
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
    for (const name of ['memory', 'alloc', 'free', 'abiVersion', 'inputBuffer'] as const) {
      if (!(name in ex)) fail(`the module does not export \`${name}\` (not built for the llms-wasm ABI ${this.options.abiVersion ?? 2})`);
    }
    const expected = this.options.abiVersion ?? 2;
    if (ex.abiVersion() !== expected) fail(`ABI version ${ex.abiVersion()} does not match the host's ${expected}`);
    this.instanceExports = ex;
    this.instanceCount += 1;
    this.inputPtr = 0;
    this.inputCap = 0;
    this.memView = new Uint8Array(0);
    try {
      this.options.onInstance?.(this);
    } catch (cause) {
      fail(`instance setup failed (${(cause as Error).message})`, cause);
    }
    this.noteMemory();
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

  private noteMemory(): void {
    const pages = this.instanceExports.memory.buffer.byteLength / 65536;
    if (pages > this.highWater) this.highWater = pages;
  }

  /** The raw exports, for a module's own fast paths and stream sessions. */
  get exports(): AbiExports {
    return this.instanceExports;
  }

  /** Instances created so far: a session opened on an earlier instance died with it. */
  get generation(): number {
    return this.instanceCount;
  }

  /**
   * Current linear memory as bytes (re-read after any call: memory can grow). The view is kept while the
   * memory stays put; growing it (a new buffer) or a new instance makes a new one, which notes the pages
   * for the high-water mark.
   */
  bytes(): Uint8Array {
    const buffer = this.instanceExports.memory.buffer;
    if (this.memView.buffer !== buffer) {
      this.memView = new Uint8Array(buffer);
      const pages = buffer.byteLength / 65536;
      if (pages > this.highWater) this.highWater = pages;
    }
    return this.memView;
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

  /** The module's input buffer, grown to at least `len` bytes. */
  private input(len: number): number {
    if (len > this.inputCap || this.inputPtr === 0) {
      this.inputCap = Math.max(len, 4096);
      this.inputPtr = this.instanceExports.inputBuffer(this.inputCap);
    }
    return this.inputPtr;
  }

  /** The input buffer (at least `len` bytes) as a view, reused while memory and buffer stay put. */
  private inputBytes(len: number): Uint8Array {
    const ptr = this.input(len);
    const view = this.inputView;
    if (view.byteOffset !== ptr || view.length !== this.inputCap || view.buffer !== this.instanceExports.memory.buffer) {
      this.inputView = this.bytes().subarray(ptr, ptr + this.inputCap);
    }
    return this.inputView;
  }

  /**
   * Writes `text` as UTF-8 into the module's input buffer (lone surrogates become U+FFFD, exactly as
   * TextEncoder does) and returns its location. Valid until the next call.
   */
  writeScratchUtf8(text: string): { ptr: number; len: number } {
    const len = this.writeUtf8(text);
    return { ptr: this.inputPtr, len };
  }

  /** `writeScratchUtf8` without the result object: the byte length written at `inputPtr`. */
  private writeUtf8(text: string): number {
    // Most text is mostly ASCII: try with room for 1.5 bytes per unit, then with the worst case.
    let cap = text.length + (text.length >> 1) + 16;
    for (;;) {
      const { read, written } = encoder.encodeInto(text, this.inputBytes(cap));
      if (read === text.length) return written;
      cap = text.length * 3 + 16;
    }
  }

  /** Copies `data` into the module's input buffer. Valid until the next call. */
  writeInput(data: Uint8Array): number {
    const ptr = this.input(data.length);
    this.bytes().set(data, ptr);
    return ptr;
  }

  private record(label: string, ms: number, marshalMs: number, failed: boolean): void {
    let s = this.calls.get(label);
    if (!s) {
      s = { count: 0, errors: 0, totalMs: 0, maxMs: 0, marshalMs: 0 };
      this.calls.set(label, s);
    }
    s.count += 1;
    if (failed) s.errors += 1;
    s.totalMs += ms;
    s.marshalMs += marshalMs;
    if (ms > s.maxMs) s.maxMs = ms;
  }

  /**
   * Runs `fn` as one timed call of `label`; a trap or abort inside becomes `{ ok: false, code: 'WASM_TRAP' }`
   * and the instance is replaced. `marshalMs` is the share of the time the caller spent marshalling.
   */
  guard<T>(label: string, fn: () => T, marshalMs?: () => number): T | { readonly ok: false; readonly code: 'WASM_TRAP'; readonly message: string } {
    const started = performance.now();
    try {
      const value = fn();
      this.record(label, performance.now() - started, marshalMs === undefined ? 0 : marshalMs(), false);
      this.bytes(); // notes the pages when the call grew the memory
      return value;
    } catch (error) {
      this.record(label, performance.now() - started, marshalMs === undefined ? 0 : marshalMs(), true);
      if (error instanceof ModuleKitError || !isTrap(error)) throw error;
      this.trapCount += 1;
      const kind = classifyTrap(error);
      this.trapKinds[kind] = (this.trapKinds[kind] ?? 0) + 1;
      this.noteMemory();
      this.instantiate();
      return { ok: false, code: 'WASM_TRAP', message: `${this.name}.${label} trapped (${kind}): ${(error as Error).message}` };
    }
  }

  /**
   * The object path: calls operation export `op` with `input` as JSON and decodes the result.
   * @throws ModuleKitError `WASM_ABI` if the module returns something that is not a valid record.
   */
  callJson(op: string, input: unknown): WasmCallResult {
    return this.objectCall(op, input, false);
  }

  /**
   * `callJson` for a binding that hands the value straight to the kit's output check: an ok value is
   * noted as fresh JSON (`noteFreshJson`), so that check may skip its non-JSON scan.
   * @internal
   */
  callJsonFresh(op: string, input: unknown): WasmCallResult {
    return this.objectCall(op, input, true);
  }

  private objectCall(op: string, input: unknown, note: boolean): WasmCallResult {
    const t0 = performance.now();
    const json = JSON.stringify(input);
    if (json === undefined) return { ok: false, code: 'BAD_INPUT', message: `${this.name}.${op}: input is not JSON` };
    let marshal = 0;
    const result = this.guard(
      op,
      () => {
        const len = this.writeUtf8(json);
        if (len > this.maxInputBytes) return this.tooLarge(op, len);
        const t1 = performance.now();
        const rec = this.exportOf(op)(this.inputPtr, len);
        const t2 = performance.now();
        const out = this.readRecord(op, rec, true, note) as WasmCallResult;
        marshal = t1 - t0 + (performance.now() - t2);
        return out;
      },
      () => marshal,
    );
    return result;
  }

  /**
   * The bytes path: `input` is UTF-8 JSON as received (never re-encoded); the output comes back as
   * UTF-8 JSON bytes, for a caller that forwards bytes. Invalid UTF-8 is the module's to report.
   * @throws ModuleKitError `WASM_ABI` if the module returns something that is not a valid record.
   */
  callBytes(op: string, input: Uint8Array): WasmBytesResult {
    if (input.length > this.maxInputBytes) return this.tooLarge(op, input.length);
    let marshal = 0;
    return this.guard(
      op,
      () => {
        const t0 = performance.now();
        const ptr = this.writeInput(input);
        const t1 = performance.now();
        const rec = this.exportOf(op)(ptr, input.length);
        const t2 = performance.now();
        const out = this.readRecord(op, rec, false) as WasmBytesResult;
        marshal = t1 - t0 + (performance.now() - t2);
        return out;
      },
      () => marshal,
    );
  }

  /** Like `callBytes`, with the output decoded (used to test the ABI's error paths). */
  callRaw(op: string, input: Uint8Array): WasmCallResult {
    if (input.length > this.maxInputBytes) return this.tooLarge(op, input.length);
    return this.guard(op, () => this.readRecord(op, this.exportOf(op)(this.writeInput(input), input.length), true) as WasmCallResult);
  }

  /**
   * Calls an export that returns a record, with plain number arguments (stream sessions). A record
   * holding exactly `[]` (a push that completed no event) is answered without decoding it.
   */
  callRecord(op: string, label: string, args: readonly number[], parse: boolean): WasmCallResult | WasmBytesResult {
    return this.guard(label, () => this.readRecord(op, this.exportOf(op)(...args), parse));
  }

  private tooLarge(op: string, len: number): { ok: false; code: string; message: string } {
    return { ok: false, code: 'INPUT_TOO_LARGE', message: `${this.name}.${op}: input is ${len} bytes, the limit is ${this.maxInputBytes}` };
  }

  private exportOf(op: string): (...args: number[]) => number {
    const fn = this.instanceExports[op];
    if (typeof fn !== 'function') {
      throw new ModuleKitError('WASM_ABI', `${this.name}: no export \`${op}\``, { module: this.name, runtime: 'wasm', operation: op });
    }
    return fn as (...args: number[]) => number;
  }

  /** Reads the result record at `rec`; `note`: an ok value is noted as fresh JSON (`noteFreshJson`). */
  private readRecord(op: string, rec: number, parse: boolean, note = false): WasmCallResult | WasmBytesResult {
    const mem = this.bytes();
    if (rec <= 0 || rec + 8 > mem.length) throw abiError(this.name, op, `result record at ${rec} is outside memory`);
    const status = u32At(mem, rec);
    const length = u32At(mem, rec + 4);
    if (rec + 8 + length > mem.length || status > 1) throw abiError(this.name, op, `malformed result record (status ${status}, length ${length})`);
    if (status === 0 && parse && length === 2 && mem[rec + 8] === 0x5b && mem[rec + 9] === 0x5d) return { ok: true, value: [] };
    const payload = mem.subarray(rec + 8, rec + 8 + length);
    if (status === 0 && !parse) return { ok: true, bytes: payload.slice() };
    let parsed: unknown;
    try {
      parsed = JSON.parse(decoder.decode(payload));
    } catch (cause) {
      throw abiError(this.name, op, 'result is not UTF-8 JSON', cause);
    }
    if (status === 0) {
      if (note) noteFreshJson(parsed, length);
      return { ok: true, value: parsed };
    }
    const err = (parsed ?? {}) as { code?: unknown; message?: unknown; path?: unknown };
    const out: { ok: false; code: string; message: string; path?: string } = {
      ok: false,
      code: typeof err.code === 'string' ? err.code : 'UNKNOWN',
      message: typeof err.message === 'string' ? err.message : 'the module reported an error without a message',
    };
    if (typeof err.path === 'string') out.path = err.path;
    return out;
  }

  /** Init time, memory pages, traps and per-call timings. */
  stats(): WasmHostStats {
    const calls: Record<string, WasmCallStats> = {};
    for (const [label, s] of this.calls) calls[label] = { ...s };
    return {
      name: this.name,
      initMs: this.initDurationMs,
      memoryPages: this.instanceExports.memory.buffer.byteLength / 65536,
      highWaterPages: this.highWater,
      maxPages: this.maxPages,
      traps: this.trapCount,
      trapsByKind: { ...this.trapKinds },
      instances: this.instanceCount,
      calls,
    };
  }
}
