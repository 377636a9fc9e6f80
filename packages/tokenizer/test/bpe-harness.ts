// Test loader for the BPE core (dist/bpe-harness.wasm, built by scripts/build-wasm.mjs): rebuilds it
// when a source is newer, instantiates it, copies the rank blobs in and wraps the exports.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { get_encoding, type Tiktoken } from 'tiktoken';

export const pkgRoot: string = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasmFile = join(pkgRoot, 'dist', 'bpe-harness.wasm');

/** The encodings the core supports, by their tiktoken name. */
export const ENCODINGS = ['r50k_base', 'p50k_base', 'p50k_edit', 'cl100k_base', 'o200k_base'] as const;
export type EncodingName = (typeof ENCODINGS)[number];

export interface Manifest {
  encodings: { id: number; name: EncodingName; table: number; pattern: string; specialTokens: Record<string, number> }[];
  tables: { id: number; name: string; file: string; nRanks: number; nTokens: number; maxTokenLen: number }[];
}

export interface BpeExports {
  memory: WebAssembly.Memory;
  alloc(size: number): number;
  free(ptr: number): void;
  bpeTableOf(enc: number): number;
  bpeLoad(table: number, ptr: number, len: number): number;
  bpeIsLoaded(table: number): number;
  bpeCount(enc: number, ptr: number, len: number): number;
  bpeEncode(enc: number, ptr: number, len: number, out: number, cap: number): number;
  bpeFindSpecial(enc: number, ptr: number, len: number): number;
  bpeSpecialId(): number;
  bpeSpecialLen(): number;
  bpeCacheClear(): void;
  [name: string]: unknown;
}

function newestSource(): number {
  let newest = 0;
  const dirs = [join(pkgRoot, 'assembly', 'bpe'), join(pkgRoot, 'scripts')];
  for (const dir of dirs) {
    for (const f of readdirSync(dir)) newest = Math.max(newest, statSync(join(dir, f)).mtimeMs);
  }
  return newest;
}

/** Builds dist/bpe-harness.wasm (and the rank blobs) when missing or older than its sources. */
export function ensureBuilt(): void {
  const manifestFile = join(pkgRoot, 'dist', 'ranks', 'manifest.json');
  if (existsSync(wasmFile) && existsSync(manifestFile) && statSync(wasmFile).mtimeMs >= newestSource()) return;
  execFileSync(process.execPath, [join(pkgRoot, 'scripts', 'build-wasm.mjs'), '--only-harness'], { stdio: 'inherit' });
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(pkgRoot, 'dist', 'ranks', 'manifest.json'), 'utf8')) as Manifest;
}

export function readBlob(table: number): Uint8Array {
  const m = readManifest();
  const t = m.tables[table];
  if (!t) throw new Error(`no table ${table}`);
  return readFileSync(join(pkgRoot, 'dist', 'ranks', t.file));
}

/** A fresh instance with no table loaded. */
export async function instantiate(): Promise<BpeExports> {
  ensureBuilt();
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmFile), {
    env: {
      abort(): never {
        throw new Error('wasm abort');
      },
    },
  });
  return instance.exports as unknown as BpeExports;
}

/** Copies bytes into a fresh allocation; returns its address. */
export function put(x: BpeExports, bytes: Uint8Array): number {
  const p = x.alloc(Math.max(1, bytes.length));
  new Uint8Array(x.memory.buffer, p, bytes.length).set(bytes);
  return p;
}

export interface Core {
  x: BpeExports;
  id(name: EncodingName): number;
  encode(name: EncodingName, text: string): number[];
  count(name: EncodingName, text: string): number;
  /** First special token of the encoding in the text: byte offset, id and byte length, or null. */
  findSpecial(name: EncodingName, text: string): { offset: number; id: number; length: number } | null;
}

/** An instance with every rank table loaded. */
export async function loadCore(): Promise<Core> {
  const x = await instantiate();
  const m = readManifest();
  for (const t of m.tables) {
    const blob = readBlob(t.id);
    const p = put(x, blob);
    const rc = x.bpeLoad(t.id, p, blob.length);
    x.free(p);
    if (rc !== 0) throw new Error(`bpeLoad(${t.id}) = ${rc}`);
  }
  const ids = new Map(m.encodings.map((e) => [e.name, e.id]));
  const id = (name: EncodingName): number => {
    const v = ids.get(name);
    if (v === undefined) throw new Error(`unknown encoding ${name}`);
    return v;
  };
  const utf8 = new TextEncoder();
  const withText = <T>(text: string, f: (p: number, n: number) => T): T => {
    const bytes = utf8.encode(text);
    const p = put(x, bytes);
    try {
      return f(p, bytes.length);
    } finally {
      x.free(p);
    }
  };
  return {
    x,
    id,
    encode: (name, text) =>
      withText(text, (p, n) => {
        const cap = n + 1;
        const out = x.alloc(cap * 4);
        try {
          const c = x.bpeEncode(id(name), p, n, out, cap);
          if (c < 0) throw new Error(`bpeEncode = ${c}`);
          return Array.from(new Uint32Array(x.memory.buffer, out, c));
        } finally {
          x.free(out);
        }
      }),
    count: (name, text) => withText(text, (p, n) => x.bpeCount(id(name), p, n)),
    findSpecial: (name, text) =>
      withText(text, (p, n) => {
        const offset = x.bpeFindSpecial(id(name), p, n);
        return offset < 0 ? null : { offset, id: x.bpeSpecialId(), length: x.bpeSpecialLen() };
      }),
  };
}

const tiktokens = new Map<EncodingName, Tiktoken>();

/** tiktoken@1.0.22's encoder for the name (cached). */
export function tiktoken(name: EncodingName): Tiktoken {
  let t = tiktokens.get(name);
  if (!t) {
    t = get_encoding(name);
    tiktokens.set(name, t);
  }
  return t;
}

/** tiktoken's ordinary encoding (no special-token handling) as a plain array. */
export function reference(name: EncodingName, text: string): number[] {
  return Array.from(tiktoken(name).encode_ordinary(text));
}

function show(text: string): string {
  const j = JSON.stringify(text);
  return j.length <= 300 ? j : `${j.slice(0, 300)}…(${text.length} chars)`;
}

/**
 * Checks the core against tiktoken's encode() (what llms calls) for one text: equal ids (or, with
 * `countOnly`, equal counts), or the same special-token refusal. Throws a readable report otherwise.
 */
export function expectSame(core: Core, name: EncodingName, text: string, countOnly = false): void {
  const t = tiktoken(name);
  let ref: number[] | null = null;
  let refusal = '';
  try {
    ref = Array.from(t.encode(text));
  } catch (e) {
    refusal = String(e);
  }
  const special = core.findSpecial(name, text);
  if (ref === null) {
    if (special === null) throw new Error(`${name}: tiktoken refused (${refusal}) but the core found no special token in ${show(text)}`);
    const token = new TextDecoder().decode(new TextEncoder().encode(text).subarray(special.offset, special.offset + special.length));
    const expected = `The text contains a special token that is not allowed: ${token}`;
    if (!refusal.includes(expected)) throw new Error(`${name}: tiktoken said ${refusal}, core found ${token} in ${show(text)}`);
    const spec = readManifestCached().encodings.find((e) => e.name === name)?.specialTokens[token];
    if (spec !== special.id) throw new Error(`${name}: special ${token} has id ${spec}, core said ${special.id}`);
    return;
  }
  if (special !== null) throw new Error(`${name}: core found special token ${special.id} at ${special.offset} but tiktoken encoded ${show(text)}`);
  if (countOnly) {
    const c = core.count(name, text);
    if (c !== ref.length) throw new Error(`${name}: count ${c} != tiktoken ${ref.length} for ${show(text)}`);
    return;
  }
  const got = core.encode(name, text);
  if (got.length !== ref.length || got.some((v, i) => v !== ref[i])) {
    let i = 0;
    while (i < got.length && got[i] === ref[i]) i++;
    throw new Error(
      `${name}: ids differ at token ${i} for ${show(text)}\n  tiktoken ${ref.slice(Math.max(0, i - 3), i + 8).join(',')}\n  core     ${got.slice(Math.max(0, i - 3), i + 8).join(',')}`,
    );
  }
}

let manifestCache: Manifest | undefined;
function readManifestCached(): Manifest {
  manifestCache ??= readManifest();
  return manifestCache;
}
