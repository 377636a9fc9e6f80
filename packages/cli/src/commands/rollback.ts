import { randomBytes } from 'node:crypto';
import { createRedactor, makeOverride, openControlStore, openLifecycleStore, readStatus, type StoredOverride } from '@llms-wasm/orchestrator';
import { UsageError, type CliIo } from '../io.js';
import { KNOWN_MODULES } from '../known-modules.js';
import { whoAmI } from '../who.js';
import { storeTarget, type StoreTarget } from './store-target.js';

/** Which overrides a command writes or clears: modules (or all of them) at one scope. */
export interface OverrideScopeFlags {
  readonly module?: string | undefined;
  readonly all?: boolean | undefined;
  readonly tenant?: string | undefined;
  readonly route?: string | undefined;
  readonly reason?: string | undefined;
  readonly db?: string | undefined;
  readonly config?: string | undefined;
}

/** The modules a `--module a,b` names, checked against the config's (or the known and reported ones); `[undefined]` for `--all`. */
export function targetModules(command: string, flags: OverrideScopeFlags, target: StoreTarget): (string | undefined)[] {
  if (flags.all === true && flags.module !== undefined) throw new UsageError(`${command}: give --module or --all, not both`);
  if (flags.all === true) return [undefined];
  const wanted = (flags.module ?? '').split(',').map((m) => m.trim()).filter(Boolean);
  if (wanted.length === 0) throw new UsageError(`${command}: --module <id>[,<id>] or --all is required`);
  const status = readStatus(target.db, target.config === undefined ? { modules: KNOWN_MODULES } : { config: target.config });
  const known = target.config === undefined ? Object.keys(status.modules) : Object.keys(target.config.modules);
  for (const id of wanted) {
    if (!known.includes(id)) throw new UsageError(`${command}: unknown module "${id}" (${target.config === undefined ? 'known here' : 'configured'}: ${known.join(', ')})`);
  }
  return wanted;
}

/** `--tenant` or `--route` (not both) as an override's scope. */
export function scopeOf(command: string, flags: OverrideScopeFlags): { tenant?: string; route?: string } {
  if (flags.tenant !== undefined && flags.route !== undefined) throw new UsageError(`${command}: an override is for a tenant or for a route: give --tenant or --route, not both`);
  return flags.tenant !== undefined ? { tenant: flags.tenant } : flags.route !== undefined ? { route: flags.route } : {};
}

/** The reason, required and redacted like everything the store keeps. */
export function reasonOf(command: string, flags: OverrideScopeFlags, io: CliIo, keyEnv: string): string {
  const reason = flags.reason?.trim() ?? '';
  if (reason === '') throw new UsageError(`${command}: --reason "..." is required (it is kept with the override)`);
  const key = io.env[keyEnv] ?? randomBytes(24).toString('hex');
  const redacted = createRedactor({ key }).redact(reason);
  return typeof redacted === 'string' ? redacted : JSON.stringify(redacted);
}

/**
 * Writes a locked `ts_primary` override for each module (or every module) at the scope given, as
 * `user@host`. Every orchestrator on the store applies it within its poll interval and after restarts.
 * @throws UsageError for bad use (no reason, unknown module, no store)
 */
export function rollback(flags: OverrideScopeFlags, io: CliIo): StoredOverride[] {
  const target = storeTarget('rollback', flags, io);
  const modules = targetModules('rollback', flags, target);
  const scope = scopeOf('rollback', flags);
  const reason = reasonOf('rollback', flags, io, target.config?.store.redaction.keyEnv ?? 'LLMS_WASM_REDACTION_KEY');
  const who = whoAmI(io.env);
  // A module in the `removed` stage has no TS runtime loaded anywhere: a rollback to TS cannot be served.
  const lifecycle = openLifecycleStore(target.db, { readonly: true });
  let stages: Record<string, string> = {};
  try {
    stages = Object.fromEntries(Object.entries(lifecycle.load().state?.modules ?? {}).map(([id, m]) => [id, m.stage]));
  } finally {
    lifecycle.close();
  }
  const removed = modules.filter((m): m is string => m !== undefined && stages[m] === 'removed');
  if (removed.length > 0) throw new UsageError(`rollback: ${removed.join(', ')} ${removed.length === 1 ? 'is' : 'are'} in the removed stage: TS is not loaded, there is nothing to roll back to (ship a release with TS loaded first)`);
  const control = openControlStore(target.db, { busyTimeoutMs: 5000 });
  let written: StoredOverride[];
  try {
    written = modules.map((module) =>
      control.insertOverride(makeOverride({ ...(module === undefined ? {} : { module }), ...scope, mode: 'ts_primary', lock: true, reason, who }, null, { at: Date.now(), who, origin: 'stored' })),
    );
  } finally {
    control.close();
  }
  const where = scope.tenant !== undefined ? `tenant ${scope.tenant}` : scope.route !== undefined ? `route ${scope.route}` : 'global';
  for (const o of written) io.out.write(`rolled back ${o.module ?? 'every module'} to a locked ts_primary (${where}): override #${o.id} by ${who}\n`);
  if (Object.keys(stages).length > 0) io.out.write('the lifecycle holds every promotion of these modules while the override is in force (llms-wasm gates shows it); clear-override lifts it\n');
  const live = readStatus(target.db).instances.filter((i) => i.health === 'live');
  io.out.write(
    live.length > 0
      ? `${live.length} live orchestrator(s) on ${target.db} apply it at their next poll (every 1 s by default); check with llms-wasm status\n`
      : `no live orchestrator reports on ${target.db}: it applies when one starts on this store (is --db right?)\n`,
  );
  return written;
}
