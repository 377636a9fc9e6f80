// Builds the tools module's WebAssembly side with module-kit's shared build: generates the WASM side's
// error constants from the declared errors (dist/errors.js, so this runs after tsup), then compiles
//   assembly/index.ts   -> dist/tools.wasm          (the module: one export per operation, the llms-wasm ABI)
//   assembly/harness.ts -> dist/tools-harness.wasm  (internal helpers exposed for unit tests only)
// each with its .sha256 beside it.
//
// Usage: node scripts/build-wasm.mjs [--only-module]
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileWasm, writeAssemblyErrors } from '@llms-wasm/module-kit/build';

const pkgRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(pkgRoot, 'dist');

/** Linear memory cap: a 64 MiB input (the host's limit), its tape and value tree, and the output. */
const MAXIMUM_MEMORY_MB = 1024;

mkdirSync(dist, { recursive: true });
const { toolsErrors } = await import(pathToFileURL(join(dist, 'errors.js')).href);
writeAssemblyErrors(toolsErrors, join(pkgRoot, 'assembly', 'generated', 'errors.ts'));
await compileWasm({ cwd: pkgRoot, entry: 'assembly/index.ts', outFile: 'dist/tools.wasm', maximumMemoryMb: MAXIMUM_MEMORY_MB });
if (!process.argv.includes('--only-module')) await compileWasm({ cwd: pkgRoot, entry: 'assembly/harness.ts', outFile: 'dist/tools-harness.wasm', maximumMemoryMb: 64 });
