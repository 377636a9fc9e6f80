import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Compile } from 'typebox/compile';
import { ModuleKitError } from '../errors.js';
import { Ruleset, RulesetPointer } from './ruleset-schema.js';

const checkRuleset = Compile(Ruleset);
const checkPointer = Compile(RulesetPointer);

/** A ruleset as loaded: its content and the file it came from. */
export interface LoadedRuleset {
  readonly ruleset: Ruleset;
  readonly file: string;
}

/**
 * The rulesets directory: `LLMS_WASM_RULESETS` if set; else the copy shipped next to this bundle
 * (`dist/rulesets`); else the repository's `rulesets/` (found by walking up to pnpm-workspace.yaml).
 * @throws ModuleKitError `RULESET_INVALID` when none exists.
 */
export function defaultRulesetDir(): string {
  const fromEnv = process.env['LLMS_WASM_RULESETS'];
  if (fromEnv) return resolve(fromEnv);
  const here = dirname(fileURLToPath(import.meta.url));
  if (existsSync(join(here, 'rulesets', 'current.json'))) return join(here, 'rulesets');
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) && existsSync(join(dir, 'rulesets', 'current.json'))) return join(dir, 'rulesets');
    if (dirname(dir) === dir) break;
  }
  throw new ModuleKitError('RULESET_INVALID', `no rulesets directory with current.json found near ${here} (set LLMS_WASM_RULESETS)`);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ModuleKitError('RULESET_INVALID', `cannot read ruleset file ${file}: ${(cause as Error).message}`, { file }, { cause });
  }
}

function refuse(file: string, errors: Iterable<{ instancePath: string; message: string }>): never {
  const first = [...errors][0];
  throw new ModuleKitError('RULESET_INVALID', `${file}${first?.instancePath ?? ''}: ${first?.message ?? 'invalid'}`, { file, path: first?.instancePath ?? '' });
}

/**
 * Loads a ruleset and validates it against the schema: `version` (`v1`, `v2` …) or the one
 * rulesets/current.json points at. Every pattern is checked to compile.
 * @throws ModuleKitError `RULESET_INVALID` naming the file and the path of the problem
 * @example const { ruleset } = loadRuleset(); // the ruleset in force
 */
export function loadRuleset(dir: string = defaultRulesetDir(), version?: string): LoadedRuleset {
  let name: string;
  if (version) name = `diff_ruleset_${version}.json`;
  else {
    const pointerFile = join(dir, 'current.json');
    const pointer = readJson(pointerFile);
    if (!checkPointer.Check(pointer)) refuse(pointerFile, checkPointer.Errors(pointer));
    name = pointer.current;
  }
  const file = resolve(dir, name);
  const ruleset = readJson(file);
  if (!checkRuleset.Check(ruleset)) refuse(file, checkRuleset.Errors(ruleset));
  if (version && ruleset.version !== version) {
    throw new ModuleKitError('RULESET_INVALID', `${file}/version: is ${ruleset.version}, the file name says ${version}`, { file, path: '/version' });
  }
  ruleset.nondeterministic_rules.forEach((rule, i) => {
    if (rule.action === 'normalize' && rule.pattern === undefined) {
      throw new ModuleKitError('RULESET_INVALID', `${file}/nondeterministic_rules/${i}/pattern: a normalize rule needs a pattern`, { file, path: `/nondeterministic_rules/${i}/pattern` });
    }
    if (rule.pattern !== undefined) {
      try {
        new RegExp(rule.pattern, 'u');
      } catch (cause) {
        throw new ModuleKitError('RULESET_INVALID', `${file}/nondeterministic_rules/${i}/pattern: ${(cause as Error).message}`, { file, path: `/nondeterministic_rules/${i}/pattern` }, { cause });
      }
    }
  });
  return { ruleset, file };
}
