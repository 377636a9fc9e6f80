import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = createRequire(import.meta.url);

/**
 * Directory of an installed package, found without going through its `exports` map (llms exports only
 * its root and a few subpaths, and the root cannot load on Linux: it needs a macOS-only native binary).
 */
export function packageDir(name: string, from: NodeJS.Require = here): string {
  for (const base of from.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`package ${name} is not installed`);
}

/** The installed version of a package (from its package.json). */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Imports one file of an installed package by path (the "imported by path" bindings in docs/module-boundaries.md). */
export async function importPackageFile<T>(name: string, file: string): Promise<T> {
  return (await import(pathToFileURL(join(packageDir(name), file)).href)) as T;
}

/** `require` as seen from inside an installed package, so its own dependencies resolve to the copies it uses. */
export function requireFrom(name: string): NodeJS.Require {
  return createRequire(join(packageDir(name), 'package.json'));
}
