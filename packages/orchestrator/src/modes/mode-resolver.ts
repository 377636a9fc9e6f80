import type { LoadedConfig } from '../config/loaded-config.js';
import { type EnvSource, readModeEnv } from '../config/mode-env.js';
import type { Mode, ModeSetting } from '../config/mode-schema.js';
import { OrchestratorError } from '../errors.js';
import type { Counter } from '../metrics/metric-types.js';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';
import { HeaderCache, MAX_HEADER_LENGTH, findModeHeader } from './mode-header.js';
import { type ModeOverride, type ModeOverrideInput, type OverrideMeta, type OverrideTarget, makeOverride } from './mode-override.js';
import type { CallPlan, HeaderIgnoredReason, HeaderOutcome, LockScope, ModeContext, ModeResolution, ModeScope } from './mode-resolution.js';
import { OverrideBook } from './override-book.js';
import { type Layer, type StageMode, globalLayer, settingLayer, stageGlobalLayer } from './scope-layers.js';
import { planCall } from './split.js';

/** Resolves the mode of each call and holds the runtime overrides. */
export interface ModeResolver {
  /** The configured module ids. */
  readonly modules: readonly string[];
  /** The modules `LLMS_WASM_ROLLBACK` forces to a locked `ts_primary` (read once, at construction). */
  readonly rollback: readonly string[];
  /**
   * The mode of one call and the scope that decided it. Never fails for request data: a bad or
   * disallowed header is ignored, reported in `header.ignored` and counted.
   * @throws OrchestratorError `MODULE_UNKNOWN` when `ctx.module` is not configured (a wiring bug).
   */
  resolveMode(ctx: ModeContext): ModeResolution;
  /** Which runtime serves the call (see `planCall`). */
  planCall(resolution: ModeResolution, ctx: ModeContext): CallPlan;
  /**
   * Sets the runtime override of one module (or of every module) at one scope, replacing the previous
   * one with the same module and scope. Kept in memory here; an orchestrator on a store file writes it
   * through to the store (decision 0013). `meta.origin: 'local'` marks this instance's own degradation.
   * @throws OrchestratorError `OVERRIDE_INVALID` naming the field (unknown module, bad mode, empty reason …).
   */
  setOverride(input: ModeOverrideInput, meta?: Partial<OverrideMeta>): ModeOverride;
  /** Checks `input` and builds the override without setting it. @throws OrchestratorError `OVERRIDE_INVALID`. */
  checkOverride(input: ModeOverrideInput, meta?: Partial<OverrideMeta>): ModeOverride;
  /**
   * Removes the override of `target` (a module id, or `{ module?, tenant?, route? }`; absent: the global
   * all-modules override), local or shared. True when there was one.
   */
  clearOverride(target?: string | OverrideTarget): boolean;
  /** Removes every override; returns how many there were. */
  clearOverrides(): number;
  /** Replaces every shared (non-local) override at once: how a store's rows are applied. */
  replaceSharedOverrides(overrides: readonly ModeOverride[]): void;
  /** The overrides in force: broadest scope first, the all-modules one first, then per module in the order they were set. */
  overrides(): readonly ModeOverride[];
  /**
   * Puts modules under their lifecycle stage: each one's global scope takes the stage's mode (see
   * `stageGlobalLayer`); modules absent from `stages` keep (or go back to) their config scope.
   */
  setStages(stages: ReadonlyMap<string, StageMode>): void;
  /** The stage mode of `module`, if a lifecycle governs it. */
  stageOf(module: string): StageMode | undefined;
  /** Replaces the lifecycle's rollback overrides (origin `lifecycle`; below operator overrides with the same key). */
  setLifecycleOverrides(overrides: readonly ModeOverrideInput[], meta: { readonly at: number; readonly who: string }): void;
  /**
   * The share of `resolution`'s calls to shadow: the stage's rate where the stage (or a config scope
   * under it) decided the mode, else the module's configured `sampleRate` (overrides, headers, rollback).
   */
  sampleRate(module: string, resolution: ModeResolution): number;
}

/** Scopes where a runtime decision, not the stage, set the mode: the module's configured sample rate applies. */
const EXPLICIT_SCOPES: ReadonlySet<ModeScope> = new Set(['rollback', 'override', 'tenant_override', 'route_override', 'header']);

interface ScopeEntry {
  readonly layers: readonly (Layer | undefined)[];
  readonly allowHeader: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The walk, broadest first; the odd positions are runtime overrides (a locked one beats every config lock). */
const WALK: readonly LockScope[] = ['global', 'override', 'tenant', 'tenant_override', 'route', 'route_override'];

/** The counter of ignored headers, by `reason` (`policy`, `invalid`, `locked`). */
export const HEADER_IGNORED_METRIC = 'llms_wasm_mode_header_ignored_total';

/** Normalizes the `clearOverride` argument. */
export function targetOf(target: string | OverrideTarget | undefined): OverrideTarget {
  return typeof target === 'string' ? { module: target } : (target ?? {});
}

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
  const rolledBack = modules.map((id) => modeEnv.rollback.has(id));
  const configGlobals = modules.map((id) => globalLayer(config, modeEnv, id));
  let globals: readonly (Layer | undefined)[] = configGlobals;
  let stages: ReadonlyMap<string, StageMode> = new Map();
  const scopeEntries = (items: readonly { id: string; wasmMode?: ModeSetting; allowHeaderOverride?: boolean }[]): Map<string, ScopeEntry> =>
    new Map(items.map((item) => [item.id, { layers: modules.map((id) => settingLayer(item.wasmMode, id)), allowHeader: item.allowHeaderOverride ?? false }]));
  const tenants = scopeEntries(config.tenants);
  const routes = scopeEntries(config.routes);
  const headers = new HeaderCache(moduleSet);
  const ignoredCounter: Counter<'reason'> | undefined = metrics?.counter(HEADER_IGNORED_METRIC, 'X-WASM-Mode request headers ignored, by reason: policy (tenant not allowed), invalid, locked.', ['reason']);
  const book = new OverrideBook(modules);

  const ignore = (value: string, reason: HeaderIgnoredReason): HeaderOutcome => {
    ignoredCounter?.inc({ reason });
    return { value, ignored: reason };
  };

  function resolveMode(ctx: ModeContext): ModeResolution {
    const i = index.get(ctx.module);
    if (i === undefined) throw new OrchestratorError('MODULE_UNKNOWN', `module "${ctx.module}" is not configured (configured: ${modules.join(', ')})`, { module: ctx.module });
    const tenant = ctx.tenant === undefined ? undefined : tenants.get(ctx.tenant);
    const route = ctx.route === undefined ? undefined : routes.get(ctx.route);
    const tenantOverride = ctx.tenant === undefined ? undefined : book.tenant(ctx.tenant)?.[i];
    const routeOverride = ctx.route === undefined ? undefined : book.route(ctx.route)?.[i];
    const layerAt = (s: number): Layer | undefined =>
      s === 0 ? globals[i] : s === 1 ? book.global[i] : s === 2 ? tenant?.layers[i] : s === 3 ? tenantOverride : s === 4 ? route?.layers[i] : routeOverride;
    let mode: Mode = 'ts_primary';
    let scope: ModeScope = 'default';
    let lockedBy: LockScope | undefined;
    let inherited: number | undefined;
    let decided: number | undefined;
    // The broadest locked override, if any: it beats every config lock (and caps every narrower scope).
    let strong = -1;
    for (let s = 1; s < WALK.length && strong < 0; s += 2) if (layerAt(s)?.lock === true) strong = s;
    if (rolledBack[i] === true) {
      scope = 'rollback';
      lockedBy = 'rollback';
    } else if (strong >= 0) {
      const layer = layerAt(strong);
      mode = layer?.mode ?? mode;
      scope = WALK[strong] ?? scope;
      lockedBy = WALK[strong];
      for (let s = strong; s >= 0 && decided === undefined; s -= 1) decided = layerAt(s)?.splitPercent;
    } else {
      for (let s = 0; s < WALK.length; s += 1) {
        const layer = layerAt(s);
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

  const check = (input: ModeOverrideInput, meta: Partial<OverrideMeta> = {}): ModeOverride =>
    makeOverride(input, moduleSet, { at: meta.at ?? Date.now(), who: meta.who ?? 'resolver', origin: meta.origin ?? 'memory', ...(meta.id === undefined ? {} : { id: meta.id }) });

  return {
    modules,
    rollback: Object.freeze(modules.filter((_, i) => rolledBack[i] === true)),
    resolveMode,
    planCall: (resolution, ctx) => planCall(resolution, ctx),
    checkOverride: check,
    setOverride(input, meta) {
      const made = check(input, meta);
      book.set(made);
      return made;
    },
    clearOverride: (target) => book.clear(targetOf(target)),
    clearOverrides: () => book.clearAll(),
    replaceSharedOverrides(overrides) {
      // Only configured modules can be applied; rows for others (another gateway's modules) stay in the store.
      book.replaceShared(overrides.filter((o) => o.module === undefined || moduleSet.has(o.module)));
    },
    overrides: () => book.list(),
    setStages(next) {
      for (const id of next.keys()) if (!moduleSet.has(id)) throw new OrchestratorError('MODULE_UNKNOWN', `stage for module "${id}", which is not configured`, { module: id });
      stages = new Map(next);
      globals = modules.map((id, i) => {
        const stage = stages.get(id);
        return stage === undefined ? configGlobals[i] : stageGlobalLayer(config, modeEnv, id, stage);
      });
    },
    stageOf: (module) => stages.get(module),
    setLifecycleOverrides(inputs, meta) {
      book.replaceLifecycle(inputs.map((input) => makeOverride(input, moduleSet, { at: meta.at, who: meta.who, origin: 'lifecycle' })));
    },
    sampleRate(module, resolution) {
      const stage = stages.get(module);
      if (stage !== undefined && !EXPLICIT_SCOPES.has(resolution.scope)) return stage.sampleRate;
      return config.modules[module]?.sampleRate ?? config.defaults.sampleRate;
    },
  };
}
