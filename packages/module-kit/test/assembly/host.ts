// Loads .tmp/harness.wasm and marshals strings, bytes and doubles in and out of it.
import { readFileSync } from 'node:fs';
import { ensureHarness } from './compile.js';

interface HarnessExports {
  memory: WebAssembly.Memory;
  alloc(size: number): number;
  free(ptr: number): void;
  [name: string]: unknown;
}

/** A decoded ABI result record. */
export interface RecordOut {
  status: number;
  bytes: Uint8Array;
}

export class Harness {
  readonly exports: HarnessExports;

  constructor(wasmPath: string) {
    const module = new WebAssembly.Module(readFileSync(wasmPath));
    const instance = new WebAssembly.Instance(module, {
      env: {
        abort: (_msg: number, _file: number, line: number, col: number): never => {
          throw new Error(`wasm abort at ${line}:${col}`);
        },
      },
    });
    this.exports = instance.exports as unknown as HarnessExports;
  }

  private fn(name: string): (...args: number[]) => number {
    return this.exports[name] as (...args: number[]) => number;
  }

  private withInput<T>(bytes: Uint8Array, use: (ptr: number, len: number) => T): T {
    const ptr = this.exports.alloc(Math.max(bytes.length, 1));
    new Uint8Array(this.exports.memory.buffer, ptr, bytes.length).set(bytes);
    try {
      return use(ptr, bytes.length);
    } finally {
      this.exports.free(ptr);
    }
  }

  private takeRecord(rec: number): RecordOut {
    const view = new DataView(this.exports.memory.buffer);
    const status = view.getUint32(rec, true);
    const len = view.getUint32(rec + 4, true);
    // ABI 2: the record lives in the module's output buffer; it is copied, never freed.
    const bytes = new Uint8Array(this.exports.memory.buffer, rec + 8, len).slice();
    return { status, bytes };
  }

  /** Calls `name(ptr, len, ...extra)` with UTF-8 or raw bytes and returns the record. */
  callBytes(name: string, bytes: Uint8Array, ...extra: number[]): RecordOut {
    return this.withInput(bytes, (ptr, len) => this.takeRecord(this.fn(name)(ptr, len, ...extra)));
  }

  /** Calls `name(ptr, units, ...extra)` with the string's raw UTF-16 code units. */
  callUtf16(name: string, s: string, ...extra: number[]): RecordOut {
    return this.withInput(utf16Bytes(s), (ptr) => this.takeRecord(this.fn(name)(ptr, s.length, ...extra)));
  }

  /** Calls `name(kind, ptr, units)`. */
  stringOp(kind: number, s: string): string {
    return this.withInput(utf16Bytes(s), (ptr) => decodeUtf16(this.takeRecord(this.fn('stringOp')(kind, ptr, s.length)).bytes));
  }

  /** Calls `name(ptr, count)` with doubles. */
  callDoubles(name: string, xs: ArrayLike<number>): RecordOut {
    const f = Float64Array.from(xs);
    return this.withInput(new Uint8Array(f.buffer), (ptr) => this.takeRecord(this.fn(name)(ptr, f.length)));
  }

  /** Calls `name(...before, ptr, units, ...after)` with UTF-16 input and returns its number. */
  callUtf16Number(name: string, s: string, before: number[], after: number[]): number {
    return this.withInput(utf16Bytes(s), (ptr) => this.fn(name)(...before, ptr, s.length, ...after));
  }

  callNumber(name: string, bytes: Uint8Array): number {
    return this.withInput(bytes, (ptr, len) => this.fn(name)(ptr, len));
  }
}

export function utf16Bytes(s: string): Uint8Array {
  const u = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
  return new Uint8Array(u.buffer);
}

/** Decodes raw UTF-16LE code units without any validation (lone surrogates survive). */
export function decodeUtf16(bytes: Uint8Array): string {
  const u = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
  let s = '';
  for (let i = 0; i < u.length; i += 8192) s += String.fromCharCode(...u.subarray(i, i + 8192));
  return s;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const fromUtf8 = (b: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);

/** Outcome of a parse: the JSON.stringify of the value, or the error. */
export type ParseOutcome = { ok: true; json: string } | { ok: false; message: string; offset: number };

function outcome(rec: RecordOut, text: (b: Uint8Array) => string): ParseOutcome {
  if (rec.status === 0) return { ok: true, json: text(rec.bytes) };
  const err = JSON.parse(fromUtf8(rec.bytes)) as { message: string; offset: number };
  return { ok: false, message: err.message, offset: err.offset };
}

/** stringify(parse(s)) through the UTF-16 entry points. */
export function roundtripString(h: Harness, s: string, maxDepth = 100000): ParseOutcome {
  return outcome(h.callUtf16('roundtripUtf16', s, maxDepth), decodeUtf16);
}

/** stringifyUtf8(parseUtf8(bytes)) through the ABI-style entry points. */
export function roundtripBytes(h: Harness, bytes: Uint8Array, maxDepth = 100000): ParseOutcome {
  return outcome(h.callBytes('roundtripUtf8', bytes, maxDepth), fromUtf8);
}

/** JsonWriter.node(JsonReader.parse(bytes)): the tape data path. */
export function readerRoundtrip(h: Harness, bytes: Uint8Array, maxDepth = 100000): ParseOutcome {
  return outcome(h.callBytes('readerRoundtrip', bytes, maxDepth), fromUtf8);
}

/** Follows `path` (keys and array indices) with JsonReader.get/at; what it finds, or null. */
export function readerLookup(h: Harness, doc: string, path: readonly (string | number)[]): unknown {
  const docBytes = utf8(doc);
  const pathBytes = utf8(JSON.stringify(path));
  const all = new Uint8Array(docBytes.length + pathBytes.length);
  all.set(docBytes);
  all.set(pathBytes, docBytes.length);
  const rec = h.callBytes('readerLookup', all, docBytes.length);
  if (rec.status !== 0) throw new Error(fromUtf8(rec.bytes));
  return JSON.parse(fromUtf8(rec.bytes));
}

/** What V8 does: JSON.stringify(JSON.parse(s)) or the error message. */
export function v8Roundtrip(s: string): ParseOutcome {
  try {
    return { ok: true, json: JSON.stringify(JSON.parse(s)) };
  } catch (e) {
    return { ok: false, message: (e as Error).message, offset: -1 };
  }
}

/** Property-test settings from the environment (FC_SEED, FC_NUM_RUNS). */
export function fcParams(defaultRuns = 1000): { seed?: number; numRuns: number } {
  const seed = process.env['FC_SEED'];
  const runs = process.env['FC_NUM_RUNS'];
  return {
    ...(seed !== undefined && seed !== '' ? { seed: Number(seed) } : {}),
    numRuns: runs !== undefined && runs !== '' ? Number(runs) : defaultRuns,
  };
}

/** Compiles (if needed) and instantiates the harness. */
export async function loadHarness(): Promise<Harness> {
  return new Harness(await ensureHarness());
}
