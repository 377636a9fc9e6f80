import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import type { ModeContext } from '../src/modes/mode-resolution.js';
import { createModeResolver, type ModeResolver } from '../src/modes/mode-resolver.js';
import { planCall, splitBucket } from '../src/modes/split.js';

/** Property runs: FC_NUM_RUNS (tooling/vitest.setup.ts), capped for this file's heavier properties. */
const runs = (cap: number): number => Math.min(fc.readConfigureGlobal().numRuns ?? cap, cap);

function splitResolver(percent: number): ModeResolver {
  const config = loadConfig({ modules: { tokenizer: { import: 'a', mode: 'split', splitPercent: percent }, tools: { import: 'b', mode: 'split', splitPercent: percent } } }, {});
  return createModeResolver(config, {});
}

function primaryOf(resolver: ModeResolver, ctx: ModeContext): 'ts' | 'wasm' {
  return resolver.planCall(resolver.resolveMode(ctx), ctx).primary;
}

describe('planCall', () => {
  it('maps each mode to its primary and shadow', () => {
    const ctx = { module: 'tokenizer', splitKey: 'k' };
    expect(planCall({ mode: 'ts_primary' }, ctx)).toEqual({ primary: 'ts', shadow: false });
    expect(planCall({ mode: 'shadow' }, ctx)).toEqual({ primary: 'ts', shadow: true });
    expect(planCall({ mode: 'wasm_primary' }, ctx)).toEqual({ primary: 'wasm', shadow: true });
    expect(planCall({ mode: 'split', splitPercent: 100 }, ctx)).toEqual({ primary: 'wasm', shadow: true });
    expect(planCall({ mode: 'split', splitPercent: 0 }, ctx)).toEqual({ primary: 'ts', shadow: true });
  });

  it('keys a split by splitKey, else tenant, else request id; with no key TS serves', () => {
    const bucket = (key: string): number => splitBucket('tokenizer', key);
    const percent = 50;
    const wasm = (key: string): boolean => bucket(key) < percent;
    const keys = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];
    const inKey = keys.find(wasm) ?? '';
    const outKey = keys.find((key) => !wasm(key)) ?? '';
    const split = { mode: 'split', splitPercent: percent } as const;
    expect(planCall(split, { module: 'tokenizer', splitKey: inKey, tenant: outKey, requestId: outKey }).primary).toBe('wasm');
    expect(planCall(split, { module: 'tokenizer', tenant: inKey, requestId: outKey }).primary).toBe('wasm');
    expect(planCall(split, { module: 'tokenizer', requestId: inKey }).primary).toBe('wasm');
    expect(planCall(split, { module: 'tokenizer', tenant: outKey, requestId: inKey }).primary).toBe('ts');
    expect(planCall({ mode: 'split', splitPercent: 100 }, { module: 'tokenizer' })).toEqual({ primary: 'ts', shadow: true });
  });

  it('keeps the hash stable across versions (changing it would move live sessions)', () => {
    expect([splitBucket('tokenizer', 'session-1'), splitBucket('tools', 'session-1'), splitBucket('tokenizer', '')].map((b) => b.toFixed(6))).toEqual(PINNED);
  });
});

// Computed once from the implementation in this commit; a change here is a breaking change of split.
const PINNED = ['23.282768', '70.477136', '46.650303'];

describe('split stickiness', () => {
  test.prop([fc.string(), fc.double({ min: 0, max: 100, noNaN: true })], { numRuns: runs(300) })('the same key gets the same primary across calls and resolver instances', (key, percent) => {
    const a = splitResolver(percent);
    const b = splitResolver(percent);
    const ctx = { module: 'tokenizer', splitKey: key, requestId: 'varies-1' };
    const first = primaryOf(a, ctx);
    expect(primaryOf(a, { ...ctx, requestId: 'varies-2' })).toBe(first);
    expect(primaryOf(b, ctx)).toBe(first);
  });

  test.prop([fc.string(), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })], { numRuns: runs(300) })(
    'raising the percent only moves keys from TS to WASM',
    (key, p, q) => {
      const [low, high] = p <= q ? [p, q] : [q, p];
      const at = (percent: number): string => planCall({ mode: 'split', splitPercent: percent }, { module: 'tools', splitKey: key }).primary;
      if (at(low) === 'wasm') expect(at(high)).toBe('wasm');
    },
  );

  it.each([0, 1, 5, 10, 25, 50, 75, 90, 99, 100])('routes %d%% of 20 000 keys to WASM (±1.5 points)', (percent) => {
    const resolver = splitResolver(percent);
    let wasm = 0;
    const n = 20_000;
    for (let i = 0; i < n; i += 1) if (primaryOf(resolver, { module: 'tokenizer', splitKey: `user-${i}` }) === 'wasm') wasm += 1;
    expect(Math.abs((wasm / n) * 100 - percent)).toBeLessThanOrEqual(1.5);
    if (percent === 0) expect(wasm).toBe(0);
    if (percent === 100) expect(wasm).toBe(n);
  });

  it('assigns modules independently (a key is not WASM for every module at once)', () => {
    let both = 0;
    const n = 20_000;
    for (let i = 0; i < n; i += 1) if (splitBucket('tokenizer', `k${i}`) < 50 && splitBucket('tools', `k${i}`) < 50) both += 1;
    expect(Math.abs(both / n - 0.25)).toBeLessThan(0.015);
  });

  test.prop([fc.string(), fc.string()], { numRuns: runs(200) })('buckets lie in [0, 100)', (module, key) => {
    const bucket = splitBucket(module, key);
    expect(bucket >= 0 && bucket < 100).toBe(true);
  });
});
