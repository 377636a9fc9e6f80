import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ModuleKitError } from './errors.js';

/** An installed upstream package a TS runtime binds to (llms), found from the module's own location. */
export interface UpstreamPackage {
  readonly name: string;
  /** Its directory (found without its `exports` map, which hides the files bound by path). */
  readonly dir: string;
  /** Its installed version (records name it). */
  readonly version: string;
  /** Imports one of its files by path (e.g. `dist/router/virtual-router/token-counter.js`). */
  importFile<T>(file: string): Promise<T>;
  /** `require` as seen from inside it, so its own dependencies resolve to the copies it uses. */
  readonly require: NodeJS.Require;
}

const resolved = new Map<string, UpstreamPackage>();

/**
 * The installed package `name` (resolved once per caller), resolved from `fromUrl` (the binding module's `import.meta.url`), for
 * TS runtimes that bind to files an upstream package does not export (llms 0.6's root cannot load on
 * Linux, so its runnable files are imported by path).
 * @throws ModuleKitError `RUNTIME_INIT_FAILED` when the package is not installed there
 * @example const llms = upstreamPackage('@jsonstudio/llms', import.meta.url); await llms.importFile('dist/sse/index.js')
 */
export function upstreamPackage(name: string, fromUrl: string): UpstreamPackage {
  const key = `${name}\u0000${fromUrl}`;
  const known = resolved.get(key);
  if (known) return known;
  const from = createRequire(fromUrl);
  const dir = (from.resolve.paths(name) ?? []).map((base) => join(base, name)).find((d) => existsSync(join(d, 'package.json')));
  if (dir === undefined) throw new ModuleKitError('RUNTIME_INIT_FAILED', `package ${name} is not installed next to ${fromUrl}`, { package: name });
  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown }).version;
  const found: UpstreamPackage = {
    name,
    dir,
    version: typeof version === 'string' ? version : 'unknown',
    importFile: async <T>(file: string): Promise<T> => (await import(pathToFileURL(join(dir, file)).href)) as T,
    require: createRequire(join(dir, 'package.json')),
  };
  resolved.set(key, found);
  return found;
}
