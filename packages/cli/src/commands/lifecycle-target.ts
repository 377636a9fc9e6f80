// What the lifecycle commands (`gates`, `promote`, `decisions`) work on: the store file, the lifecycle
// settings of the gateway's config (or the defaults for the modules of the design), and the identity of
// whoever runs the command.
import { resolveLifecycle, type LifecycleSettings } from '@llms-wasm/orchestrator';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';
import { KNOWN_MODULES } from '../known-modules.js';
import { storeTarget, type StoreTarget } from './store-target.js';

/** A store and the lifecycle settings it is judged by. */
export interface LifecycleTarget extends StoreTarget {
  readonly settings: LifecycleSettings;
  /** `config`: the config's `lifecycle` section; `defaults`: no config (or none in it) — the built-in gates. */
  readonly settingsFrom: 'config' | 'defaults';
}

/** The store and settings for `command` (`--config`'s lifecycle, else the defaults for the known modules). */
export function lifecycleTarget(command: string, flags: { readonly db?: string | undefined; readonly config?: string | undefined }, io: CliIo): LifecycleTarget {
  const target = storeTarget(command, flags, io);
  const config = target.config;
  if (config?.lifecycle) return { ...target, settings: config.lifecycle, settingsFrom: 'config' };
  const modules = config === undefined ? [...KNOWN_MODULES] : Object.keys(config.modules);
  return { ...target, settings: resolveLifecycle(undefined, modules), settingsFrom: 'defaults' };
}

/** `--module` checked against the settings' modules (undefined: every one). */
export function lifecycleModules(command: string, module: string | undefined, settings: LifecycleSettings): string[] {
  const known = Object.keys(settings.modules).sort();
  if (module === undefined) return known;
  const wanted = module.split(',').map((m) => m.trim()).filter(Boolean);
  for (const id of wanted) if (!known.includes(id)) throw new UsageError(`${command}: unknown module "${id}" (known: ${known.join(', ')})`);
  return wanted;
}
