// The overrides one resolver holds, by key (scope, tenant or route, module), and the layers they make.
// Shared overrides (stored, pending or memory) are replaced wholesale when the store says so; local ones
// (this instance's degradations) are never touched by the store and win over a shared one with their key.
// Lifecycle overrides (the rollbacks of the lifecycle state, decision 0017) rank below both: an operator's
// override with the same key wins over them, and they are replaced wholesale from the lifecycle state.
import { type Layer, overrideLayer } from './scope-layers.js';
import { type ModeOverride, type OverrideTarget, overrideKey } from './mode-override.js';

/** The override layers of one scope (global, or one tenant, or one route), by module index. */
export type ScopeOverrideLayers = readonly (Layer | undefined)[];

const SCOPE_RANK = { global: 0, tenant: 1, route: 2 } as const;

/** Holds overrides and precomputes their layers on every change. */
export class OverrideBook {
  readonly #modules: readonly string[];
  #shared = new Map<string, ModeOverride>();
  readonly #local = new Map<string, ModeOverride>();
  #lifecycle = new Map<string, ModeOverride>();
  #global: ScopeOverrideLayers;
  #tenants = new Map<string, ScopeOverrideLayers>();
  #routes = new Map<string, ScopeOverrideLayers>();

  constructor(modules: readonly string[]) {
    this.#modules = modules;
    this.#global = modules.map(() => undefined);
  }

  /** Override layers at global scope, by module index. */
  get global(): ScopeOverrideLayers {
    return this.#global;
  }

  /** Override layers of one tenant, or undefined when it has none. */
  tenant(id: string): ScopeOverrideLayers | undefined {
    return this.#tenants.get(id);
  }

  /** Override layers of one route, or undefined when it has none. */
  route(id: string): ScopeOverrideLayers | undefined {
    return this.#routes.get(id);
  }

  /** Sets `override` (local or shared by its origin), replacing the one with its key. */
  set(override: ModeOverride): void {
    const map = override.origin === 'local' ? this.#local : this.#shared;
    const key = overrideKey(override);
    map.delete(key); // re-set: moves to the end (the order they were set)
    map.set(key, override);
    this.#recompute();
  }

  /** Removes the override with `target`'s key, shared and local. True when there was one. */
  clear(target: OverrideTarget): boolean {
    const key = overrideKey(target);
    const existed = [this.#shared.delete(key), this.#local.delete(key)].some(Boolean);
    if (existed) this.#recompute();
    return existed;
  }

  /** Removes every override; returns how many there were. */
  clearAll(): number {
    const count = this.#shared.size + this.#local.size;
    this.#shared.clear();
    this.#local.clear();
    this.#recompute();
    return count;
  }

  /** Replaces every shared override with `overrides` (a later one with the same key wins). */
  replaceShared(overrides: readonly ModeOverride[]): void {
    const next = new Map<string, ModeOverride>();
    for (const override of overrides) {
      const key = overrideKey(override);
      next.delete(key);
      next.set(key, override);
    }
    this.#shared = next;
    this.#recompute();
  }

  /** Replaces every lifecycle override with `overrides`. */
  replaceLifecycle(overrides: readonly ModeOverride[]): void {
    this.#lifecycle = new Map(overrides.map((o) => [overrideKey(o), o]));
    this.#recompute();
  }

  /** The shared overrides (not the local ones), in the order they were set. */
  shared(): readonly ModeOverride[] {
    return [...this.#shared.values()];
  }

  /** The override with `target`'s key that applies (local first), if any. */
  get(target: OverrideTarget): ModeOverride | undefined {
    const key = overrideKey(target);
    return this.#local.get(key) ?? this.#shared.get(key) ?? this.#lifecycle.get(key);
  }

  /**
   * Every override, broadest scope first; within a scope the all-modules one first, then per module in
   * the order they were set. A shared override hidden by a local one with its key is listed too.
   */
  list(): readonly ModeOverride[] {
    const all = [...this.#local.values(), ...this.#shared.values(), ...this.#lifecycle.values()];
    const order = new Map(all.map((o, i) => [o, i]));
    const rank = (o: ModeOverride): number => SCOPE_RANK[o.scope] * 2 + (o.module === undefined ? 0 : 1);
    return Object.freeze(all.sort((a, b) => rank(a) - rank(b) || (order.get(a) ?? 0) - (order.get(b) ?? 0)));
  }

  #recompute(): void {
    const scopes = new Map<string, { kind: 'global' | 'tenant' | 'route'; id: string }>();
    for (const o of [...this.#local.values(), ...this.#shared.values(), ...this.#lifecycle.values()]) {
      const id = o.tenant ?? o.route ?? '';
      scopes.set(`${o.scope}\u0000${id}`, { kind: o.scope, id });
    }
    const layersOf = (target: { tenant?: string; route?: string }): ScopeOverrideLayers =>
      this.#modules.map((module) => {
        const own = this.#local.get(overrideKey({ ...target, module }));
        // A local override (this instance's degradation) is never shadowed by an all-modules one.
        if (own !== undefined) return overrideLayer(undefined, own);
        const key = overrideKey({ ...target, module });
        return overrideLayer(this.get(target), this.#shared.get(key) ?? this.#lifecycle.get(key));
      });
    this.#global = layersOf({});
    const tenants = new Map<string, ScopeOverrideLayers>();
    const routes = new Map<string, ScopeOverrideLayers>();
    for (const { kind, id } of scopes.values()) {
      if (kind === 'tenant') tenants.set(id, layersOf({ tenant: id }));
      if (kind === 'route') routes.set(id, layersOf({ route: id }));
    }
    this.#tenants = tenants;
    this.#routes = routes;
  }
}
