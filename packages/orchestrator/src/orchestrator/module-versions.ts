import type { AnyModule } from '../shadow/load-modules.js';

/** What a record and a summary row say about the code that produced them. */
export interface ModuleVersions {
  /** The module package's version. */
  readonly module_version: string;
  /** sha256 of the `.wasm` the WASM runtime loaded, `''` while it is not (or could not be) loaded. */
  readonly wasm_digest: string;
  /** The TS runtime's upstream packages, `name@version` sorted and joined by `,`, `''` when it reports none. */
  readonly llms_version: string;
}

/** The versions of one module as its runtimes report them now. */
export function versionsOf(mod: AnyModule): ModuleVersions {
  const wasm = mod.stats('wasm');
  const ts = mod.stats('ts');
  const upstream = Object.entries(ts.upstream ?? {})
    .map(([name, version]) => `${name}@${version}`)
    .sort()
    .join(',');
  return { module_version: mod.version, wasm_digest: wasm.artifact?.sha256 ?? '', llms_version: upstream };
}

/**
 * Versions per module, read once both runtimes have settled (ready or failed); until then they are read
 * again on each use, so a call made before `start()` is not stamped with an empty digest forever.
 */
export function moduleVersions(modules: ReadonlyMap<string, AnyModule>): (module: string) => ModuleVersions {
  const settled = new Map<string, ModuleVersions>();
  const none: ModuleVersions = { module_version: '', wasm_digest: '', llms_version: '' };
  return (id) => {
    const known = settled.get(id);
    if (known) return known;
    const mod = modules.get(id);
    if (!mod) return none;
    const versions = versionsOf(mod);
    if (mod.stats('ts').state !== 'unloaded' && mod.stats('wasm').state !== 'unloaded') settled.set(id, versions);
    return versions;
  };
}
