import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModuleKitError } from '../errors.js';
import type { ArtifactStats } from '../runtime-stats.js';

/** A module's `.wasm`, read and checked against the digest its build wrote beside it. */
export interface LoadedArtifact extends ArtifactStats {
  readonly binary: Uint8Array;
}

/**
 * The directory holding `file`: `dir` when given, else next to `fromUrl` (the bundle in dist/), else
 * `../dist` from it (the sources under src/).
 * @throws ModuleKitError `RUNTIME_INIT_FAILED` when it is in neither place
 */
export function artifactDir(module: string, file: string, fromUrl: string, dir?: string): string {
  if (dir !== undefined) return dir;
  const here = dirname(fileURLToPath(fromUrl));
  for (const candidate of [here, join(here, '..', 'dist')]) if (existsSync(join(candidate, file))) return candidate;
  throw new ModuleKitError('RUNTIME_INIT_FAILED', `${module}: ${file} not found next to ${here} or in ../dist (run the package build)`, { module, runtime: 'wasm' });
}

/**
 * Reads `<dir>/<file>` and its sha256; when the build's `<file>.sha256` is there, the bytes must
 * match it (a stale or corrupted artifact never loads).
 * @throws ModuleKitError `RUNTIME_INIT_FAILED` for a missing file or a digest mismatch
 */
export function loadArtifact(module: string, dir: string, file: string): LoadedArtifact {
  const path = join(dir, file);
  let binary: Uint8Array;
  try {
    binary = new Uint8Array(readFileSync(path));
  } catch (cause) {
    throw new ModuleKitError('RUNTIME_INIT_FAILED', `${module}: cannot read ${path} (${(cause as Error).message})`, { module, runtime: 'wasm' }, { cause });
  }
  const sha256 = createHash('sha256').update(binary).digest('hex');
  const digestFile = `${path}.sha256`;
  if (existsSync(digestFile)) {
    const expected = readFileSync(digestFile, 'utf8').trim();
    if (expected !== sha256) {
      throw new ModuleKitError('RUNTIME_INIT_FAILED', `${module}: ${file} has sha256 ${sha256}, its build wrote ${expected} (stale or corrupted artifact: rebuild)`, { module, runtime: 'wasm' });
    }
  }
  return { binary, file: path, bytes: binary.length, sha256 };
}
