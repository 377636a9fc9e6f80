// Every token counter the benchmarks compare, each built the way its users build it. A counter takes a
// text and returns its token count (sync or async).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(pkgRoot, 'package.json'));

/** The BPE core alone (dist/bpe-harness.wasm), loaded the way the host loads it. */
async function loadCore(enc) {
  const manifest = JSON.parse(readFileSync(join(pkgRoot, 'dist/ranks/manifest.json'), 'utf8'));
  const info = manifest.encodings.find((e) => e.name === enc);
  const { instance } = await WebAssembly.instantiate(readFileSync(join(pkgRoot, 'dist/bpe-harness.wasm')), {
    env: {
      abort() {
        throw new Error('wasm abort');
      },
    },
  });
  const x = instance.exports;
  const blob = readFileSync(join(pkgRoot, 'dist/ranks', manifest.tables[info.table].file));
  const p = x.alloc(blob.length);
  new Uint8Array(x.memory.buffer, p, blob.length).set(blob);
  if (x.bpeLoad(info.table, p, blob.length) !== 0) throw new Error(`bpeLoad(${info.table}) failed`);
  x.free(p);
  return { x, id: info.id };
}

function coreCounter({ x, id }, clearCache) {
  const utf8 = new TextEncoder();
  let ptr = 0;
  let cap = 0;
  return (text) => {
    const max = text.length * 3;
    if (max > cap) {
      if (ptr) x.free(ptr);
      cap = Math.max(max, 4096);
      ptr = x.alloc(cap);
    }
    const { written } = utf8.encodeInto(text, new Uint8Array(x.memory.buffer, ptr, max));
    if (x.bpeFindSpecial(id, ptr, written) >= 0) throw new Error('special token');
    if (clearCache) x.bpeCacheClear();
    return x.bpeCount(id, ptr, written);
  };
}

/**
 * name -> { load, init }: `load` imports the package (module loading, paid once per process), `init`
 * builds a counter for one encoding (instantiation, rank tables). The benchmark times them separately.
 */
export const IMPLEMENTATIONS = {
  /** This package's WASM runtime through its public API (validation, fast path, timing included). */
  'wasm (module)': {
    load: () => import(join(pkgRoot, 'dist/index.js')),
    init: async ({ tokenizer }, enc) => {
      await tokenizer.init('wasm');
      return async (text) => (await tokenizer.runtimes.wasm.countTokens({ text, encoding: enc })).tokens;
    },
  },
  /** The TS runtime: llms's tiktoken binding through the same public API. */
  'ts adapter (llms)': {
    load: () => import(join(pkgRoot, 'dist/index.js')),
    init: async ({ tokenizer }, enc) => {
      await tokenizer.init('ts');
      return async (text) => (await tokenizer.runtimes.ts.countTokens({ text, encoding: enc })).tokens;
    },
  },
  core: { load: async () => null, init: async (_, enc) => coreCounter(await loadCore(enc), false) },
  'core, no cache': { load: async () => null, init: async (_, enc) => coreCounter(await loadCore(enc), true) },
  tiktoken: {
    load: async () => require('tiktoken'),
    init: async (tiktoken, enc) => {
      const t = tiktoken.get_encoding(enc);
      return (text) => t.encode(text).length;
    },
  },
  'js-tiktoken': {
    load: async () => require('js-tiktoken'),
    init: async (jsTiktoken, enc) => {
      const t = jsTiktoken.getEncoding(enc);
      return (text) => t.encode(text).length;
    },
  },
  'gpt-tokenizer': {
    // gpt-tokenizer ships one module per encoding: loading it is loading the encoding.
    load: async () => null,
    init: async (_, enc) => {
      const g = await import(`gpt-tokenizer/encoding/${enc}`);
      return (text) => g.countTokens(text);
    },
  },
};
