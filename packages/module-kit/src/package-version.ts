import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModuleKitError } from './errors.js';

/** The name and version of the package a file belongs to. */
export interface PackageInfo {
  readonly name: string;
  readonly version: string;
}

/**
 * The nearest package.json above `fileUrl` (a module's `import.meta.url`), so a module's `version` is
 * the one `changeset version` writes, never a literal that drifts. Works from `src/` and from `dist/`.
 * @throws ModuleKitError `MODULE_INVALID` when no package.json with a name and version is found
 * @example export const tokenizer = defineModule({ ...packageInfo(import.meta.url), id: 'tokenizer', … })
 */
export function packageInfo(fileUrl: string): PackageInfo {
  for (let dir = dirname(fileURLToPath(fileUrl)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (typeof pkg.name === 'string' && typeof pkg.version === 'string') return { name: pkg.name, version: pkg.version };
    }
    if (dirname(dir) === dir) break;
  }
  throw new ModuleKitError('MODULE_INVALID', `no package.json with a name and version above ${fileUrl}`);
}
