// The modules of the design, and where the CLI's defaults find their packages: `@llms-wasm/<id>`
// resolved from the working directory first, then from this package's own install (it depends on the
// modules that exist, for these defaults only). The orchestrator itself is never asked to know them.
import { fileURLToPath } from 'node:url';
import { resolveModuleSpecifier } from '@llms-wasm/orchestrator';
import { UsageError } from './io.js';

/** Every module of the design, in migration order. */
export const KNOWN_MODULES = ['tokenizer', 'tools', 'compat', 'streaming', 'routing'] as const;

/** Where a known module's package was found, if anywhere. */
export interface LocatedModule {
  readonly id: string;
  readonly specifier: string;
  /** The `file:` URL it imports from, or null when it is not installed (or not built). */
  readonly url: string | null;
  /** `cwd`: the working directory's packages; `cli`: the CLI's own dependency. */
  readonly from: 'cwd' | 'cli' | null;
}

const OWN_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Finds `@llms-wasm/<id>` from `cwd`, then from the CLI's own folder. */
export function locateModule(id: string, cwd: string): LocatedModule {
  const specifier = `@llms-wasm/${id}`;
  for (const [from, dir] of [['cwd', cwd], ['cli', OWN_DIR]] as const) {
    try {
      return { id, specifier, url: resolveModuleSpecifier(specifier, dir), from };
    } catch {
      // not there: try the next place
    }
  }
  return { id, specifier, url: null, from: null };
}

/**
 * The modules a command works on: `wanted` (every known one when empty), each located. An unknown name
 * is refused listing the known ones and which of them are installed; with `requireInstalled`, so is a
 * known one that is not installed.
 * @throws UsageError
 */
export function selectModules(command: string, wanted: readonly string[], cwd: string, requireInstalled: boolean): LocatedModule[] {
  const located = KNOWN_MODULES.map((id) => locateModule(id, cwd));
  const installed = located.filter((m) => m.url !== null).map((m) => m.id);
  const list = `known: ${KNOWN_MODULES.join(', ')}; installed: ${installed.join(', ') || 'none'}`;
  for (const id of wanted) {
    const known = located.find((m) => m.id === id);
    if (known === undefined) throw new UsageError(`${command}: unknown module "${id}" (${list})`);
    if (requireInstalled && known.url === null) throw new UsageError(`${command}: module "${id}" is not installed (${list})`);
  }
  return wanted.length === 0 ? located : located.filter((m) => wanted.includes(m.id));
}

/** `--modules a,b` as a list. */
export function moduleList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((m) => m.trim()).filter(Boolean);
}
