// Compiles test/assembly/harness.ts (and through it assembly/**) with the asc node API into
// .tmp/harness-<hash of the sources>.wasm. Every suite calls ensureHarness() in beforeAll: the
// first caller compiles (about 2 s), later ones reuse the file; a source change yields a new hash.
// Also usable as a vitest globalSetup (default export) to compile once before the workers start.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';
import { ASC_TEST_FLAGS } from '../../build/asc.mjs';

export const packageRoot: string = fileURLToPath(new URL('../../', import.meta.url));
const tmpDir = join(packageRoot, '.tmp');
const OPT = process.env['ASC_OPT'] ?? '-O2';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

function sourceHash(): string {
  const h = createHash('sha256').update(OPT);
  const files = [...sourceFiles(join(packageRoot, 'assembly')), join(packageRoot, 'test/assembly/harness.ts')].sort();
  for (const f of files) h.update(relative(packageRoot, f)).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

/** Compiles the harness to `outFile` (written atomically). */
export async function compileHarness(outFile: string, optimize: string = OPT): Promise<void> {
  mkdirSync(tmpDir, { recursive: true });
  const stderr = asc.createMemoryStream();
  let binary: Uint8Array | undefined;
  const { error } = await asc.main(
    ['test/assembly/harness.ts', '--outFile', 'harness.wasm', ...ASC_TEST_FLAGS.filter((f) => !f.startsWith('-O')), optimize],
    {
      stderr,
      readFile: (name: string, baseDir: string) => {
        const p = join(packageRoot, baseDir, name);
        return existsSync(p) ? readFileSync(p, 'utf8') : null;
      },
      writeFile: (name: string, contents: string | Uint8Array) => {
        if (name.endsWith('.wasm')) binary = contents as Uint8Array;
      },
      listFiles: () => [],
    },
  );
  if (error || binary === undefined) throw new Error(`asc failed: ${error?.message ?? 'no output'}\n${stderr.toString()}`);
  const tmp = `${outFile}.${process.pid}.${Date.now()}`;
  writeFileSync(tmp, binary);
  renameSync(tmp, outFile);
}

/** Path of a harness build matching the current sources, compiling it when missing. */
export async function ensureHarness(): Promise<string> {
  const name = `harness-${sourceHash()}.wasm`;
  const file = join(tmpDir, name);
  if (!existsSync(file)) {
    await compileHarness(file);
    // Builds of older sources are never used again.
    for (const old of readdirSync(tmpDir)) {
      if (old.startsWith('harness-') && old.endsWith('.wasm') && old !== name) rmSync(join(tmpDir, old), { force: true });
    }
  }
  return file;
}

/** vitest globalSetup entry. */
export default async function setup(): Promise<void> {
  await ensureHarness();
}
