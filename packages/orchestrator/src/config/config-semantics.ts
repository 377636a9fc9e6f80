// Checks the schema cannot express: module ids, references to modules, unique tenant/route ids,
// environment-variable names that would collide.
import type { OrchestratorConfig } from './config-schema.js';
import { type ConfigProblem, pointerSegment } from './config-problems.js';
import { ROLLBACK_ALL, ROLLBACK_VAR, moduleEnvName, moduleModeVar } from './mode-env.js';
import type { ModeSetting } from './mode-schema.js';

const MODULE_ID = /^[a-z][a-z0-9_-]{0,63}$/;

function checkModuleIds(config: OrchestratorConfig, problems: ConfigProblem[]): void {
  const owners = new Map<string, string>();
  for (const id of Object.keys(config.modules)) {
    const path = `/modules${pointerSegment(id)}`;
    if (!MODULE_ID.test(id)) {
      problems.push({ path, message: 'is not a valid module id (lower-case letters, digits, _ and -, starting with a letter; at most 64)' });
      continue;
    }
    if (id === ROLLBACK_ALL) problems.push({ path, message: `is reserved: ${ROLLBACK_VAR}=${ROLLBACK_ALL} names every module` });
    const name = moduleEnvName(id);
    const other = owners.get(name);
    if (other !== undefined) problems.push({ path, message: `shares its environment variable ${moduleModeVar(id)} with module "${other}"` });
    owners.set(name, id);
  }
}

function checkSetting(setting: ModeSetting | undefined, path: string, known: ReadonlySet<string>, problems: ConfigProblem[]): void {
  if (setting === undefined || typeof setting === 'string' || setting.modules === undefined) return;
  for (const id of Object.keys(setting.modules)) {
    if (!known.has(id)) {
      problems.push({ path: `${path}/wasmMode/modules${pointerSegment(id)}`, message: `is not a configured module (configured: ${[...known].join(', ') || 'none'})` });
    }
  }
}

function checkScopes(kind: 'tenants' | 'routes', items: readonly { id: string; wasmMode?: ModeSetting }[] | undefined, known: ReadonlySet<string>, problems: ConfigProblem[]): void {
  const first = new Map<string, number>();
  (items ?? []).forEach((item, index) => {
    const path = `/${kind}/${index}`;
    const earlier = first.get(item.id);
    if (earlier !== undefined) problems.push({ path: `${path}/id`, message: `duplicates /${kind}/${earlier}/id "${item.id}"` });
    else first.set(item.id, index);
    checkSetting(item.wasmMode, path, known, problems);
  });
}

/** Problems of a config that already matches the schema (empty when it is valid). */
export function semanticProblems(config: OrchestratorConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  checkModuleIds(config, problems);
  const known = new Set(Object.keys(config.modules));
  checkScopes('tenants', config.tenants, known, problems);
  checkScopes('routes', config.routes, known, problems);
  return problems;
}
