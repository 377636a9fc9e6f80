import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, type LoadedConfig } from '@llms-wasm/orchestrator';
import { UsageError, type CliIo } from '../io.js';

/** The store file the commands use when neither `--db` nor `--config` names one (in the working directory). */
export const DEFAULT_DB = 'llms-wasm-diffs.sqlite';

/** The store file a command works on and the gateway's config, when given. */
export interface StoreTarget {
  readonly db: string;
  readonly config?: LoadedConfig;
}

/**
 * `--db` (relative to the working directory), else the config's `store.path`, else `llms-wasm-diffs.sqlite`.
 * The config is read without this shell's environment (its mode variables are the gateway's business).
 * @throws UsageError when the store does not exist (an orchestrator creates it: a typo must not create a
 * store nobody reads) or the config keeps its store in memory
 */
export function storeTarget(command: string, flags: { readonly db?: string | undefined; readonly config?: string | undefined }, io: CliIo): StoreTarget {
  const config = flags.config === undefined ? undefined : loadConfig({ file: resolve(io.cwd, flags.config) }, {});
  if (flags.db === undefined && config?.store.path === ':memory:') {
    throw new UsageError(`${command}: the config keeps its store in memory: its overrides and health live in that process only (see orchestrator.status())`);
  }
  const db = flags.db !== undefined ? resolve(io.cwd, flags.db) : (config?.store.path ?? resolve(io.cwd, DEFAULT_DB));
  if (!existsSync(db)) throw new UsageError(`${command}: no store at ${db} (an orchestrator creates it when it starts; check --db or --config)`);
  return { db, ...(config === undefined ? {} : { config }) };
}
