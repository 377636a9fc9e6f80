// Builds the tokenizer's WebAssembly side with module-kit's shared build: runs the generators (Unicode
// class tables, rank blobs, the model table, the declared error codes), then compiles
//   assembly/bpe/harness.ts -> dist/bpe-harness.wasm   (BPE core + alloc/free, for tests and benches)
//   assembly/index.ts       -> dist/tokenizer.wasm     (the module's ABI entry)
// each with its .sha256 beside it. Runs after tsup (it reads the declared errors from dist/errors.js).
//
// Usage: node scripts/build-wasm.mjs [--only-harness]
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileWasm, writeAssemblyErrors } from '@llms-wasm/module-kit/build';
import { generateRanks } from './gen-ranks.mjs';
import { generateUnicode } from './gen-unicode.mjs';

const pkgRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(pkgRoot, 'dist');

/** Linear memory cap: the largest rank table (o200k) plus caches and a 64 MiB input. */
const MAXIMUM_MEMORY_MB = 512;

export async function buildWasm({ onlyHarness = false } = {}) {
  mkdirSync(dist, { recursive: true });
  await generateUnicode();
  const manifest = generateRanks();
  console.log(`build-wasm: generated class tables and ${manifest.tables.length} rank blobs in dist/ranks/`);
  await compileWasm({ cwd: pkgRoot, entry: 'assembly/bpe/harness.ts', outFile: 'dist/bpe-harness.wasm', maximumMemoryMb: MAXIMUM_MEMORY_MB });
  if (onlyHarness) return;
  execFileSync(process.execPath, [join(pkgRoot, 'scripts', 'gen-models.mjs')], { stdio: 'inherit' });
  const { tokenizerErrors } = await import(pathToFileURL(join(dist, 'errors.js')).href);
  writeAssemblyErrors(tokenizerErrors, join(pkgRoot, 'assembly', 'generated', 'errors.ts'));
  await compileWasm({ cwd: pkgRoot, entry: 'assembly/index.ts', outFile: 'dist/tokenizer.wasm', maximumMemoryMb: MAXIMUM_MEMORY_MB });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWasm({ onlyHarness: process.argv.includes('--only-harness') });
}
