import { openControlStore, type StoredOverride } from '@llms-wasm/orchestrator';
import { UsageError, type CliIo } from '../io.js';
import { whoAmI } from '../who.js';
import { reasonOf, scopeOf, targetModules, type OverrideScopeFlags } from './rollback.js';
import { storeTarget } from './store-target.js';

/** Options of `llms-wasm clear-override`: a target (`--module`/`--all` at a scope, or `--id`). */
export interface ClearOverrideFlags extends OverrideScopeFlags {
  readonly id?: string | undefined;
}

/**
 * Clears the overrides in force for the target (the rows stay, marked cleared by `user@host` with the
 * reason). Returns what was cleared; nothing cleared is not an error of use (exit code 1).
 * @throws UsageError for bad use
 */
export function clearOverride(flags: ClearOverrideFlags, io: CliIo): StoredOverride[] {
  const target = storeTarget('clear-override', flags, io);
  const reason = reasonOf('clear-override', flags, io, target.config?.store.redaction.keyEnv ?? 'LLMS_WASM_REDACTION_KEY');
  const by = { who: whoAmI(io.env), reason, at: Date.now() };
  let cleared: StoredOverride[] = [];
  if (flags.id !== undefined) {
    if (flags.module !== undefined || flags.all === true || flags.tenant !== undefined || flags.route !== undefined) throw new UsageError('clear-override: --id names one override: give it alone');
    const id = /^#?\d+$/.test(flags.id) ? Number(flags.id.replace('#', '')) : Number.NaN;
    if (!Number.isSafeInteger(id)) throw new UsageError(`clear-override: --id must be an override number (got "${flags.id}")`);
    const control = openControlStore(target.db, { busyTimeoutMs: 5000 });
    try {
      const one = control.clearOverrideById(id, by);
      cleared = one === undefined ? [] : [one];
    } finally {
      control.close();
    }
  } else {
    const modules = targetModules('clear-override', flags, target);
    const scope = scopeOf('clear-override', flags);
    const control = openControlStore(target.db, { busyTimeoutMs: 5000 });
    try {
      cleared = modules.flatMap((module) => control.clearOverrides({ ...(module === undefined ? {} : { module }), ...scope }, by));
    } finally {
      control.close();
    }
  }
  for (const o of cleared) io.out.write(`cleared override #${o.id} (${o.module ?? 'every module'} ${o.mode}${o.lock ? ' locked' : ''}, ${o.scope}) set by ${o.who}: ${o.reason}\n`);
  if (cleared.length === 0) io.out.write('no override in force matches: nothing cleared\n');
  return cleared;
}
