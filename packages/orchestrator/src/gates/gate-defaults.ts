// The starting thresholds (the seed's), applied wherever the config is silent.
// docs/acceptance-thresholds.md holds the same table with what each criterion means.
import type { GatedStage } from './stages.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Max diff rate per module; a module not listed gets the strictest (0.01 %). */
export const DIFF_RATE_DEFAULTS: Readonly<Record<string, number>> = Object.freeze({
  tokenizer: 0.0001,
  tools: 0.001,
  compat: 0.005,
  streaming: 0.005,
  routing: 0.0001,
});

/** The diff rate of a module no default names. */
export const STRICTEST_DIFF_RATE = 0.0001;

/** Every default of the lifecycle, for docs and tests. */
export const LIFECYCLE_DEFAULTS = {
  confidence: 0.95,
  rollbackConfidence: 0.99,
  method: 'clopper-pearson',
  evaluateEveryMs: 5 * 60_000,
  recentWindowMs: HOUR,
  maxGateWindowMs: 30 * DAY,
  maxScopedRollbacks: 3,
  module: {
    promotion: 'auto',
    initialStage: 'shadow',
    cooldownMs: 24 * HOUR,
    passSpacingMs: HOUR,
    shadowSampleRate: 1,
    canaryPercent: 5,
    /** Canary percentages allowed without `allowAnyPercent`. */
    canaryPercentRange: [5, 10],
    defaultPercent: 100,
    defaultShadowSchedule: [
      { afterMs: 0, sampleRate: 0.25 },
      { afterMs: DAY, sampleRate: 0.1 },
      { afterMs: 7 * DAY, sampleRate: 0.01 },
    ],
    minReleases: 2,
  },
  gate: {
    shadowErrorRate: 0.001,
    primaryErrorRate: 0.01,
    droppedShare: 0.05,
    latencyDeltaMs: 10,
    latencyQuantile: 0.95,
    minSamples: 1000,
    stratumMinSamples: 200,
    consecutivePasses: 3,
  },
  observationMs: { shadow: 7 * DAY, canary: DAY, default: 7 * DAY, deprecated: 14 * DAY } satisfies Record<GatedStage, number>,
  /** The shadow stage's observation period must lie in this range (1–2 weeks). */
  shadowObservationRangeMs: [7 * DAY, 14 * DAY],
  alerts: {
    diffSpike: { severity: 'critical', rollback: true, factor: 2 },
    shadowErrorRate: { severity: 'critical', rollback: true },
    primaryErrorRate: { severity: 'critical', rollback: true },
    mainLatency: { severity: 'warning', rollback: true },
    wasmFailure: { severity: 'critical', rollback: true, minCrashes: 1, scope: 'module' },
    liveness: { severity: 'warning', minExpectedComparisons: 20 },
    droppedShare: { severity: 'warning', rollback: false },
    errorBudget: { severity: 'warning', rollback: false },
  },
} as const;
