// Loading llms files by path: llms's `exports` maps hide these files, and the 0.6 package root cannot
// load on Linux (it needs a macOS-only native binary). (The tokenizer has the same helper; it belongs
// in module-kit, see the README.)
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = createRequire(import.meta.url);

/** The two llms packages the module binds to. */
export const LLMS_06 = '@jsonstudio/llms';
export const LLMS_042 = 'rcc-llmswitch-core';

function packageDir(name: string): string {
  for (const base of here.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`package ${name} is not installed`);
}

/** The installed version of a package (from its package.json). */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Imports one file of an installed package by path. */
export async function importPackageFile<T>(name: string, file: string): Promise<T> {
  return (await import(pathToFileURL(join(packageDir(name), file)).href)) as T;
}
