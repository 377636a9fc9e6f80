// Builds the tools module's WebAssembly side with asc (-O3, incremental runtime):
//   assembly/index.ts   -> dist/tools.wasm          (the module: one export per operation, the llms-wasm ABI)
//   assembly/harness.ts -> dist/tools-harness.wasm  (internal helpers exposed for unit tests only)
//
// Usage: node scripts/build-wasm.mjs [--only-module]
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const pkgRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(pkgRoot, 'dist');
const ASC_FLAGS = ['-O3', '--runtime', 'incremental'];

async function compile(entry, outFile) {
  const started = performance.now();
  const { error } = await asc.main([join(pkgRoot, entry), ...ASC_FLAGS, '-o', join(dist, outFile)], { stdout: process.stdout, stderr: process.stderr });
  if (error) throw new Error(`asc failed for ${entry}: ${error.message}`);
  console.log(`build-wasm: ${entry} -> dist/${outFile} (${Math.round(performance.now() - started)} ms)`);
}

mkdirSync(dist, { recursive: true });
await compile('assembly/index.ts', 'tools.wasm');
if (!process.argv.includes('--only-module')) await compile('assembly/harness.ts', 'tools-harness.wasm');
