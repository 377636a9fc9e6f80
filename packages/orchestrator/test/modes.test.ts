// Named examples: each mirrors a worked example in docs/switch-matrix.md (same config, same numbers).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import type { EnvSource } from '../src/config/mode-env.js';
import { isOrchestratorError } from '../src/errors.js';
import { MetricsRegistry } from '../src/metrics/metrics-registry.js';
import type { ModeContext, RequestHeaders } from '../src/modes/mode-resolution.js';
import { createModeResolver, HEADER_IGNORED_METRIC, type ModeResolver } from '../src/modes/mode-resolver.js';

/** The example config of docs/switch-matrix.md. */
const EXAMPLE = {
  modules: {
    tokenizer: { import: '@llms-wasm/tokenizer', mode: 'shadow', splitPercent: 10 },
    tools: { import: '@llms-wasm/tools' },
  },
  tenants: [
    { id: 'acme', wasmMode: 'wasm_primary', allowHeaderOverride: true },
    { id: 'globex', wasmMode: { mode: 'ts_primary', lock: true }, allowHeaderOverride: true },
    { id: 'initech', wasmMode: { modules: { tokenizer: { mode: 'split', splitPercent: 25 } } } },
    { id: 'umbrella', wasmMode: { modules: { tools: { mode: 'shadow', lock: true } } }, allowHeaderOverride: true },
    { id: 'hooli', wasmMode: { lock: true } },
  ],
  routes: [
    { id: 'chat', wasmMode: { modules: { tokenizer: 'wasm_primary' } } },
    { id: 'batch', wasmMode: { mode: 'ts_primary', lock: true } },
  ],
};

function resolver(env: EnvSource = {}, metrics?: MetricsRegistry): ModeResolver {
  return createModeResolver(loadConfig(EXAMPLE, env), env, metrics);
}

const header = (value: string | string[]): RequestHeaders => ({ 'X-WASM-Mode': value });

describe('precedence (docs/switch-matrix.md §Worked examples)', () => {
  const r = resolver();
  it.each<[string, ModeContext, object]>([
    ['1. nothing set for tools: the built-in default', { module: 'tools' }, { mode: 'ts_primary', scope: 'default', locked: false }],
    ['2. the module’s config mode is global scope', { module: 'tokenizer' }, { mode: 'shadow', scope: 'global', locked: false }],
    ['3. a tenant beats global', { module: 'tokenizer', tenant: 'acme' }, { mode: 'wasm_primary', scope: 'tenant', locked: false }],
    ['4. a route beats the tenant (per module)', { module: 'tokenizer', tenant: 'initech', route: 'chat' }, { mode: 'wasm_primary', scope: 'route', locked: false }],
    ['5. the route says nothing for tools: the tenant decides', { module: 'tools', tenant: 'acme', route: 'chat' }, { mode: 'wasm_primary', scope: 'tenant', locked: false }],
    ['6. a tenant lock caps the route', { module: 'tokenizer', tenant: 'globex', route: 'chat' }, { mode: 'ts_primary', scope: 'tenant', locked: true, lockedBy: 'tenant' }],
    ['7. a per-module tenant entry with its own percent', { module: 'tokenizer', tenant: 'initech' }, { mode: 'split', scope: 'tenant', locked: false, splitPercent: 25 }],
    ['8. a per-module entry leaves other modules alone', { module: 'tools', tenant: 'initech' }, { mode: 'ts_primary', scope: 'default', locked: false }],
    ['9. a route lock', { module: 'tokenizer', tenant: 'acme', route: 'batch' }, { mode: 'ts_primary', scope: 'route', locked: true, lockedBy: 'route' }],
    ['10. a lock without a mode freezes the inherited mode', { module: 'tokenizer', tenant: 'hooli', route: 'chat' }, { mode: 'shadow', scope: 'global', locked: true, lockedBy: 'tenant' }],
    ['11. a per-module lock locks only that module', { module: 'tools', tenant: 'umbrella', route: 'chat' }, { mode: 'shadow', scope: 'tenant', locked: true, lockedBy: 'tenant' }],
    ['12. unknown tenants and routes add nothing', { module: 'tokenizer', tenant: 'nobody', route: 'nowhere' }, { mode: 'shadow', scope: 'global', locked: false }],
  ])('%s', (_, ctx, expected) => {
    expect(r.resolveMode(ctx)).toEqual(expected);
  });
});

describe('environment variables (global scope; env wins over the file)', () => {
  it('LLMS_WASM_MODE beats the module’s config mode; LLMS_WASM_MODE__<MODULE> beats LLMS_WASM_MODE', () => {
    const r = resolver({ LLMS_WASM_MODE: 'ts_primary' });
    expect(r.resolveMode({ module: 'tokenizer' })).toEqual({ mode: 'ts_primary', scope: 'global', locked: false });
    const s = resolver({ LLMS_WASM_MODE: 'ts_primary', LLMS_WASM_MODE__TOKENIZER: 'wasm_primary' });
    expect(s.resolveMode({ module: 'tokenizer' }).mode).toBe('wasm_primary');
    expect(s.resolveMode({ module: 'tools' })).toEqual({ mode: 'ts_primary', scope: 'global', locked: false });
  });

  it('13. rollback: LLMS_WASM_MODE=ts_primary with LLMS_WASM_MODE_LOCK=1 beats tenants, routes and headers', () => {
    const metrics = new MetricsRegistry();
    const r = resolver({ LLMS_WASM_MODE: 'ts_primary', LLMS_WASM_MODE_LOCK: '1' }, metrics);
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme', route: 'chat', headers: header('wasm_primary') })).toEqual({
      mode: 'ts_primary',
      scope: 'global',
      locked: true,
      lockedBy: 'global',
      header: { value: 'wasm_primary', ignored: 'locked' },
    });
    expect(metrics.counter(HEADER_IGNORED_METRIC, '', ['reason']).get({ reason: 'locked' })).toBe(1);
  });

  it('14. LLMS_WASM_MODE_LOCK__TOKENIZER=1 locks the tokenizer only', () => {
    const r = resolver({ LLMS_WASM_MODE_LOCK__TOKENIZER: '1' });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme' })).toEqual({ mode: 'shadow', scope: 'global', locked: true, lockedBy: 'global' });
    expect(r.resolveMode({ module: 'tools', tenant: 'acme' })).toEqual({ mode: 'wasm_primary', scope: 'tenant', locked: false });
  });

  it('LLMS_WASM_SPLIT_PERCENT beats the config percent at global scope, not a tenant’s own percent', () => {
    const r = resolver({ LLMS_WASM_MODE: 'split', LLMS_WASM_SPLIT_PERCENT: '50' });
    expect(r.resolveMode({ module: 'tokenizer' })).toEqual({ mode: 'split', scope: 'global', locked: false, splitPercent: 50 });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'initech' }).splitPercent).toBe(25);
  });

  it('refuses an invalid variable at construction, naming it', () => {
    expect(() => createModeResolver(loadConfig(EXAMPLE, {}), { LLMS_WASM_MODE__TOOLS: 'wasm' })).toThrow(/^LLMS_WASM_MODE__TOOLS: must be one of/);
  });

  it('24. LLMS_WASM_ROLLBACK=tokenizer beats a locked override, tenants, routes and an allowed header', () => {
    const metrics = new MetricsRegistry();
    const r = resolver({ LLMS_WASM_ROLLBACK: 'tokenizer', LLMS_WASM_MODE: 'wasm_primary', LLMS_WASM_MODE_LOCK: '1' }, metrics);
    r.setOverride({ module: 'tokenizer', mode: 'wasm_primary', lock: true, reason: 'promote' });
    r.setOverride({ tenant: 'acme', module: 'tokenizer', mode: 'shadow', lock: true, reason: 'canary' });
    expect(r.rollback).toEqual(['tokenizer']);
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme', route: 'chat', headers: header('wasm_primary') })).toEqual({
      mode: 'ts_primary',
      scope: 'rollback',
      locked: true,
      lockedBy: 'rollback',
      header: { value: 'wasm_primary', ignored: 'locked' },
    });
    expect(metrics.counter(HEADER_IGNORED_METRIC, '', ['reason']).get({ reason: 'locked' })).toBe(1);
    expect(r.resolveMode({ module: 'tools' })).toEqual({ mode: 'wasm_primary', scope: 'global', locked: true, lockedBy: 'global' });
  });

  it('25. LLMS_WASM_ROLLBACK=all and a list roll back those modules only; case and spaces are ignored', () => {
    expect(resolver({ LLMS_WASM_ROLLBACK: 'ALL' }).rollback).toEqual(['tokenizer', 'tools']);
    expect(resolver({ LLMS_WASM_ROLLBACK: ' tools , Tokenizer ' }).rollback).toEqual(['tokenizer', 'tools']);
    const r = resolver({ LLMS_WASM_ROLLBACK: 'tools' });
    expect(r.resolveMode({ module: 'tools', tenant: 'acme' })).toEqual({ mode: 'ts_primary', scope: 'rollback', locked: true, lockedBy: 'rollback' });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme' })).toEqual({ mode: 'wasm_primary', scope: 'tenant', locked: false });
    expect(resolver({ LLMS_WASM_ROLLBACK: '' }).rollback).toEqual([]);
  });
});

describe('overrides at tenant and route scope', () => {
  it('26. a tenant override sits above the tenant’s config and below routes; a route override above the route’s config', () => {
    const r = resolver();
    r.setOverride({ tenant: 'acme', module: 'tokenizer', mode: 'shadow', reason: 'tenant canary' });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme' })).toEqual({ mode: 'shadow', scope: 'tenant_override', locked: false });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'initech', route: 'chat' })).toEqual({ mode: 'wasm_primary', scope: 'route', locked: false });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme', route: 'chat' })).toEqual({ mode: 'wasm_primary', scope: 'route', locked: false });
    r.setOverride({ route: 'chat', mode: 'ts_primary', reason: 'route rollback' });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme', route: 'chat' })).toEqual({ mode: 'ts_primary', scope: 'route_override', locked: false });
    expect(r.resolveMode({ module: 'tools', route: 'chat' })).toEqual({ mode: 'ts_primary', scope: 'route_override', locked: false });
  });

  it('27. a locked tenant override beats a global lock and the tenant’s own lock, and caps its routes and headers', () => {
    const r = resolver({ LLMS_WASM_MODE: 'wasm_primary', LLMS_WASM_MODE_LOCK: '1' });
    r.setOverride({ tenant: 'globex', module: 'tokenizer', mode: 'shadow', lock: true, reason: 'INC-7' });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'globex', route: 'chat', headers: header('wasm_primary') })).toEqual({
      mode: 'shadow',
      scope: 'tenant_override',
      locked: true,
      lockedBy: 'tenant_override',
      header: { value: 'wasm_primary', ignored: 'locked' },
    });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme' })).toEqual({ mode: 'wasm_primary', scope: 'global', locked: true, lockedBy: 'global' });
  });

  it('28. a locked global override is broader than a locked tenant override', () => {
    const r = resolver();
    r.setOverride({ tenant: 'acme', module: 'tokenizer', mode: 'wasm_primary', lock: true, reason: 'tenant promote' });
    r.setOverride({ module: 'tokenizer', mode: 'ts_primary', lock: true, reason: 'rollback' });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme' })).toEqual({ mode: 'ts_primary', scope: 'override', locked: true, lockedBy: 'override' });
  });

  it('applies to tenants and routes the config does not know, and clears by target', () => {
    const r = resolver();
    r.setOverride({ tenant: 'newco', mode: 'ts_primary', lock: true, reason: 'x' });
    expect(r.resolveMode({ module: 'tools', tenant: 'newco' })).toMatchObject({ mode: 'ts_primary', scope: 'tenant_override' });
    expect(r.overrides()).toEqual([expect.objectContaining({ scope: 'tenant', tenant: 'newco', origin: 'memory', who: 'resolver' })]);
    expect(r.clearOverride({ route: 'newco' })).toBe(false);
    expect(r.clearOverride({ tenant: 'newco' })).toBe(true);
    expect(r.resolveMode({ module: 'tools', tenant: 'newco' }).scope).toBe('default');
  });

  it('lists overrides broadest scope first', () => {
    const r = resolver();
    r.setOverride({ route: 'chat', module: 'tools', mode: 'shadow', reason: 'r' });
    r.setOverride({ tenant: 'acme', mode: 'shadow', reason: 't' });
    r.setOverride({ module: 'tools', mode: 'shadow', reason: 'g-tools' });
    r.setOverride({ mode: 'shadow', reason: 'g-all' });
    expect(r.overrides().map((o) => o.reason)).toEqual(['g-all', 'g-tools', 't', 'r']);
  });

  it('keeps a local override (a degradation) against an all-modules override and a shared replacement', () => {
    const r = resolver();
    r.setOverride({ module: 'tokenizer', mode: 'ts_primary', lock: true, reason: 'wasm runtime failed to initialize' }, { origin: 'local' });
    r.setOverride({ mode: 'wasm_primary', lock: true, reason: 'promote everything' });
    expect(r.resolveMode({ module: 'tokenizer' })).toMatchObject({ mode: 'ts_primary', scope: 'override', lockedBy: 'override' });
    expect(r.resolveMode({ module: 'tools' })).toMatchObject({ mode: 'wasm_primary', scope: 'override' });
    r.replaceSharedOverrides([r.checkOverride({ module: 'tokenizer', mode: 'wasm_primary', reason: 'from the store' }, { origin: 'stored', id: 3 })]);
    expect(r.resolveMode({ module: 'tokenizer' })).toMatchObject({ mode: 'ts_primary', scope: 'override' });
    expect(r.overrides().map((o) => o.origin)).toEqual(['local', 'stored']);
    expect(r.clearOverride('tokenizer')).toBe(true);
    expect(r.overrides()).toEqual([]);
  });
});

describe('the X-WASM-Mode header', () => {
  function counted(metrics: MetricsRegistry): Record<string, number> {
    const counter = metrics.counter(HEADER_IGNORED_METRIC, '', ['reason']);
    return { policy: counter.get({ reason: 'policy' }), invalid: counter.get({ reason: 'invalid' }), locked: counter.get({ reason: 'locked' }) };
  }

  it('15. is honoured for a tenant that allows it, for every module or per module', () => {
    const r = resolver();
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme', headers: header('shadow') })).toEqual({ mode: 'shadow', scope: 'header', locked: false, header: { value: 'shadow' } });
    const perModule = { 'x-wasm-mode': 'tools=shadow, tokenizer=ts_primary' };
    expect(r.resolveMode({ module: 'tools', tenant: 'acme', headers: perModule })).toMatchObject({ mode: 'shadow', scope: 'header' });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme', headers: perModule })).toMatchObject({ mode: 'ts_primary', scope: 'header' });
    const mixed = { 'X-Wasm-Mode': 'wasm_primary,tools=ts_primary' };
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme', headers: mixed }).mode).toBe('wasm_primary');
    expect(r.resolveMode({ module: 'tools', tenant: 'acme', headers: mixed }).mode).toBe('ts_primary');
  });

  it('leaves modules it does not name alone (not counted as ignored)', () => {
    const metrics = new MetricsRegistry();
    const r = resolver({}, metrics);
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme', headers: header('tools=shadow') })).toEqual({ mode: 'wasm_primary', scope: 'tenant', locked: false, header: { value: 'tools=shadow' } });
    expect(counted(metrics)).toEqual({ policy: 0, invalid: 0, locked: 0 });
  });

  it('16. is ignored and counted for tenants that do not allow it and for calls without a tenant', () => {
    const metrics = new MetricsRegistry();
    const r = resolver({}, metrics);
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'initech', headers: header('wasm_primary') })).toEqual({ mode: 'split', scope: 'tenant', locked: false, splitPercent: 25, header: { value: 'wasm_primary', ignored: 'policy' } });
    expect(r.resolveMode({ module: 'tokenizer', headers: header('wasm_primary') }).header).toEqual({ value: 'wasm_primary', ignored: 'policy' });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'nobody', headers: header('not even valid') }).header).toEqual({ value: 'not even valid', ignored: 'policy' });
    expect(counted(metrics)).toEqual({ policy: 3, invalid: 0, locked: 0 });
  });

  it.each(['turbo', '', ' , ', 'tokenizer=shadow,tokenizer=ts_primary', 'shadow,split', 'streaming=shadow', 'tokenizer:shadow', 'tokenizer=', `${'shadow,'.repeat(40)}`])(
    '17. invalid value %j is ignored and counted, never an error',
    (value) => {
      const metrics = new MetricsRegistry();
      const r = resolver({}, metrics);
      const resolution = r.resolveMode({ module: 'tokenizer', tenant: 'acme', headers: header(value) });
      expect(resolution).toMatchObject({ mode: 'wasm_primary', scope: 'tenant', header: { ignored: 'invalid' } });
      expect(resolution.header?.value.length).toBeLessThanOrEqual(256);
      expect(counted(metrics)).toEqual({ policy: 0, invalid: 1, locked: 0 });
    },
  );

  it('18. cannot beat a lock, at any scope (counted as locked)', () => {
    const metrics = new MetricsRegistry();
    const r = resolver({}, metrics);
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'globex', headers: header('wasm_primary') })).toEqual({
      mode: 'ts_primary',
      scope: 'tenant',
      locked: true,
      lockedBy: 'tenant',
      header: { value: 'wasm_primary', ignored: 'locked' },
    });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme', route: 'batch', headers: header('shadow') }).header?.ignored).toBe('locked');
    expect(r.resolveMode({ module: 'tools', tenant: 'umbrella', headers: header('wasm_primary') })).toMatchObject({ mode: 'shadow', header: { ignored: 'locked' } });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'umbrella', headers: header('wasm_primary') })).toMatchObject({ mode: 'wasm_primary', scope: 'header' });
    expect(counted(metrics)).toEqual({ policy: 0, invalid: 0, locked: 3 });
  });

  it('joins repeated headers and finds the header whatever its case', () => {
    const r = resolver();
    expect(r.resolveMode({ module: 'tools', tenant: 'acme', headers: header(['tokenizer=shadow', 'tools=split']) })).toMatchObject({ mode: 'split', scope: 'header', header: { value: 'tokenizer=shadow,tools=split' } });
    expect(r.resolveMode({ module: 'tools', tenant: 'acme', headers: { 'X-WASM-MODE': 'SHADOW' } })).toMatchObject({ mode: 'shadow', scope: 'header' });
    expect(r.resolveMode({ module: 'tools', tenant: 'acme', headers: { 'x-wasm-mode': undefined } })).toEqual({ mode: 'wasm_primary', scope: 'tenant', locked: false });
  });

  it('19. a header asking for split uses the percent of the broader scopes', () => {
    const r = resolver();
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme', headers: header('split') }).splitPercent).toBe(10);
    expect(r.resolveMode({ module: 'tools', tenant: 'acme', headers: header('split') }).splitPercent).toBe(0);
  });
});

describe('runtime overrides', () => {
  it('20. an unlocked override beats global scope but not tenants, routes or headers', () => {
    const r = resolver();
    const made = r.setOverride({ module: 'tokenizer', mode: 'ts_primary', reason: 'gate: diff rate 2x' });
    expect(made).toMatchObject({ module: 'tokenizer', mode: 'ts_primary', lock: false, reason: 'gate: diff rate 2x' });
    expect(typeof made.at).toBe('number');
    expect(r.resolveMode({ module: 'tokenizer' })).toEqual({ mode: 'ts_primary', scope: 'override', locked: false });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme' }).scope).toBe('tenant');
    expect(r.resolveMode({ module: 'tools' }).scope).toBe('default');
  });

  it('21. a locked override caps everything, the global env lock included', () => {
    const r = resolver({ LLMS_WASM_MODE: 'wasm_primary', LLMS_WASM_MODE_LOCK: '1' });
    r.setOverride({ module: 'tokenizer', mode: 'ts_primary', lock: true, reason: 'rollback' });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'acme', route: 'chat', headers: header('shadow') })).toEqual({
      mode: 'ts_primary',
      scope: 'override',
      locked: true,
      lockedBy: 'override',
      header: { value: 'shadow', ignored: 'locked' },
    });
    expect(r.resolveMode({ module: 'tools', tenant: 'acme' })).toEqual({ mode: 'wasm_primary', scope: 'global', locked: true, lockedBy: 'global' });
  });

  it('22. an unlocked override is capped by a global lock', () => {
    const r = resolver({ LLMS_WASM_MODE_LOCK: '1' });
    r.setOverride({ mode: 'wasm_primary', reason: 'promote' });
    expect(r.resolveMode({ module: 'tokenizer' })).toEqual({ mode: 'shadow', scope: 'global', locked: true, lockedBy: 'global' });
  });

  it('23. a locked all-modules override shadows per-module overrides until it is cleared', () => {
    const r = resolver();
    r.setOverride({ module: 'tokenizer', mode: 'wasm_primary', reason: 'promote tokenizer' });
    r.setOverride({ mode: 'ts_primary', lock: true, reason: 'rollback all' });
    expect(r.resolveMode({ module: 'tokenizer' })).toMatchObject({ mode: 'ts_primary', scope: 'override', lockedBy: 'override' });
    expect(r.overrides().map((o) => o.reason)).toEqual(['rollback all', 'promote tokenizer']);
    expect(r.clearOverride()).toBe(true);
    expect(r.clearOverride()).toBe(false);
    expect(r.resolveMode({ module: 'tokenizer' })).toEqual({ mode: 'wasm_primary', scope: 'override', locked: false });
    expect(r.clearOverrides()).toBe(1);
    expect(r.resolveMode({ module: 'tokenizer' }).scope).toBe('global');
    expect(r.overrides()).toEqual([]);
  });

  it('keeps a split percent with the override', () => {
    const r = resolver();
    r.setOverride({ module: 'tools', mode: 'split', splitPercent: 5, reason: 'canary' });
    expect(r.resolveMode({ module: 'tools' })).toEqual({ mode: 'split', scope: 'override', locked: false, splitPercent: 5 });
    r.setOverride({ module: 'tokenizer', mode: 'split', lock: true, reason: 'canary' });
    expect(r.resolveMode({ module: 'tokenizer', tenant: 'initech' }).splitPercent).toBe(10);
  });

  it.each<[string, unknown, string]>([
    ['an unknown module', { module: 'streaming', mode: 'shadow', reason: 'x' }, '/module'],
    ['a bad mode', { mode: 'canary', reason: 'x' }, '/mode'],
    ['no reason', { mode: 'shadow' }, '/reason'],
    ['an empty reason', { mode: 'shadow', reason: '' }, '/reason'],
    ['a bad percent', { mode: 'split', splitPercent: -1, reason: 'x' }, '/splitPercent'],
    ['an unknown key', { mode: 'shadow', reason: 'x', ttl: 5 }, '/ttl'],
    ['a tenant and a route', { mode: 'shadow', reason: 'x', tenant: 'a', route: 'b' }, '/route'],
    ['an empty tenant', { mode: 'shadow', reason: 'x', tenant: '' }, '/tenant'],
    ['a module id off the grammar', { module: 'Tokenizer', mode: 'shadow', reason: 'x' }, '/module'],
  ])('refuses %s with OVERRIDE_INVALID naming the field', (_, input, path) => {
    const r = resolver();
    let caught: unknown;
    try {
      r.setOverride(input as Parameters<ModeResolver['setOverride']>[0]);
    } catch (error) {
      caught = error;
    }
    expect(isOrchestratorError(caught) && caught.code === 'OVERRIDE_INVALID' && caught.detail.path === path).toBe(true);
    expect(r.overrides()).toEqual([]);
  });
});

describe('programmer errors', () => {
  it('throws MODULE_UNKNOWN for a module the config does not declare', () => {
    let caught: unknown;
    try {
      resolver().resolveMode({ module: 'streaming' });
    } catch (error) {
      caught = error;
    }
    expect(isOrchestratorError(caught) && caught.code === 'MODULE_UNKNOWN').toBe(true);
  });

  it('lists the configured modules', () => {
    expect(resolver().modules).toEqual(['tokenizer', 'tools']);
  });
});
