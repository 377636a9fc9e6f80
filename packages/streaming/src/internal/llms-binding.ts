import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = createRequire(import.meta.url);

/** Directory of an installed package, found without its `exports` map (llms exports only a few subpaths). */
function packageDir(name: string): string {
  for (const base of here.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`package ${name} is not installed`);
}

/** The installed version of an llms package (its package.json, read without its `exports` map). */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The two llms packages the streaming module binds to. */
export const LLMS_06 = '@jsonstudio/llms';
export const LLMS_042 = 'rcc-llmswitch-core';

/** Imports one file of an installed llms package by path (the "imported by path" bindings of docs/module-boundaries.md). */
export async function importLlmsFile<T>(name: typeof LLMS_06 | typeof LLMS_042, file: string): Promise<T> {
  return (await import(pathToFileURL(join(packageDir(name), file)).href)) as T;
}
