// Synthetic windows for gate tests: traffic described per tenant (and optionally per route), summed
// into the overall counts the way the store's summaries would be.
import { emptyCounts } from '../../../src/gates/counts.js';
import type { EvaluationInput } from '../../../src/gates/evaluate.js';
import { evaluationWindows } from '../../../src/gates/evaluate.js';
import type { RuntimeFacts } from '../../../src/gates/evaluation.js';
import type { LifecycleSettings } from '../../../src/gates/gate-settings.js';
import type { ModuleState } from '../../../src/gates/lifecycle-state.js';
import type { GateWindow, OutcomeCounts } from '../../../src/gates/window.js';
import { emptyHistogram, type LatencyHistogram, mergeHistograms, withSample } from '../../../src/records/latency-histogram.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const T0 = Date.UTC(2026, 0, 5);

/** One stratum's traffic. `compared` defaults to `calls`; every comparison has a paired latency delta. */
export interface Traffic {
  readonly calls: number;
  readonly compared?: number;
  readonly diffs?: number;
  readonly shadowErrors?: number;
  readonly primaryErrors?: number;
  readonly dropped?: number;
  /** Paired delta (wasm - ts, ms): the comparisons spread evenly over [delta - spread, delta + spread]. */
  readonly delta?: number;
  readonly spread?: number;
}

function deltas(n: number, centre: number, spread: number): LatencyHistogram {
  let h = emptyHistogram();
  const steps = Math.min(n, 20);
  for (let i = 0; i < steps; i += 1) {
    const times = Math.floor(n / steps) + (i < n % steps ? 1 : 0);
    const value = steps === 1 ? centre : centre - spread + (2 * spread * i) / (steps - 1);
    if (times > 0) h = withSample(h, value, times);
  }
  return h;
}

/** The counts of one stratum's traffic. */
export function counts(t: Traffic): OutcomeCounts {
  const compared = t.compared ?? t.calls;
  const diffs = t.diffs ?? 0;
  const shadowErrors = t.shadowErrors ?? 0;
  return {
    calls: t.calls,
    primaryErrors: t.primaryErrors ?? 0,
    compared,
    matches: compared - diffs - shadowErrors,
    bothFailed: 0,
    diffs,
    shadowErrors,
    dropped: t.dropped === undefined ? {} : { queue_full: t.dropped },
    skipped: {},
    latencyDelta: deltas(compared, t.delta ?? 1, t.spread ?? 1),
    latencyMain: {},
    latencyShadow: {},
  };
}

/** The sum of counts. */
export function sum(parts: readonly OutcomeCounts[]): OutcomeCounts {
  const total = emptyCounts();
  const add = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> => {
    const out: Record<string, number> = { ...a };
    for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
    return out;
  };
  return parts.reduce<OutcomeCounts>(
    (acc, c) => ({
      calls: acc.calls + c.calls,
      primaryErrors: acc.primaryErrors + c.primaryErrors,
      compared: acc.compared + c.compared,
      matches: acc.matches + c.matches,
      bothFailed: acc.bothFailed + c.bothFailed,
      diffs: acc.diffs + c.diffs,
      shadowErrors: acc.shadowErrors + c.shadowErrors,
      dropped: add(acc.dropped, c.dropped),
      skipped: add(acc.skipped, c.skipped),
      latencyDelta: mergeHistograms([acc.latencyDelta, c.latencyDelta]),
      latencyMain: {},
      latencyShadow: {},
    }),
    total,
  );
}

/** A window whose overall counts are the sum of its tenants (routes, when given, split the same calls). */
export function windowOf(module: string, range: { from: number; to: number }, tenants: Readonly<Record<string, Traffic>>, options: { routes?: Readonly<Record<string, Traffic>>; firstSeen?: number | null } = {}): GateWindow {
  const byTenant: Record<string, OutcomeCounts> = {};
  for (const [id, t] of Object.entries(tenants)) byTenant[id] = counts(t);
  const byRoute: Record<string, OutcomeCounts> = {};
  for (const [id, t] of Object.entries(options.routes ?? {})) byRoute[id] = counts(t);
  const overall = sum(Object.values(byTenant));
  return { module, from: range.from, to: range.to, overall, byTenant, byRoute, firstSeen: options.firstSeen === undefined ? (overall.calls > 0 ? range.from : null) : options.firstSeen };
}

/** Runtime facts of a healthy module. */
export function facts(overrides: Partial<RuntimeFacts> = {}): RuntimeFacts {
  return { moduleVersion: '1.0.0', wasmDigest: 'sha256:abc', rulesetVersion: 'v1', wasmInitFailed: false, wasmInitError: null, wasmCrashes: 0, topDiffPaths: [], ...overrides };
}

/** An evaluation input whose windows are the ones `evaluationWindows` asks for, filled with `gate` and `recent` traffic. */
export function inputFor(
  settings: LifecycleSettings,
  state: ModuleState,
  now: number,
  traffic: { gate: Readonly<Record<string, Traffic>>; recent: Readonly<Record<string, Traffic>>; gateRoutes?: Readonly<Record<string, Traffic>>; recentRoutes?: Readonly<Record<string, Traffic>>; firstSeen?: number | null },
  factOverrides: Partial<RuntimeFacts> = {},
): EvaluationInput {
  const ranges = evaluationWindows(settings, state, now);
  const firstSeen = traffic.firstSeen === undefined ? undefined : traffic.firstSeen;
  return {
    settings,
    state,
    now,
    facts: facts(factOverrides),
    windows: {
      gate: windowOf(state.module, ranges.gate, traffic.gate, { ...(traffic.gateRoutes === undefined ? {} : { routes: traffic.gateRoutes }), ...(firstSeen === undefined ? {} : { firstSeen }) }),
      recent: windowOf(state.module, ranges.recent, traffic.recent, traffic.recentRoutes === undefined ? {} : { routes: traffic.recentRoutes }),
    },
  };
}
