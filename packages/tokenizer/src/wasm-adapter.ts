import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModuleKitError, wasmRuntime, type RuntimeInstance, type WasmBindingContext, type WasmHost } from '@llms-wasm/module-kit';
import { EncodingName, type CountTokensInput, type CountTokensOutput } from './contract.js';
import { tokenizerErrors } from './errors.js';
import type { TokenizerContracts } from './operations.js';

/** Encoding names by the WASM side's name id (the order of the contract's EncodingName union). */
const ENCODING_NAMES: readonly string[] = EncodingName.anyOf.map((schema) => schema.const);
const SPECIAL_FOUND = -1000;

interface TokenizerExports {
  bpeLoad(table: number, ptr: number, len: number): number;
  bpeIsLoaded(table: number): number;
  selectEncoding(modelPtr: number, modelLen: number, encodingId: number): number;
  encodingTable(id: number): number;
  countText(id: number, ptr: number, len: number): number;
  lastSpecialOffset(): number;
  lastSpecialLength(): number;
}

interface RankManifest {
  readonly tables: readonly { readonly id: number; readonly name: string; readonly file: string }[];
}

/** Where the WASM runtime finds its binary and rank tables. */
export interface WasmRuntimeOptions {
  /** Directory with tokenizer.wasm and ranks/ (default: the package's dist). */
  readonly dir?: string;
}

/** Rank tables, read once from ranks/ and copied into every instance that needs them. */
class RankTables {
  private readonly blobs = new Map<number, Uint8Array>();
  readonly loaded = new Set<number>();
  private manifest: RankManifest | null = null;

  constructor(private readonly dir: () => string) {}

  private entries(): RankManifest['tables'] {
    this.manifest ??= JSON.parse(readFileSync(join(this.dir(), 'ranks', 'manifest.json'), 'utf8')) as RankManifest;
    return this.manifest.tables;
  }

  load(host: WasmHost, table: number): void {
    const entry = this.entries().find((t) => t.id === table);
    if (!entry) throw new Error(`rank table ${table} is not in ranks/manifest.json`);
    let blob = this.blobs.get(table);
    if (!blob) {
      blob = new Uint8Array(readFileSync(join(this.dir(), 'ranks', entry.file)));
      this.blobs.set(table, blob);
    }
    const ptr = host.writeBytes(blob);
    const rc = (host.exports as unknown as TokenizerExports).bpeLoad(table, ptr, blob.length);
    host.free(ptr);
    if (rc !== 0) throw new Error(`rank table ${entry.name} was refused by the encoder (code ${rc})`);
    this.loaded.add(table);
  }

  names(): string[] {
    return this.entries().filter((t) => this.loaded.has(t.id)).map((t) => t.name);
  }
}

/**
 * The WebAssembly runtime: this package's own byte-pair encoder (dist/tokenizer.wasm) with tiktoken's
 * rank tables (dist/ranks/*.bin, generated from the tiktoken npm package at build time). Plain-text
 * counts take the fast path (UTF-8 written straight into linear memory, a number back); everything
 * else goes through the JSON ABI. Rank tables load on first use and are reloaded if a trap replaced
 * the instance.
 * @throws (at load) ModuleKitError `RUNTIME_INIT_FAILED` when the binary or the default rank table is missing or malformed
 */
export function createWasmRuntime(options: WasmRuntimeOptions = {}): Promise<RuntimeInstance<TokenizerContracts>> {
  let dir = options.dir;
  const tables = new RankTables(() => {
    if (dir === undefined) throw new Error('rank tables used before the runtime was prepared');
    return dir;
  });
  const selections = new Map<string, number>();
  const ex = (host: WasmHost): TokenizerExports => host.exports as unknown as TokenizerExports;

  /** Encoding name id for the input's model/encoding, with its rank table loaded. */
  const select = (host: WasmHost, model: string | undefined, encoding: string | undefined): number => {
    const key = encoding === undefined ? `m:${model ?? ''}` : `e:${encoding}`;
    let id = selections.get(key);
    if (id === undefined) {
      if (encoding !== undefined) id = ENCODING_NAMES.indexOf(encoding);
      else if (model === undefined) id = ex(host).selectEncoding(0, -1, -1);
      else {
        const { ptr, len } = host.writeScratchUtf8(model);
        id = ex(host).selectEncoding(ptr, len, -1);
      }
      if (selections.size < 10_000) selections.set(key, id);
    }
    const table = ex(host).encodingTable(id);
    if (!tables.loaded.has(table) || ex(host).bpeIsLoaded(table) === 0) tables.load(host, table);
    return id;
  };

  const countText = (ctx: WasmBindingContext, text: string, id: number): CountTokensOutput => {
    const { host } = ctx;
    const outcome = host.guard('countText', () => {
      const { ptr, len } = host.writeScratchUtf8(text);
      const n = ex(host).countText(id, ptr, len);
      if (n !== SPECIAL_FOUND) return n;
      const at = ptr + ex(host).lastSpecialOffset();
      const token = new TextDecoder().decode(host.bytes().subarray(at, at + ex(host).lastSpecialLength()));
      throw tokenizerErrors.error('SPECIAL_TOKEN_DISALLOWED', `the text contains a special token that is not allowed: ${token}`, { runtime: 'wasm', operation: 'countTokens', token });
    });
    if (typeof outcome !== 'number') throw ctx.fail('countTokens', outcome);
    if (outcome < 0) throw new ModuleKitError('WASM_ABI', `tokenizer: the encoder failed with code ${outcome}`, { module: 'tokenizer', runtime: 'wasm', operation: 'countTokens' });
    return { tokens: outcome, encoding: ENCODING_NAMES[id] as CountTokensOutput['encoding'] };
  };

  const factory = wasmRuntime<TokenizerContracts>({
    module: 'tokenizer',
    errors: tokenizerErrors,
    artifact: 'tokenizer.wasm',
    from: import.meta.url,
    ...(options.dir === undefined ? {} : { dir: options.dir }),
    operations: {
      countTokens: (ctx, input: CountTokensInput) => {
        const id = select(ctx.host, input.model, input.encoding);
        return 'text' in input ? countText(ctx, input.text, id) : ctx.json('countTokens', input);
      },
      segment: 'json',
    },
    onInstance: (host) => {
      for (const table of tables.loaded) tables.load(host, table);
    },
    prepare: (ctx) => {
      dir = ctx.dir;
      try {
        select(ctx.host, undefined, 'cl100k_base'); // llms's default encoder, ready before the first call
      } catch (cause) {
        throw new ModuleKitError('RUNTIME_INIT_FAILED', `tokenizer: cannot load the default rank table: ${(cause as Error).message}`, { module: 'tokenizer', runtime: 'wasm' }, { cause });
      }
    },
    facts: () => ({ bindings: { countTokens: 'tokenizer.wasm countText fast path (text) / export countTokens (JSON)', segment: 'tokenizer.wasm export segment (JSON)' } }),
  });
  return factory();
}
