import type { Ruleset } from '@llms-wasm/module-kit';
import type { VersionSnapshot } from '../records/replay-run.js';
import type { ModuleVersions } from './module-versions.js';

/**
 * The versions a run compared, over the modules it ran: the TS runtimes' upstream packages
 * (`tokenizer=@jsonstudio/llms@0.6.3689`), each module's package version and `.wasm` digest
 * (`tokenizer@0.2.0#sha256:ab12…`), the ruleset in force, the compat module's version as its provider
 * profile version (`''` when compat did not run), and the ruleset's SSE protocol version.
 */
export function versionSnapshot(modules: readonly string[], versions: (module: string) => ModuleVersions, ruleset: Ruleset): VersionSnapshot {
  const sorted = [...modules].sort();
  const each = sorted.map((id) => ({ id, ...versions(id) }));
  return {
    ts_version: each.map((v) => `${v.id}=${v.llms_version === '' ? '-' : v.llms_version}`).join(';'),
    wasm_version: each.map((v) => `${v.id}@${v.module_version}#${v.wasm_digest === '' ? 'not-loaded' : `sha256:${v.wasm_digest}`}`).join(';'),
    ruleset_version: ruleset.version,
    compat_profile_version: sorted.includes('compat') ? `compat@${versions('compat').module_version}` : '',
    sse_protocol_version: ruleset.sse_protocol.version,
  };
}
