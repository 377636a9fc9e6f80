// Builds the streaming module's WebAssembly side: assembly/index.ts -> dist/streaming.wasm
// (asc -O3, incremental runtime).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const pkgRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildWasm() {
  mkdirSync(join(pkgRoot, 'dist'), { recursive: true });
  const started = performance.now();
  const { error } = await asc.main([join(pkgRoot, 'assembly/index.ts'), '-O3', '--runtime', 'incremental', '-o', join(pkgRoot, 'dist/streaming.wasm')], {
    stdout: process.stdout,
    stderr: process.stderr,
  });
  if (error) throw new Error(`asc failed for assembly/index.ts: ${error.message}`);
  console.log(`build-wasm: assembly/index.ts -> dist/streaming.wasm (${Math.round(performance.now() - started)} ms)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildWasm();
