// Every scope combination, checked against a reference model of the rules in docs/switch-matrix.md:
// (1) a table generated over global (file or env) × override × tenant × route × header, each set/unset,
// locked/unlocked, per-module/all-modules; (2) an fc.commands state machine over runtime overrides at
// every scope (global, tenant, route), under LLMS_WASM_ROLLBACK or not.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import type { Mode, ModeSetting } from '../src/config/mode-schema.js';
import { MetricsRegistry } from '../src/metrics/metrics-registry.js';
import type { HeaderIgnoredReason, LockScope, ModeResolution, ModeScope } from '../src/modes/mode-resolution.js';
import { createModeResolver, HEADER_IGNORED_METRIC, type ModeResolver } from '../src/modes/mode-resolver.js';

/** Property runs: FC_NUM_RUNS (tooling/vitest.setup.ts), capped for this file's heavier properties. */
const runs = (cap: number): number => Math.min(fc.readConfigureGlobal().numRuns ?? cap, cap);

// ---- the reference model -------------------------------------------------------------------------

type ModuleId = 'tokenizer' | 'tools';
const MODULE_IDS: readonly ModuleId[] = ['tokenizer', 'tools'];
const PERCENT = 40; // defaults.splitPercent, the only percent in these worlds

interface Entry {
  readonly mode?: Mode;
  readonly lock?: boolean;
}
/** What one scope says: for every module and/or for named modules. */
interface ScopeSpec {
  readonly all?: Entry;
  readonly modules?: Partial<Record<ModuleId, Entry>>;
}
interface Header {
  readonly value: string;
  /** undefined: invalid. */
  readonly parsed?: { readonly all?: Mode; readonly modules: Partial<Record<ModuleId, Mode>> };
}
interface World {
  readonly global: ScopeSpec;
  readonly overrides: ScopeSpec;
  readonly tenant?: { readonly spec: ScopeSpec; readonly allowHeader: boolean };
  readonly route?: ScopeSpec;
  readonly header?: Header;
  /** Overrides of the call's tenant and route (whether or not the config knows them). */
  readonly tenantOverrides?: ScopeSpec;
  readonly routeOverrides?: ScopeSpec;
  /** Modules under LLMS_WASM_ROLLBACK. */
  readonly rollback?: readonly ModuleId[];
}

const OVERRIDE_SCOPES: ReadonlySet<LockScope> = new Set(['override', 'tenant_override', 'route_override']);

/** Config scopes: the module's entry refines the scope's mode; a lock anywhere in the scope locks it. */
function configEntry(spec: ScopeSpec | undefined, module: ModuleId): Entry | undefined {
  const own = spec?.modules?.[module];
  const mode = own?.mode ?? spec?.all?.mode;
  const lock = (spec?.all?.lock ?? false) || (own?.lock ?? false);
  return mode === undefined && !lock ? undefined : { ...(mode === undefined ? {} : { mode }), lock };
}

/** Overrides: a locked all-modules override shadows the module's; else the module's wins. */
function overrideEntry(spec: ScopeSpec, module: ModuleId): Entry | undefined {
  const all = spec.all;
  const own = spec.modules?.[module];
  return all?.lock === true ? all : (own ?? all);
}

function expected(world: World, module: ModuleId): { resolution: ModeResolution; ignored?: HeaderIgnoredReason } {
  const chain: { scope: LockScope; entry: Entry }[] = [];
  const push = (scope: LockScope, entry: Entry | undefined): void => {
    if (entry !== undefined) chain.push({ scope, entry });
  };
  push('global', configEntry(world.global, module));
  push('override', overrideEntry(world.overrides, module));
  if (world.tenant !== undefined) push('tenant', configEntry(world.tenant.spec, module));
  if (world.tenantOverrides !== undefined) push('tenant_override', overrideEntry(world.tenantOverrides, module));
  push('route', configEntry(world.route, module));
  if (world.routeOverrides !== undefined) push('route_override', overrideEntry(world.routeOverrides, module));
  // The broadest locked override beats every config lock; LLMS_WASM_ROLLBACK beats everything.
  const lockedOverride = chain.find((link) => OVERRIDE_SCOPES.has(link.scope) && link.entry.lock === true);
  const rollback: typeof chain = [{ scope: 'rollback', entry: { mode: 'ts_primary', lock: true } }];
  let mode: Mode = 'ts_primary';
  let scope: ModeScope = 'default';
  let lockedBy: LockScope | undefined;
  for (const link of world.rollback?.includes(module) === true ? rollback : lockedOverride === undefined ? chain : [lockedOverride]) {
    if (link.entry.mode !== undefined) [mode, scope] = [link.entry.mode, link.scope];
    if (link.entry.lock === true) {
      lockedBy = link.scope;
      break;
    }
  }
  let ignored: HeaderIgnoredReason | undefined;
  const header = world.header;
  if (header !== undefined) {
    const wanted = header.parsed?.modules[module] ?? header.parsed?.all;
    if (world.tenant?.allowHeader !== true) ignored = 'policy';
    else if (header.parsed === undefined) ignored = 'invalid';
    else if (wanted !== undefined && lockedBy !== undefined) ignored = 'locked';
    else if (wanted !== undefined) [mode, scope] = [wanted, 'header'];
  }
  const resolution: ModeResolution = {
    mode,
    scope,
    locked: lockedBy !== undefined,
    ...(lockedBy === undefined ? {} : { lockedBy }),
    ...(mode === 'split' ? { splitPercent: PERCENT } : {}),
    ...(header === undefined ? {} : { header: { value: header.value, ...(ignored === undefined ? {} : { ignored }) } }),
  };
  return ignored === undefined ? { resolution } : { resolution, ignored };
}

// ---- building the real thing from the same description -------------------------------------------

function toSetting(spec: ScopeSpec): ModeSetting | undefined {
  const { all, modules } = spec;
  if (modules === undefined && all?.mode !== undefined && all.lock !== true) return all.mode; // the string form
  if (all === undefined && modules === undefined) return undefined;
  // An entry with `lock` set (true or false) takes the object form, one without it the string form.
  const entries = Object.entries(modules ?? {}).map(([id, entry]) => [id, entry.lock === undefined ? (entry.mode as Mode) : { mode: entry.mode as Mode, lock: entry.lock }]);
  return { ...(all?.mode === undefined ? {} : { mode: all.mode }), ...(all?.lock === true ? { lock: true } : {}), ...(entries.length === 0 ? {} : { modules: Object.fromEntries(entries) }) };
}

function build(world: World, globalFrom: 'file' | 'env', metrics?: MetricsRegistry): ModeResolver {
  const env: Record<string, string> = {};
  const modules: Record<string, { import: string; mode?: Mode; lock?: boolean }> = { tokenizer: { import: 'a' }, tools: { import: 'b' } };
  const defaults: { mode?: Mode; lock?: boolean; splitPercent: number } = { splitPercent: PERCENT };
  const { all, modules: perModule } = world.global;
  if (globalFrom === 'env') {
    if (all?.mode !== undefined) env['LLMS_WASM_MODE'] = all.mode;
    if (all?.lock === true) env['LLMS_WASM_MODE_LOCK'] = '1';
    for (const [id, entry] of Object.entries(perModule ?? {})) {
      if (entry.mode !== undefined) env[`LLMS_WASM_MODE__${id.toUpperCase()}`] = entry.mode;
      if (entry.lock === true) env[`LLMS_WASM_MODE_LOCK__${id.toUpperCase()}`] = 'yes';
    }
  } else {
    Object.assign(defaults, all);
    for (const [id, entry] of Object.entries(perModule ?? {})) Object.assign(modules[id] ?? {}, entry);
  }
  const tenantSetting = world.tenant === undefined ? undefined : toSetting(world.tenant.spec);
  const routeSetting = world.route === undefined ? undefined : toSetting(world.route);
  const config = loadConfig(
    {
      modules,
      defaults,
      tenants: [{ id: 'T', allowHeaderOverride: world.tenant?.allowHeader ?? false, ...(tenantSetting === undefined ? {} : { wasmMode: tenantSetting }) }],
      routes: [{ id: 'R', ...(routeSetting === undefined ? {} : { wasmMode: routeSetting }) }],
    },
    env,
  );
  const resolver = createModeResolver(config, env, metrics);
  const o = world.overrides;
  for (const [id, entry] of Object.entries(o.modules ?? {})) resolver.setOverride({ module: id, mode: entry.mode as Mode, lock: entry.lock ?? false, reason: 'test' });
  if (o.all?.mode !== undefined) resolver.setOverride({ mode: o.all.mode, lock: o.all.lock ?? false, reason: 'test' });
  return resolver;
}

function resolve(resolver: ModeResolver, world: World, module: ModuleId): ModeResolution {
  return resolver.resolveMode({
    module,
    ...(world.tenant === undefined ? {} : { tenant: 'T' }),
    ...(world.route === undefined ? {} : { route: 'R' }),
    ...(world.header === undefined ? {} : { headers: { 'x-wasm-mode': world.header.value } }),
  });
}

// ---- (1) the generated table ---------------------------------------------------------------------

/**
 * One scope's states: unset, all modules (± lock), the tokenizer only (± lock); for config scopes also a
 * lock with no mode, and both forms at once (a scope lock over a tokenizer entry, a tokenizer lock under
 * a scope mode) where the tokenizer entry says `alt`.
 */
function states(mode: Mode, config: false | { alt: Mode }): { name: string; spec: ScopeSpec }[] {
  return [
    { name: 'unset', spec: {} },
    { name: 'all', spec: { all: { mode } } },
    { name: 'all+lock', spec: { all: { mode, lock: true } } },
    { name: 'tokenizer', spec: { modules: { tokenizer: { mode } } } },
    { name: 'tokenizer+lock', spec: { modules: { tokenizer: { mode, lock: true } } } },
    ...(config === false
      ? []
      : [
          { name: 'lock-only', spec: { all: { lock: true } } },
          { name: 'all+lock & tokenizer', spec: { all: { mode, lock: true }, modules: { tokenizer: { mode: config.alt, lock: false } } } },
          { name: 'all & tokenizer+lock', spec: { all: { mode }, modules: { tokenizer: { mode: config.alt, lock: true } } } },
        ]),
  ];
}

const HEADERS: { name: string; header?: Header; allow: boolean }[] = [
  { name: 'no header', allow: false },
  ...[true, false].flatMap((allow): { name: string; header: Header; allow: boolean }[] => [
    { name: `header all (allow=${allow})`, header: { value: 'ts_primary', parsed: { all: 'ts_primary', modules: {} } }, allow },
    { name: `header tokenizer (allow=${allow})`, header: { value: 'tokenizer=split', parsed: { modules: { tokenizer: 'split' } } }, allow },
    { name: `header tools (allow=${allow})`, header: { value: 'tools=wasm_primary', parsed: { modules: { tools: 'wasm_primary' } } }, allow },
    { name: `header invalid (allow=${allow})`, header: { value: 'tokenizer=fast' }, allow },
  ]),
];

describe('generated table: every scope combination', () => {
  const rows = (['file', 'env'] as const).flatMap((from) => states('shadow', { alt: 'split' }).map((global) => ({ from, global })));
  it.each(rows)('global from $from: $global.name', ({ from, global }) => {
    let checked = 0;
    for (const override of states('wasm_primary', false)) {
      for (const tenant of [undefined, ...states('split', { alt: 'shadow' })]) {
        for (const route of [undefined, ...states('wasm_primary', { alt: 'ts_primary' })]) {
          for (const { name, header, allow } of HEADERS) {
            const world: World = {
              global: global.spec,
              overrides: override.spec,
              ...(tenant === undefined ? {} : { tenant: { spec: tenant.spec, allowHeader: allow } }),
              ...(route === undefined ? {} : { route: route.spec }),
              ...(header === undefined ? {} : { header }),
            };
            const resolver = build(world, from);
            for (const module of MODULE_IDS) {
              const label = `${module}: override=${override.name} tenant=${tenant?.name ?? 'none'} route=${route?.name ?? 'none'} ${name}`;
              expect(resolve(resolver, world, module), label).toEqual(expected(world, module).resolution);
              checked += 1;
            }
          }
        }
      }
    }
    expect(checked).toBe(5 * 9 * 9 * HEADERS.length * 2);
  });
});

// ---- (2) the state machine over overrides ---------------------------------------------------------

/** Where an override sits in the machine: global, or one tenant or route by name (known to the config or not). */
type Where = { readonly kind: 'global' } | { readonly kind: 'tenant'; readonly id: string } | { readonly kind: 'route'; readonly id: string };

interface Overrides {
  all?: Entry;
  modules: Partial<Record<ModuleId, Entry>>;
}
interface Model {
  overrides: Map<string, Overrides>;
  ignored: Record<HeaderIgnoredReason, number>;
}
interface Real {
  readonly resolver: ModeResolver;
  readonly metrics: MetricsRegistry;
}

const whereKey = (where: Where): string => (where.kind === 'global' ? 'global' : `${where.kind}:${where.id}`);
const whereTarget = (where: Where): { tenant?: string; route?: string } => (where.kind === 'tenant' ? { tenant: where.id } : where.kind === 'route' ? { route: where.id } : {});
const countOf = (model: Model): number => [...model.overrides.values()].reduce((n, o) => n + (o.all === undefined ? 0 : 1) + Object.keys(o.modules).length, 0);

const TENANTS: Record<string, { spec: ScopeSpec; allowHeader: boolean }> = {
  open: { spec: { all: { mode: 'shadow' } }, allowHeader: true },
  locked: { spec: { all: { mode: 'ts_primary', lock: true } }, allowHeader: true },
  toollock: { spec: { modules: { tools: { mode: 'wasm_primary', lock: true } } }, allowHeader: true },
  closed: { spec: { modules: { tokenizer: { mode: 'split' } } }, allowHeader: false },
};
const ROUTES: Record<string, ScopeSpec> = { split: { all: { mode: 'split' } }, toklock: { modules: { tokenizer: { mode: 'ts_primary', lock: true } } } };
interface Global {
  readonly spec: ScopeSpec;
  readonly rollback?: readonly ModuleId[];
}
const GLOBALS: Global[] = [
  { spec: {} },
  { spec: { all: { mode: 'shadow' } } },
  { spec: { all: { lock: true } } },
  { spec: { modules: { tools: { mode: 'split', lock: true } } } },
  { spec: { all: { mode: 'wasm_primary', lock: true } }, rollback: ['tokenizer'] },
  { spec: { all: { mode: 'shadow' } }, rollback: ['tokenizer', 'tools'] },
];
const MACHINE_HEADERS: Header[] = [
  { value: 'wasm_primary', parsed: { all: 'wasm_primary', modules: {} } },
  { value: 'tools=ts_primary,tokenizer=shadow', parsed: { modules: { tools: 'ts_primary', tokenizer: 'shadow' } } },
  { value: 'nope' },
];

function worldOf(model: Model, global: Global, tenant: string | undefined, route: string | undefined, header: Header | undefined): World {
  const t = tenant === undefined ? undefined : TENANTS[tenant];
  const r = route === undefined ? undefined : ROUTES[route];
  const tenantOverrides = tenant === undefined ? undefined : model.overrides.get(`tenant:${tenant}`);
  const routeOverrides = route === undefined ? undefined : model.overrides.get(`route:${route}`);
  return {
    global: global.spec,
    overrides: model.overrides.get('global') ?? { modules: {} },
    ...(t === undefined ? {} : { tenant: t }),
    ...(r === undefined ? {} : { route: r }),
    ...(header === undefined ? {} : { header }),
    ...(tenantOverrides === undefined ? {} : { tenantOverrides }),
    ...(routeOverrides === undefined ? {} : { routeOverrides }),
    ...(global.rollback === undefined ? {} : { rollback: global.rollback }),
  };
}

function machineResolver(global: Global): Real {
  const metrics = new MetricsRegistry();
  const env: Record<string, string> = {};
  if (global.spec.all?.mode !== undefined) env['LLMS_WASM_MODE'] = global.spec.all.mode;
  if (global.spec.all?.lock === true) env['LLMS_WASM_MODE_LOCK'] = '1';
  for (const [id, entry] of Object.entries(global.spec.modules ?? {})) {
    if (entry.mode !== undefined) env[`LLMS_WASM_MODE__${id.toUpperCase()}`] = entry.mode;
    if (entry.lock === true) env[`LLMS_WASM_MODE_LOCK__${id.toUpperCase()}`] = '1';
  }
  if (global.rollback !== undefined) env['LLMS_WASM_ROLLBACK'] = global.rollback.length === MODULE_IDS.length ? 'all' : global.rollback.join(',');
  const source = {
    modules: { tokenizer: { import: 'a' }, tools: { import: 'b' } },
    defaults: { splitPercent: PERCENT },
    tenants: Object.entries(TENANTS).map(([id, t]) => ({ id, allowHeaderOverride: t.allowHeader, wasmMode: toSetting(t.spec) as ModeSetting })),
    routes: Object.entries(ROUTES).map(([id, spec]) => ({ id, wasmMode: toSetting(spec) as ModeSetting })),
  };
  return { resolver: createModeResolver(loadConfig(source, env), env, metrics), metrics };
}

class SetOverride implements fc.Command<Model, Real> {
  constructor(readonly where: Where, readonly module: ModuleId | undefined, readonly mode: Mode, readonly lock: boolean) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    real.resolver.setOverride({ ...whereTarget(this.where), ...(this.module === undefined ? {} : { module: this.module }), mode: this.mode, lock: this.lock, reason: 'machine' });
    const spec = model.overrides.get(whereKey(this.where)) ?? { modules: {} };
    model.overrides.set(whereKey(this.where), spec);
    if (this.module === undefined) spec.all = { mode: this.mode, lock: this.lock };
    else spec.modules[this.module] = { mode: this.mode, lock: this.lock };
    expect(real.resolver.overrides().length).toBe(countOf(model));
  }
  toString = (): string => `set(${whereKey(this.where)}, ${this.module ?? '*'}=${this.mode}${this.lock ? ',lock' : ''})`;
}

class ClearOverride implements fc.Command<Model, Real> {
  constructor(readonly where: Where, readonly module: ModuleId | undefined) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    const spec = model.overrides.get(whereKey(this.where));
    const had = this.module === undefined ? spec?.all !== undefined : spec?.modules[this.module] !== undefined;
    const target = { ...whereTarget(this.where), ...(this.module === undefined ? {} : { module: this.module }) };
    expect(this.where.kind === 'global' && this.module !== undefined ? real.resolver.clearOverride(this.module) : real.resolver.clearOverride(target)).toBe(had);
    if (spec !== undefined) {
      if (this.module === undefined) delete spec.all;
      else delete spec.modules[this.module];
    }
  }
  toString = (): string => `clear(${whereKey(this.where)}, ${this.module ?? '*'})`;
}

class ClearAll implements fc.Command<Model, Real> {
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    expect(real.resolver.clearOverrides()).toBe(countOf(model));
    model.overrides = new Map();
  }
  toString = (): string => 'clearAll()';
}

class Resolve implements fc.Command<Model, Real> {
  constructor(readonly global: Global, readonly module: ModuleId, readonly tenant: string | undefined, readonly route: string | undefined, readonly header: Header | undefined) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    const world = worldOf(model, this.global, this.tenant, this.route, this.header);
    const { resolution, ignored } = expected(world, this.module);
    const actual = real.resolver.resolveMode({
      module: this.module,
      ...(this.tenant === undefined ? {} : { tenant: this.tenant }),
      ...(this.route === undefined ? {} : { route: this.route }),
      ...(this.header === undefined ? {} : { headers: { 'X-WASM-Mode': this.header.value } }),
    });
    expect(actual).toEqual(resolution);
    if (ignored !== undefined) model.ignored[ignored] += 1;
    const counter = real.metrics.counter(HEADER_IGNORED_METRIC, '', ['reason']);
    for (const reason of ['policy', 'invalid', 'locked'] as const) expect(counter.get({ reason })).toBe(model.ignored[reason]);
  }
  toString = (): string => `resolve(${this.module}, tenant=${this.tenant}, route=${this.route}, header=${this.header?.value})`;
}

describe('state machine: overrides at every scope, rollback and requests', () => {
  const moduleArb = fc.option(fc.constantFrom(...MODULE_IDS), { nil: undefined });
  const modeArb = fc.constantFrom<Mode>('ts_primary', 'shadow', 'wasm_primary', 'split');
  const tenantArb = fc.constantFrom('open', 'locked', 'toollock', 'closed', 'ghost');
  const routeArb = fc.constantFrom('split', 'toklock', 'ghost');
  const whereArb: fc.Arbitrary<Where> = fc.oneof(
    fc.constant<Where>({ kind: 'global' }),
    tenantArb.map((id): Where => ({ kind: 'tenant', id })),
    routeArb.map((id): Where => ({ kind: 'route', id })),
  );
  const globalIndex = fc.nat({ max: GLOBALS.length - 1 });

  test.prop([globalIndex.chain((g) => fc.tuple(fc.constant(g), commandsFor(GLOBALS[g] ?? { spec: {} })))], { numRuns: runs(150) })(
    'the model predicts every resolution and every ignored-header count',
    ([g, commands]) => {
      const setup = (): { model: Model; real: Real } => ({ model: { overrides: new Map(), ignored: { policy: 0, invalid: 0, locked: 0 } }, real: machineResolver(GLOBALS[g] ?? { spec: {} }) });
      fc.modelRun(setup, commands);
    },
  );

  function commandsFor(global: Global): fc.Arbitrary<Iterable<fc.Command<Model, Real>>> {
    return fc.commands(
      [
        fc.tuple(whereArb, moduleArb, modeArb, fc.boolean()).map(([where, module, mode, lock]) => new SetOverride(where, module, mode, lock)),
        fc.tuple(whereArb, moduleArb).map(([where, module]) => new ClearOverride(where, module)),
        fc.constant(new ClearAll()),
        fc
          .tuple(fc.constantFrom(...MODULE_IDS), fc.option(tenantArb, { nil: undefined }), fc.option(routeArb, { nil: undefined }), fc.option(fc.constantFrom(...MACHINE_HEADERS), { nil: undefined }))
          .map(([module, tenant, route, header]) => new Resolve(global, module, tenant, route, header)),
      ],
      { maxCommands: 40, size: 'max' },
    );
  }
});
