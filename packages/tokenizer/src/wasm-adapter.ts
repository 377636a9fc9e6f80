import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModuleKitError, WasmHost, wasmFailure, type RuntimeInstance } from '@llms-wasm/module-kit';
import { EncodingName, type CountTokensInput, type CountTokensOutput, type SegmentInput, type SegmentOutput } from './contract.js';
import type { TokenizerContracts } from './operations.js';

/** Encoding names by the WASM side's name id (the order of the contract's EncodingName union). */
const ENCODING_NAMES: readonly string[] = EncodingName.anyOf.map((schema) => schema.const);
const SPECIAL_FOUND = -1000;
const OPERATION_CODES: ReadonlySet<string> = new Set(['SPECIAL_TOKEN_DISALLOWED']);

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

/** The directory holding tokenizer.wasm and ranks/: next to the bundle, or ../dist from the sources. */
function artifactsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, '..', 'dist')]) if (existsSync(join(dir, 'tokenizer.wasm'))) return dir;
  throw new Error(`tokenizer.wasm not found next to ${here} or in ../dist (run the package build)`);
}

/** Where the WASM runtime finds its binary and rank tables. */
export interface WasmRuntimeOptions {
  /** Directory with tokenizer.wasm and ranks/ (default: the package's dist). */
  readonly dir?: string;
}

/**
 * The WebAssembly runtime: this package's own byte-pair encoder (dist/tokenizer.wasm) with tiktoken's
 * rank tables (dist/ranks/*.bin, generated from the tiktoken npm package at build time). Plain-text
 * counts take the fast path (UTF-8 written straight into linear memory, a number back); everything
 * else goes through the JSON ABI. Rank tables load on first use and are reloaded if a trap replaced
 * the instance.
 * @throws (at load) when the binary or the default rank table is missing or malformed
 */
export async function createWasmRuntime(options: WasmRuntimeOptions = {}): Promise<RuntimeInstance<TokenizerContracts>> {
  const dir = options.dir ?? artifactsDir();
  const manifest = JSON.parse(readFileSync(join(dir, 'ranks', 'manifest.json'), 'utf8')) as RankManifest;
  const blobs = new Map<number, Uint8Array>();
  const loaded = new Set<number>();

  const loadTable = (host: WasmHost, table: number): void => {
    const entry = manifest.tables.find((t) => t.id === table);
    if (!entry) throw new Error(`rank table ${table} is not in ranks/manifest.json`);
    let blob = blobs.get(table);
    if (!blob) {
      blob = new Uint8Array(readFileSync(join(dir, 'ranks', entry.file)));
      blobs.set(table, blob);
    }
    const ptr = host.writeBytes(blob);
    const rc = (host.exports as unknown as TokenizerExports).bpeLoad(table, ptr, blob.length);
    host.free(ptr);
    if (rc !== 0) throw new Error(`rank table ${entry.name} was refused by the encoder (code ${rc})`);
    loaded.add(table);
  };

  const host = await WasmHost.load({
    name: 'tokenizer',
    wasm: join(dir, 'tokenizer.wasm'),
    onInstance: (h) => {
      for (const table of loaded) loadTable(h, table);
    },
  });
  const ex = (): TokenizerExports => host.exports as unknown as TokenizerExports;
  const selections = new Map<string, number>();

  /** Encoding name id for the input's model/encoding, with its rank table loaded. */
  const select = (model: string | undefined, encoding: string | undefined): number => {
    const key = encoding === undefined ? `m:${model ?? ''}` : `e:${encoding}`;
    let id = selections.get(key);
    if (id === undefined) {
      if (encoding !== undefined) id = ENCODING_NAMES.indexOf(encoding);
      else if (model === undefined) id = ex().selectEncoding(0, -1, -1);
      else {
        const { ptr, len } = host.writeScratchUtf8(model);
        id = ex().selectEncoding(ptr, len, -1);
      }
      if (selections.size < 10_000) selections.set(key, id);
    }
    const table = ex().encodingTable(id);
    if (!loaded.has(table) || ex().bpeIsLoaded(table) === 0) loadTable(host, table);
    return id;
  };

  try {
    select(undefined, 'cl100k_base'); // llms's default encoder, ready before the first call
  } catch (cause) {
    throw new ModuleKitError('RUNTIME_INIT_FAILED', `tokenizer: cannot load the default rank table: ${(cause as Error).message}`, { module: 'tokenizer', runtime: 'wasm' }, { cause });
  }

  const countText = (text: string, id: number): CountTokensOutput => {
    const outcome = host.guard('countText', () => {
      const { ptr, len } = host.writeScratchUtf8(text);
      const n = ex().countText(id, ptr, len);
      if (n !== SPECIAL_FOUND) return n;
      const at = ptr + ex().lastSpecialOffset();
      throw new ModuleKitError('OPERATION_FAILED', `tokenizer: the text contains a special token that is not allowed: ${new TextDecoder().decode(host.bytes().subarray(at, at + ex().lastSpecialLength()))}`, {
        module: 'tokenizer',
        runtime: 'wasm',
        operation: 'countTokens',
        code: 'SPECIAL_TOKEN_DISALLOWED',
      });
    });
    if (typeof outcome !== 'number') throw wasmFailure(outcome, { module: 'tokenizer', operation: 'countTokens', operationCodes: OPERATION_CODES });
    if (outcome < 0) throw new ModuleKitError('WASM_ABI', `tokenizer: the encoder failed with code ${outcome}`, { module: 'tokenizer', runtime: 'wasm', operation: 'countTokens' });
    return { tokens: outcome, encoding: ENCODING_NAMES[id] as CountTokensOutput['encoding'] };
  };

  const callJson = <T>(operation: 'countTokens' | 'segment', input: unknown): T => {
    const result = host.callJson(operation, input);
    if (!result.ok) throw wasmFailure(result, { module: 'tokenizer', operation, operationCodes: OPERATION_CODES });
    return result.value as T;
  };

  const countTokens = (input: CountTokensInput): CountTokensOutput => {
    const id = select(input.model, input.encoding);
    return 'text' in input ? countText(input.text, id) : callJson<CountTokensOutput>('countTokens', input);
  };
  const segment = (input: SegmentInput): SegmentOutput => callJson<SegmentOutput>('segment', input);

  return {
    operations: { countTokens, segment },
    describe: () => ({ ...host.stats(), rankTablesLoaded: manifest.tables.filter((t) => loaded.has(t.id)).map((t) => t.name) }),
  };
}
