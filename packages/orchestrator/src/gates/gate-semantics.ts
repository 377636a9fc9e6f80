// Checks of a `lifecycle` config the schema cannot express. Paths are JSON pointers relative to the
// lifecycle section; `basePath` (default `/lifecycle`) is prepended.
import { type ConfigProblem, pointerSegment } from '../config/config-problems.js';
import { formatDuration, durationMs, type Duration } from './duration.js';
import type { LifecycleConfig, ModuleLifecycleConfig } from './gate-config.js';
import { LIFECYCLE_DEFAULTS } from './gate-defaults.js';

const MODULE_ID = /^[a-z][a-z0-9_-]{0,63}$/;
const [CANARY_MIN, CANARY_MAX] = LIFECYCLE_DEFAULTS.module.canaryPercentRange;
const [SHADOW_MIN, SHADOW_MAX] = LIFECYCLE_DEFAULTS.shadowObservationRangeMs;

function checkCanary(own: ModuleLifecycleConfig, allowAny: boolean, path: string, problems: ConfigProblem[]): void {
  const percent = own.canary?.percent;
  if (percent === undefined || allowAny) return;
  if (percent < CANARY_MIN || percent > CANARY_MAX) {
    problems.push({ path: `${path}/canary/percent`, message: `must be between ${CANARY_MIN} and ${CANARY_MAX} (set canary.allowAnyPercent to use ${percent})` });
  }
}

function checkSchedule(own: ModuleLifecycleConfig, path: string, problems: ConfigProblem[]): void {
  const schedule = own.default?.shadowSchedule;
  if (schedule === undefined) return;
  schedule.forEach((step, index) => {
    const at = `${path}/default/shadowSchedule/${index}`;
    const after = durationMs(step.after);
    if (index === 0 && after !== 0) problems.push({ path: `${at}/after`, message: 'must be 0: the schedule starts when the stage does' });
    const previous = index > 0 ? schedule[index - 1] : undefined;
    if (previous === undefined) return;
    if (after <= durationMs(previous.after)) problems.push({ path: `${at}/after`, message: `must be later than ${path}/default/shadowSchedule/${index - 1}/after` });
    if (step.sampleRate > previous.sampleRate) problems.push({ path: `${at}/sampleRate`, message: `must not exceed the rate before it (${previous.sampleRate}): the TS shadow sample rate only decreases` });
  });
}

/** The shadow observation in force for a module and the path that set it (undefined: the default). */
function shadowObservation(layers: readonly { path: string; config: ModuleLifecycleConfig | undefined }[]): { path: string; value: Duration } | undefined {
  let found: { path: string; value: Duration } | undefined;
  for (const { path, config } of layers) {
    const all = config?.gates?.all?.observation;
    if (all !== undefined) found = { path: `${path}/gates/all/observation`, value: all };
    const shadow = config?.gates?.shadow?.observation;
    if (shadow !== undefined) found = { path: `${path}/gates/shadow/observation`, value: shadow };
  }
  return found;
}

function checkShadowObservation(found: { path: string; value: Duration } | undefined, problems: ConfigProblem[], seen: Set<string>): void {
  if (found === undefined || seen.has(found.path)) return;
  const ms = durationMs(found.value);
  if (ms >= SHADOW_MIN && ms <= SHADOW_MAX) return;
  seen.add(found.path);
  problems.push({ path: found.path, message: `sets the shadow observation period to ${formatDuration(ms)}; it must be between ${formatDuration(SHADOW_MIN)} and ${formatDuration(SHADOW_MAX)} (set gates.shadow.observation)` });
}

/**
 * Problems of a `lifecycle` config that already matches `LifecycleConfig` (empty when valid): module
 * ids (and, given `modules`, modules the orchestrator does not configure), canary percent outside 5–10
 * without `allowAnyPercent`, a shadow observation outside 7–14 days, a TS shadow schedule that does
 * not start at 0, go forward in time and only decrease.
 */
export function lifecycleProblems(config: LifecycleConfig, modules?: readonly string[], basePath = '/lifecycle'): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const defaults = config.defaults ?? {};
  const defaultsPath = `${basePath}/defaults`;
  checkCanary(defaults, defaults.canary?.allowAnyPercent ?? false, defaultsPath, problems);
  checkSchedule(defaults, defaultsPath, problems);
  const seen = new Set<string>();
  checkShadowObservation(shadowObservation([{ path: defaultsPath, config: defaults }]), problems, seen);
  const known = modules === undefined ? undefined : new Set(modules);
  for (const [id, own] of Object.entries(config.modules ?? {})) {
    const path = `${basePath}/modules${pointerSegment(id)}`;
    if (!MODULE_ID.test(id)) problems.push({ path, message: 'is not a valid module id (lower-case letters, digits, _ and -, starting with a letter; at most 64)' });
    else if (known !== undefined && !known.has(id)) problems.push({ path, message: `is not a configured module (configured: ${[...known].join(', ') || 'none'})` });
    checkCanary(own, own.canary?.allowAnyPercent ?? defaults.canary?.allowAnyPercent ?? false, path, problems);
    checkSchedule(own, path, problems);
    checkShadowObservation(shadowObservation([{ path: defaultsPath, config: defaults }, { path, config: own }]), problems, seen);
  }
  return problems;
}
