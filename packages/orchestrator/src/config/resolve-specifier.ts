// Module specifiers resolve from the config's folder, not from this package's install location: the
// orchestrator depends on no module package (decision 0013's companion, issue 7 section 9).
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolve as resolveImport } from 'import-meta-resolve';
import { OrchestratorError } from '../errors.js';

/**
 * The `file:` URL an ESM `import` of `specifier` from `baseDir` loads: a `file:` URL is kept, an absolute
 * path or one starting with `./` or `../` (relative to `baseDir`) becomes a URL, and a package specifier
 * is resolved as Node resolves it (the package's `exports`, `import` condition) from `baseDir`.
 * @param field Named in the error (`config/modules/tokenizer/import`).
 * @throws OrchestratorError `CONFIG_INVALID` when nothing can be found, naming `field`, the specifier and the folder
 * @example
 * resolveModuleSpecifier('@llms-wasm/tokenizer', process.cwd()); // 'file:///…/node_modules/…/dist/index.js'
 */
export function resolveModuleSpecifier(specifier: string, baseDir: string, field = 'import'): string {
  if (specifier.startsWith('file:')) return specifier;
  const path = isAbsolute(specifier) ? specifier : /^\.\.?\//.test(specifier) ? resolve(baseDir, specifier) : null;
  if (path !== null) {
    if (!existsSync(path)) throw new OrchestratorError('CONFIG_INVALID', `${field}: ${path} does not exist`, { field });
    return pathToFileURL(path).href;
  }
  try {
    return resolveImport(specifier, pathToFileURL(join(resolve(baseDir), '/')).href);
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    throw new OrchestratorError(
      'CONFIG_INVALID',
      `${field}: cannot resolve "${specifier}" from ${resolve(baseDir)}${code === 'ERR_MODULE_NOT_FOUND' ? ' (not installed there)' : `: ${(cause as Error).message}`}`,
      { field, ...(typeof code === 'string' ? { code } : {}) },
      { cause },
    );
  }
}
