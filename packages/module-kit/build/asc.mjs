// The one WebAssembly build every llms-wasm module uses (asc options in one place):
//   import { compileWasm } from '@llms-wasm/module-kit/build';
//   await compileWasm({ entry: 'assembly/index.ts', outFile: 'dist/tools.wasm', maximumMemoryMb: 256 });
// writes dist/tools.wasm and dist/tools.wasm.sha256 (hex digest of the bytes, checked by the runtime at load).
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import asc from 'assemblyscript/asc';

/**
 * Options every module is compiled with: -O3, the incremental GC runtime, WebAssembly SIMD (Node 20
 * has it), no exported runtime helpers. `maximumMemory` is added per module.
 */
export const ASC_FLAGS = Object.freeze(['-O3', '--runtime', 'incremental', '--enable', 'simd']);

/** Flags for tests and fixtures: the same features, faster to compile. */
export const ASC_TEST_FLAGS = Object.freeze(['-O1', '--runtime', 'incremental', '--enable', 'simd']);

const PAGE = 65536;

/** sha256 (hex) of bytes. */
export function sha256Hex(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Writes an AssemblyScript file with one string constant per module error code, so the WASM side
 * reports exactly the codes the module declares (`defineErrors`) and never spells one itself.
 * Returns the file's path. The file is generated: keep it out of git.
 */
export function writeAssemblyErrors(errors, outFile) {
  if (!errors || !Array.isArray(errors.codes)) throw new Error('writeAssemblyErrors: pass the module\'s defineErrors() value');
  const lines = [
    `// Generated from the ${errors.module} module's declared errors (src/errors.ts) by its build. Do not edit.`,
    ...errors.codes.map((code) => `/** ${String(errors.descriptions[code]).replace(/\*\//g, '* /')} */\nexport const ${code}: string = '${code}';`),
    '',
  ];
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, lines.join('\n'));
  return outFile;
}

/**
 * Compiles `entry` (relative to `cwd`) into `outFile` with the shared flags and a memory cap, and
 * writes `<outFile>.sha256` beside it. Resolves with the size and digest; rejects with asc's message.
 */
export async function compileWasm({ entry, outFile, maximumMemoryMb, cwd = process.cwd(), flags = ASC_FLAGS, quiet = false }) {
  if (!Number.isInteger(maximumMemoryMb) || maximumMemoryMb < 1 || maximumMemoryMb > 4096) {
    throw new Error(`compileWasm: maximumMemoryMb must be an integer in 1..4096 (got ${maximumMemoryMb})`);
  }
  const started = performance.now();
  const out = resolve(cwd, outFile);
  mkdirSync(dirname(out), { recursive: true });
  const stderr = asc.createMemoryStream();
  let binary;
  const pages = Math.floor((maximumMemoryMb * 1024 * 1024) / PAGE);
  const { error } = await asc.main([resolve(cwd, entry), ...flags, '--maximumMemory', String(pages), '--outFile', out], {
    stderr,
    writeFile: (name, contents) => {
      if (name.endsWith('.wasm')) binary = contents;
    },
  });
  if (error || binary === undefined) throw new Error(`asc failed for ${entry}: ${error?.message ?? 'no output'}\n${stderr.toString()}`);
  const digest = sha256Hex(binary);
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, binary);
  renameSync(tmp, out);
  writeFileSync(`${out}.sha256`, `${digest}\n`);
  if (!quiet) console.log(`build-wasm: ${entry} -> ${outFile} (${binary.length} bytes, max ${maximumMemoryMb} MiB, sha256 ${digest.slice(0, 12)}…, ${Math.round(performance.now() - started)} ms)`);
  return { bytes: binary.length, sha256: digest, maximumMemoryPages: pages };
}
