// Builds the streaming module's WebAssembly side with module-kit's shared build: generates the declared
// error codes (from dist/errors.js, so it runs after tsup), then compiles
//   assembly/index.ts -> dist/streaming.wasm (+ .sha256)
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileWasm, writeAssemblyErrors } from '@llms-wasm/module-kit/build';

const pkgRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Linear memory cap: a few sessions at their 64 MiB budget plus a 64 MiB whole input. */
const MAXIMUM_MEMORY_MB = 1024;

export async function buildWasm() {
  const { streamingErrors } = await import(pathToFileURL(join(pkgRoot, 'dist', 'errors.js')).href);
  writeAssemblyErrors(streamingErrors, join(pkgRoot, 'assembly', 'generated', 'errors.ts'));
  await compileWasm({ cwd: pkgRoot, entry: 'assembly/index.ts', outFile: 'dist/streaming.wasm', maximumMemoryMb: MAXIMUM_MEMORY_MB });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildWasm();
