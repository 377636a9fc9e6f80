import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Contracts, LlmsModule } from '@llms-wasm/module-kit';
import { OrchestratorError } from '../errors.js';
import type { ModuleSource } from './job.js';

/** Any defined module (the orchestrator knows modules only through module-kit). */
export type AnyModule = LlmsModule<Contracts>;

function looksLikeModule(value: unknown): value is AnyModule {
  const v = value as Partial<AnyModule> | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.call === 'function' && typeof v.init === 'function' && typeof v.canonicalize === 'function';
}

/**
 * Imports each configured module (same code in the main thread and in every shadow worker).
 * @throws OrchestratorError `CONFIG_INVALID` when a module cannot be imported or is not a module-kit module
 */
export async function loadModules(sources: readonly ModuleSource[]): Promise<Map<string, AnyModule>> {
  const out = new Map<string, AnyModule>();
  for (const source of sources) {
    const specifier = isAbsolute(source.import) ? pathToFileURL(source.import).href : source.import;
    let ns: Record<string, unknown>;
    try {
      ns = (await import(specifier)) as Record<string, unknown>;
    } catch (cause) {
      throw new OrchestratorError('CONFIG_INVALID', `module ${source.id}: cannot import ${source.import}: ${(cause as Error).message}`, { module: source.id }, { cause });
    }
    const mod = ns[source.export ?? source.id];
    if (!looksLikeModule(mod)) {
      throw new OrchestratorError('CONFIG_INVALID', `module ${source.id}: ${source.import} has no module-kit module named ${source.export ?? source.id}`, { module: source.id });
    }
    if (mod.id !== source.id) {
      throw new OrchestratorError('CONFIG_INVALID', `module ${source.id}: ${source.import} exports module "${mod.id}"`, { module: source.id });
    }
    out.set(source.id, mod);
  }
  return out;
}
