import Type, { type Static } from 'typebox';

/** Every lifecycle stage, in promotion order. */
export const STAGES = ['shadow', 'canary', 'default', 'deprecated', 'removed'] as const;

/**
 * A module's lifecycle stage: `shadow` (TS serves, WASM shadows), `canary` (WASM serves a small sticky
 * share), `default` (WASM serves 50–100 %, TS shadows a decreasing sample), `deprecated` (WASM serves
 * all, TS loaded as an instant fallback, running nothing), `removed` (TS not loaded).
 */
export const Stage = Type.Enum(STAGES, { description: 'shadow | canary | default | deprecated | removed' });
export type Stage = Static<typeof Stage>;

/** The stages that have a gate to leave them (every stage but `removed`). */
export const GATED_STAGES = ['shadow', 'canary', 'default', 'deprecated'] as const;
export type GatedStage = (typeof GATED_STAGES)[number];

/** The stage a promotion from `stage` leads to, or null from `removed`. */
export function nextStage(stage: Stage): Stage | null {
  const index = STAGES.indexOf(stage);
  return STAGES[index + 1] ?? null;
}

/** True for stages where WASM serves some calls (a rollback there changes what callers get). */
export function servesWasm(stage: Stage): boolean {
  return stage === 'canary' || stage === 'default' || stage === 'deprecated' || stage === 'removed';
}

/** True for stages where the two runtimes are compared (a shadow runs). */
export function comparesRuntimes(stage: Stage): boolean {
  return stage === 'shadow' || stage === 'canary' || stage === 'default';
}

/** True when `stage` has a gate (is not `removed`). */
export function isGated(stage: Stage): stage is GatedStage {
  return stage !== 'removed';
}
