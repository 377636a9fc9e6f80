import Type, { type Static } from 'typebox';

/** Every mode, in rollout order. */
export const MODES = ['ts_primary', 'shadow', 'wasm_primary', 'split', 'wasm_only'] as const;

/**
 * How a module runs: `ts_primary` (TS serves, no shadow), `shadow` (TS serves, WASM shadows),
 * `wasm_primary` (WASM serves, TS shadows), `split` (a sticky percentage of keys served by WASM),
 * `wasm_only` (WASM serves, TS runs nothing: the `deprecated` and `removed` stages).
 */
export const Mode = Type.Enum(MODES, { description: 'ts_primary | shadow | wasm_primary | split | wasm_only' });
export type Mode = Static<typeof Mode>;

/** A module id: lower-case letters, digits, `_` and `-`, starting with a letter. */
export const ModuleId = Type.String({ pattern: '^[a-z][a-z0-9_-]{0,63}$' });

/** Share of split keys served by WASM, in percent. */
export const SplitPercent = Type.Number({ minimum: 0, maximum: 100 });

/** One module's entry inside a tenant's or route's `wasmMode.modules`. */
export const ModuleModeSetting = Type.Union([
  Mode,
  Type.Object(
    {
      mode: Mode,
      /** Narrower scopes cannot change this module's mode. */
      lock: Type.Optional(Type.Boolean()),
      splitPercent: Type.Optional(SplitPercent),
    },
    { additionalProperties: false },
  ),
]);
export type ModuleModeSetting = Static<typeof ModuleModeSetting>;

/**
 * The mode of a tenant or route: a mode for every module, or an object with a mode for every module,
 * a lock (capping narrower scopes for every module), a split percent and per-module entries.
 */
export const ModeSetting = Type.Union([
  Mode,
  Type.Object(
    {
      mode: Type.Optional(Mode),
      lock: Type.Optional(Type.Boolean()),
      splitPercent: Type.Optional(SplitPercent),
      modules: Type.Optional(Type.Record(Type.String(), ModuleModeSetting)),
    },
    { additionalProperties: false },
  ),
]);
export type ModeSetting = Static<typeof ModeSetting>;
