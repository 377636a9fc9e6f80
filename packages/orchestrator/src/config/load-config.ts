import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Compile } from 'typebox/compile';
import { OrchestratorError } from '../errors.js';
import { type ConfigProblem, displayPath, schemaProblems } from './config-problems.js';
import { OrchestratorConfig } from './config-schema.js';
import { semanticProblems } from './config-semantics.js';
import { lifecycleConfigProblems } from '../gates/load-gate-config.js';
import { applyDefaults, type LoadedConfig } from './loaded-config.js';
import { type EnvSource, readModeEnv } from './mode-env.js';

const validator = Compile(OrchestratorConfig);

/** Options of `loadConfig`. */
export interface LoadConfigOptions {
  /**
   * Where package specifiers in `modules[*].import` resolve from when `source` is a value, not a file
   * (a file's own folder always wins). Default: the working directory.
   */
  readonly baseDir?: string;
}

/** Where `loadConfig` reads a config file from. */
export interface ConfigFileSource {
  readonly file: string;
}

function isFileSource(source: unknown): source is ConfigFileSource {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return false;
  const keys = Object.keys(source);
  return keys.length === 1 && keys[0] === 'file' && typeof (source as { file: unknown }).file === 'string';
}

function refuse(problems: readonly ConfigProblem[], file: string | undefined): never {
  const first = problems[0] ?? { path: '', message: 'is invalid' };
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  const where = file === undefined ? '' : ` [${file}]`;
  throw new OrchestratorError('CONFIG_INVALID', `${displayPath(first.path)}: ${first.message}${more}${where}`, {
    field: displayPath(first.path),
    path: first.path,
    problems: problems.map((problem) => ({ path: problem.path, message: problem.message })),
    ...(file === undefined ? {} : { file }),
  });
}

function readFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new OrchestratorError('CONFIG_INVALID', `config: cannot read ${file}: ${(cause as Error).message}`, { field: 'config', file }, { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new OrchestratorError('CONFIG_INVALID', `config: ${file} is not valid JSON: ${(cause as Error).message}`, { field: 'config', file }, { cause });
  }
}

/**
 * Checks an orchestrator config and applies its defaults. `source` is the parsed config value, or
 * `{ file }` to read a JSON file (relative paths inside it are then resolved against its directory, and
 * package specifiers of its modules from that directory too). The mode environment variables
 * (`LLMS_WASM_MODE`, `LLMS_WASM_MODE_LOCK`, `LLMS_WASM_MODE__<MODULE>`, `LLMS_WASM_MODE_LOCK__<MODULE>`,
 * `LLMS_WASM_SPLIT_PERCENT`, `LLMS_WASM_ROLLBACK`) are checked too, so a bad rollback variable fails at
 * startup; the mode resolver applies them. Nothing invalid is ever replaced by a default.
 *
 * @param env Default `process.env`.
 * @throws OrchestratorError `CONFIG_INVALID`; the message starts with the JSON path of the problem
 * (`config/tenants/2/wasmMode/modules/tokenizer: must be one of …`) or the variable's name, and
 * `detail.problems` lists every problem found.
 * @example
 * const config = loadConfig({ file: 'llms-wasm.config.json' });
 * const resolver = createModeResolver(config, process.env, metrics);
 */
export function loadConfig(source: unknown, env: EnvSource = process.env, options: LoadConfigOptions = {}): LoadedConfig {
  const file = isFileSource(source) ? resolve(source.file) : undefined;
  const value = file === undefined ? source : readFile(file);
  // The lifecycle section first: its own messages (durations, module references) are the clearer ones.
  if (typeof value === 'object' && value !== null && 'lifecycle' in value) {
    const modules = (value as { modules?: unknown }).modules;
    const ids = typeof modules === 'object' && modules !== null && !Array.isArray(modules) ? Object.keys(modules) : undefined;
    const problems = lifecycleConfigProblems((value as { lifecycle?: unknown }).lifecycle, ids);
    if (problems.length > 0) refuse(problems, file);
  }
  if (!validator.Check(value)) {
    const problems = schemaProblems(validator.Errors(value), value);
    refuse(problems.length > 0 ? problems : [{ path: '', message: 'does not match the config schema' }], file);
  }
  const problems = semanticProblems(value);
  if (problems.length > 0) refuse(problems, file);
  readModeEnv(env, Object.keys(value.modules));
  return file === undefined ? applyDefaults(value, undefined, options.baseDir) : applyDefaults(value, dirname(file));
}
