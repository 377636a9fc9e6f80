// Builds the tokenizer's WebAssembly side: runs the generators (Unicode class tables, rank blobs,
// and scripts/gen-models.mjs when present: the model table assembly/index.ts uses), then compiles
// with asc (-O3, incremental runtime):
//   assembly/bpe/harness.ts -> dist/bpe-harness.wasm   (BPE core + alloc/free, for tests and benches)
//   assembly/index.ts       -> dist/tokenizer.wasm     (the module's ABI entry, when it exists)
//
// Usage: node scripts/build-wasm.mjs [--only-harness]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';
import { generateRanks } from './gen-ranks.mjs';
import { generateUnicode } from './gen-unicode.mjs';

const pkgRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(pkgRoot, 'dist');

const ASC_FLAGS = ['-O3', '--runtime', 'incremental'];

async function compile(entry, outFile) {
  const started = performance.now();
  const { error } = await asc.main([join(pkgRoot, entry), ...ASC_FLAGS, '-o', join(dist, outFile)], {
    stdout: process.stdout,
    stderr: process.stderr,
  });
  if (error) {
    throw new Error(`asc failed for ${entry}: ${error.message}`);
  }
  console.log(`build-wasm: ${entry} -> dist/${outFile} (${Math.round(performance.now() - started)} ms)`);
}

export async function buildWasm({ onlyHarness = false } = {}) {
  mkdirSync(dist, { recursive: true });
  await generateUnicode();
  const manifest = generateRanks();
  console.log(`build-wasm: generated class tables and ${manifest.tables.length} rank blobs in dist/ranks/`);
  await compile('assembly/bpe/harness.ts', 'bpe-harness.wasm');
  if (!onlyHarness && existsSync(join(pkgRoot, 'assembly', 'index.ts'))) {
    const genModels = join(pkgRoot, 'scripts', 'gen-models.mjs');
    if (existsSync(genModels)) execFileSync(process.execPath, [genModels], { stdio: 'inherit' });
    await compile('assembly/index.ts', 'tokenizer.wasm');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWasm({ onlyHarness: process.argv.includes('--only-harness') });
}
