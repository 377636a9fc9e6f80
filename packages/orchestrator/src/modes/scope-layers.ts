// One scope's contribution for one module, computed once (at construction, or when overrides change).
import type { LoadedConfig } from '../config/loaded-config.js';
import type { ModeEnv } from '../config/mode-env.js';
import type { Mode, ModeSetting } from '../config/mode-schema.js';
import type { ModeOverride } from './mode-override.js';

/** What one scope says about one module. `undefined` mode: the scope keeps the inherited mode. */
export interface Layer {
  readonly mode: Mode | undefined;
  /** Narrower scopes are ignored. */
  readonly lock: boolean;
  /** Applies when this scope, or a narrower one, decides `split`. */
  readonly splitPercent: number | undefined;
}

function layer(mode: Mode | undefined, lock: boolean, splitPercent: number | undefined): Layer | undefined {
  return mode === undefined && !lock && splitPercent === undefined ? undefined : { mode, lock, splitPercent };
}

/**
 * The global scope: config `defaults` < config `modules[id]` < `LLMS_WASM_MODE` < `LLMS_WASM_MODE__<MODULE>`
 * for the mode; `LLMS_WASM_SPLIT_PERCENT` < … the same for the percent; any of the locks locks it.
 */
export function globalLayer(config: LoadedConfig, env: ModeEnv, id: string): Layer | undefined {
  const module = config.modules[id];
  const fromEnv = env.modules.get(id);
  const mode = fromEnv?.mode ?? env.mode ?? module?.mode ?? config.defaults.mode;
  const lock = (fromEnv?.lock ?? false) || env.lock || (module?.lock ?? false) || config.defaults.lock;
  return layer(mode, lock, env.splitPercent ?? module?.splitPercent ?? config.defaults.splitPercent);
}

/** What a lifecycle stage sets at a module's global scope (see {@link stageGlobalLayer}). */
export interface StageMode {
  readonly mode: Mode;
  /** For `split`: percent of keys served by WASM. */
  readonly splitPercent?: number;
  /** Share of calls the other runtime shadows while the stage decides the mode. */
  readonly sampleRate: number;
  /** False in `removed`: the TS runtime is not loaded. */
  readonly tsLoaded: boolean;
}

/**
 * The global scope of a module under a lifecycle stage: the stage's mode and percent replace the config
 * file's and the mode variables' (decision 0017); every lock still applies (tenants, routes and headers
 * cannot change a locked module's mode).
 */
export function stageGlobalLayer(config: LoadedConfig, env: ModeEnv, id: string, stage: StageMode): Layer | undefined {
  const module = config.modules[id];
  const lock = (env.modules.get(id)?.lock ?? false) || env.lock || (module?.lock ?? false) || config.defaults.lock;
  return layer(stage.mode, lock, stage.splitPercent);
}

/** A tenant's or route's `wasmMode` for one module: the module's entry refines the setting's own values. */
export function settingLayer(setting: ModeSetting | undefined, id: string): Layer | undefined {
  if (setting === undefined) return undefined;
  if (typeof setting === 'string') return layer(setting, false, undefined);
  const entry = setting.modules !== undefined && Object.hasOwn(setting.modules, id) ? setting.modules[id] : undefined;
  const lock = setting.lock ?? false;
  if (entry === undefined) return layer(setting.mode, lock, setting.splitPercent);
  if (typeof entry === 'string') return layer(entry, lock, setting.splitPercent);
  return layer(entry.mode, lock || (entry.lock ?? false), entry.splitPercent ?? setting.splitPercent);
}

/**
 * The override scope for one module. A locked all-modules override shadows per-module ones (a rollback of
 * everything must not be undone by an older per-module override); otherwise the per-module one wins.
 */
export function overrideLayer(all: ModeOverride | undefined, own: ModeOverride | undefined): Layer | undefined {
  if (all !== undefined && (all.lock || own === undefined)) return layer(all.mode, all.lock, all.splitPercent);
  if (own === undefined) return undefined;
  return layer(own.mode, own.lock, own.splitPercent ?? all?.splitPercent);
}
