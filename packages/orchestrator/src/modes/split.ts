// Sticky split: which runtime serves a key is a pure function of (module, key, percent).
import type { CallPlan, ModeResolution } from './mode-resolution.js';

const TS_ONLY: CallPlan = Object.freeze({ primary: 'ts', shadow: false });
const TS_SHADOW_WASM: CallPlan = Object.freeze({ primary: 'ts', shadow: true });
const WASM_SHADOW_TS: CallPlan = Object.freeze({ primary: 'wasm', shadow: true });
const WASM_ONLY: CallPlan = Object.freeze({ primary: 'wasm', shadow: false });

function mix(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/**
 * Where `key` falls for `module`, in [0, 100): FNV-1a over the UTF-16 code units of module, a separator
 * and key, finished with the murmur3 avalanche. Stable across processes and versions (changing it would
 * move live sessions between runtimes). A key is served by WASM when its bucket is below the percent, so
 * raising the percent only ever moves keys from TS to WASM.
 */
export function splitBucket(module: string, key: string): number {
  let h = mix(mix(mix(0x811c9dc5, module), '\u0000'), key);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h >>> 0) / 0x1_0000_0000) * 100;
}

/** The key a split call is assigned by: `splitKey`, else the tenant, else the request id. */
export function splitKeyOf(ctx: { readonly splitKey?: string; readonly tenant?: string; readonly requestId?: string }): string | undefined {
  return ctx.splitKey ?? ctx.tenant ?? ctx.requestId;
}

/**
 * Which runtime serves a call and whether the other shadows it: `ts_primary` → TS alone; `shadow` → TS,
 * WASM shadows; `wasm_primary` → WASM, TS shadows; `wasm_only` → WASM alone; `split` → by the sticky bucket of (module, key), the
 * other runtime shadowing. A split call with no key at all is served by TS. Returns shared frozen objects.
 *
 * @example
 * const plan = planCall(resolver.resolveMode(ctx), ctx); // { primary: 'wasm', shadow: true }
 */
export function planCall(
  resolution: Pick<ModeResolution, 'mode' | 'splitPercent'>,
  ctx: { readonly module: string; readonly splitKey?: string; readonly tenant?: string; readonly requestId?: string },
): CallPlan {
  switch (resolution.mode) {
    case 'ts_primary':
      return TS_ONLY;
    case 'shadow':
      return TS_SHADOW_WASM;
    case 'wasm_primary':
      return WASM_SHADOW_TS;
    case 'wasm_only':
      return WASM_ONLY;
    case 'split': {
      const key = splitKeyOf(ctx);
      const percent = resolution.splitPercent ?? 0;
      return key !== undefined && splitBucket(ctx.module, key) < percent ? WASM_SHADOW_TS : TS_SHADOW_WASM;
    }
  }
}
