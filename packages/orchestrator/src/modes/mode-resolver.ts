import type { LoadedConfig } from '../config/loaded-config.js';
import { type EnvSource, readModeEnv } from '../config/mode-env.js';
import type { Mode, ModeSetting } from '../config/mode-schema.js';
import { OrchestratorError } from '../errors.js';
import type { Counter } from '../metrics/metric-types.js';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';
import { HeaderCache, MAX_HEADER_LENGTH, findModeHeader } from './mode-header.js';
import { type ModeOverride, type ModeOverrideInput, makeOverride } from './mode-override.js';
import type { CallPlan, HeaderIgnoredReason, HeaderOutcome, LockScope, ModeContext, ModeResolution, ModeScope } from './mode-resolution.js';
import { type Layer, globalLayer, overrideLayer, settingLayer } from './scope-layers.js';
import { planCall } from './split.js';

/** Resolves the mode of each call and holds the runtime overrides. */
export interface ModeResolver {
  /** The configured module ids. */
  readonly modules: readonly string[];
  /**
   * The mode of one call and the scope that decided it. Never fails for request data: a bad or
   * disallowed header is ignored, reported in `header.ignored` and counted.
   * @throws OrchestratorError `MODULE_UNKNOWN` when `ctx.module` is not configured (a wiring bug).
   */
  resolveMode(ctx: ModeContext): ModeResolution;
  /** Which runtime serves the call (see `planCall`). */
  planCall(resolution: ModeResolution, ctx: ModeContext): CallPlan;
  /**
   * Sets the runtime override of one module (or of every module), replacing the previous one.
   * @throws OrchestratorError `OVERRIDE_INVALID` naming the field (unknown module, bad mode, empty reason …).
   */
  setOverride(input: ModeOverrideInput): ModeOverride;
  /** Removes the override of `module` (absent: the all-modules override). True when there was one. */
  clearOverride(module?: string): boolean;
  /** Removes every override; returns how many there were. */
  clearOverrides(): number;
  /** The overrides in force: the all-modules one first, then per module in the order they were set. */
  overrides(): readonly ModeOverride[];
}

interface ScopeEntry {
  readonly layers: readonly (Layer | undefined)[];
  readonly allowHeader: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const WALK: readonly LockScope[] = ['global', 'override', 'tenant', 'route'];

/** The counter of ignored headers, by `reason` (`policy`, `invalid`, `locked`). */
export const HEADER_IGNORED_METRIC = 'llms_wasm_mode_header_ignored_total';

/**
 * Builds a resolver from a loaded config and the environment. Every scope is precomputed per module, so
 * a resolution is a few map lookups. Precedence, locks, header policy and split: docs/switch-matrix.md.
 *
 * @param env Default `process.env`; read once, here.
 * @param metrics Receives `llms_wasm_mode_header_ignored_total{reason}`.
 * @throws OrchestratorError `CONFIG_INVALID` when a mode environment variable is invalid (named).
 * @example
 * const resolver = createModeResolver(loadConfig({ file: 'llms-wasm.json' }), process.env, metrics);
 * const resolution = resolver.resolveMode({ module: 'tokenizer', tenant: 'acme', headers: req.headers });
 * const { primary, shadow } = resolver.planCall(resolution, { module: 'tokenizer', tenant: 'acme' });
 */
export function createModeResolver(config: LoadedConfig, env: EnvSource = process.env, metrics?: MetricsRegistry): ModeResolver {
  const modules = Object.freeze(Object.keys(config.modules));
  const moduleSet: ReadonlySet<string> = new Set(modules);
  const index = new Map(modules.map((id, i) => [id, i]));
  const modeEnv = readModeEnv(env, modules);
  const globals = modules.map((id) => globalLayer(config, modeEnv, id));
  const scopeEntries = (items: readonly { id: string; wasmMode?: ModeSetting; allowHeaderOverride?: boolean }[]): Map<string, ScopeEntry> =>
    new Map(items.map((item) => [item.id, { layers: modules.map((id) => settingLayer(item.wasmMode, id)), allowHeader: item.allowHeaderOverride ?? false }]));
  const tenants = scopeEntries(config.tenants);
  const routes = scopeEntries(config.routes);
  const headers = new HeaderCache(moduleSet);
  const ignoredCounter: Counter<'reason'> | undefined = metrics?.counter(HEADER_IGNORED_METRIC, 'X-WASM-Mode request headers ignored, by reason: policy (tenant not allowed), invalid, locked.', ['reason']);

  let allOverride: ModeOverride | undefined;
  const moduleOverrides = new Map<string, ModeOverride>();
  let overrideLayers: readonly (Layer | undefined)[] = modules.map(() => undefined);
  const recompute = (): void => {
    overrideLayers = modules.map((id) => overrideLayer(allOverride, moduleOverrides.get(id)));
  };

  const ignore = (value: string, reason: HeaderIgnoredReason): HeaderOutcome => {
    ignoredCounter?.inc({ reason });
    return { value, ignored: reason };
  };

  function resolveMode(ctx: ModeContext): ModeResolution {
    const i = index.get(ctx.module);
    if (i === undefined) throw new OrchestratorError('MODULE_UNKNOWN', `module "${ctx.module}" is not configured (configured: ${modules.join(', ')})`, { module: ctx.module });
    const tenant = ctx.tenant === undefined ? undefined : tenants.get(ctx.tenant);
    const route = ctx.route === undefined ? undefined : routes.get(ctx.route);
    const override = overrideLayers[i];
    let mode: Mode = 'ts_primary';
    let scope: ModeScope = 'default';
    let lockedBy: LockScope | undefined;
    let inherited: number | undefined;
    let decided: number | undefined;
    if (override !== undefined && override.lock) {
      mode = override.mode ?? mode;
      scope = 'override';
      lockedBy = 'override';
      decided = override.splitPercent ?? globals[i]?.splitPercent;
    } else {
      for (let s = 0; s < WALK.length; s += 1) {
        const layer = s === 0 ? globals[i] : s === 1 ? override : s === 2 ? tenant?.layers[i] : route?.layers[i];
        if (layer === undefined) continue;
        if (layer.splitPercent !== undefined) inherited = layer.splitPercent;
        if (layer.mode !== undefined) {
          mode = layer.mode;
          scope = WALK[s] ?? scope;
          decided = inherited;
        }
        if (layer.lock) {
          lockedBy = WALK[s];
          break;
        }
      }
    }
    let header: HeaderOutcome | undefined;
    const raw = findModeHeader(ctx.headers);
    if (raw !== undefined) {
      const value = raw.length > MAX_HEADER_LENGTH ? raw.slice(0, MAX_HEADER_LENGTH) : raw;
      const parsed = tenant?.allowHeader === true ? headers.get(raw) : undefined;
      const wanted = parsed === undefined ? undefined : (parsed.modules.get(ctx.module) ?? parsed.all);
      if (tenant?.allowHeader !== true) header = ignore(value, 'policy');
      else if (parsed === undefined) header = ignore(value, 'invalid');
      else if (wanted === undefined) header = { value };
      else if (lockedBy !== undefined) header = ignore(value, 'locked');
      else {
        mode = wanted;
        scope = 'header';
        decided = inherited;
        header = { value };
      }
    }
    const result: Mutable<ModeResolution> = { mode, scope, locked: lockedBy !== undefined };
    if (lockedBy !== undefined) result.lockedBy = lockedBy;
    if (mode === 'split') result.splitPercent = decided ?? 0;
    if (header !== undefined) result.header = header;
    return result;
  }

  return {
    modules,
    resolveMode,
    planCall: (resolution, ctx) => planCall(resolution, ctx),
    setOverride(input) {
      const made = makeOverride(input, moduleSet, Date.now());
      if (made.module === undefined) allOverride = made;
      else {
        moduleOverrides.delete(made.module);
        moduleOverrides.set(made.module, made);
      }
      recompute();
      return made;
    },
    clearOverride(module) {
      const existed = module === undefined ? allOverride !== undefined : moduleOverrides.delete(module);
      if (module === undefined) allOverride = undefined;
      if (existed) recompute();
      return existed;
    },
    clearOverrides() {
      const count = moduleOverrides.size + (allOverride === undefined ? 0 : 1);
      allOverride = undefined;
      moduleOverrides.clear();
      recompute();
      return count;
    },
    overrides: () => Object.freeze([...(allOverride === undefined ? [] : [allOverride]), ...moduleOverrides.values()]),
  };
}
