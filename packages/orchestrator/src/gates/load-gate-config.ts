import { Compile } from 'typebox/compile';
import { type ConfigProblem, displayPath, schemaProblems } from '../config/config-problems.js';
import { OrchestratorError } from '../errors.js';
import { DURATION_HINT, DURATION_PATTERN } from './duration.js';
import { LifecycleConfig } from './gate-config.js';
import { lifecycleProblems } from './gate-semantics.js';
import { type LifecycleSettings, resolveLifecycle } from './gate-settings.js';

const validator = Compile(LifecycleConfig);

/**
 * Every problem of a `lifecycle` config value (schema and semantics), each at its JSON pointer under
 * `basePath` (default `/lifecycle`); empty when it is valid.
 */
export function lifecycleConfigProblems(value: unknown, modules?: readonly string[], basePath = '/lifecycle'): ConfigProblem[] {
  if (value === undefined) return [];
  if (!validator.Check(value)) {
    const problems = schemaProblems(validator.Errors(value), value);
    const found = problems.length > 0 ? problems : [{ path: '', message: 'does not match the lifecycle schema' }];
    return found.map((problem) => ({ path: basePath + problem.path, message: problem.message.includes(DURATION_PATTERN) ? DURATION_HINT : problem.message }));
  }
  return lifecycleProblems(value, modules, basePath);
}

/**
 * Checks a `lifecycle` config value and resolves the settings of `modules` (undefined: all defaults).
 * @throws OrchestratorError `CONFIG_INVALID`: the message starts with the path of the first problem
 * (`config/lifecycle/modules/tools/canary/percent: must be between 5 and 10 …`), `detail.problems`
 * lists every one.
 * @example
 * const settings = loadLifecycleConfig(json.lifecycle, Object.keys(json.modules));
 */
export function loadLifecycleConfig(value: unknown, modules: readonly string[], basePath = '/lifecycle'): LifecycleSettings {
  const problems = lifecycleConfigProblems(value, modules, basePath);
  const first = problems[0];
  if (first !== undefined) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new OrchestratorError('CONFIG_INVALID', `${displayPath(first.path)}: ${first.message}${more}`, {
      field: displayPath(first.path),
      path: first.path,
      problems: problems.map((problem) => ({ path: problem.path, message: problem.message })),
    });
  }
  return resolveLifecycle(value as LifecycleConfig | undefined, modules);
}
