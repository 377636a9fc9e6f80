import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Compile } from 'typebox/compile';
import { OrchestratorError } from '../errors.js';
import { Ruleset, RulesetPointer } from './ruleset-schema.js';

const checkRuleset = Compile(Ruleset);
const checkPointer = Compile(RulesetPointer);

/** A ruleset as loaded: its content and the file it came from. */
export interface LoadedRuleset {
  readonly ruleset: Ruleset;
  readonly file: string;
}

/** The rulesets directory: next to the bundle (dist/rulesets), else the repository's rulesets/. */
export function defaultRulesetDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [join(here, 'rulesets'), join(here, '..', 'rulesets'), join(here, '..', '..', '..', '..', 'rulesets'), join(here, '..', '..', '..', 'rulesets')]) {
    if (existsSync(join(dir, 'current.json'))) return dir;
  }
  throw new OrchestratorError('CONFIG_INVALID', `no rulesets directory with current.json found near ${here}`);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new OrchestratorError('CONFIG_INVALID', `cannot read ruleset file ${file}: ${(cause as Error).message}`, { file }, { cause });
  }
}

function refuse(file: string, errors: Iterable<{ instancePath: string; message: string }>): never {
  const first = [...errors][0];
  throw new OrchestratorError('CONFIG_INVALID', `${file}${first?.instancePath ?? ''}: ${first?.message ?? 'invalid'}`, { file, path: first?.instancePath ?? '' });
}

/**
 * Loads a ruleset and validates it against the schema: `version` ('v1') or the one rulesets/current.json
 * points at. Every pattern is checked to compile.
 * @throws OrchestratorError `CONFIG_INVALID` naming the file and the path of the problem
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
  const file = join(dir, name);
  const ruleset = readJson(file);
  if (!checkRuleset.Check(ruleset)) refuse(file, checkRuleset.Errors(ruleset));
  if (version && ruleset.version !== version) {
    throw new OrchestratorError('CONFIG_INVALID', `${file}/version: is ${ruleset.version}, the file name says ${version}`, { file, path: '/version' });
  }
  ruleset.nondeterministic_rules.forEach((rule, i) => {
    if (rule.action === 'normalize' && rule.pattern === undefined) {
      throw new OrchestratorError('CONFIG_INVALID', `${file}/nondeterministic_rules/${i}/pattern: a normalize rule needs a pattern`, { file, path: `/nondeterministic_rules/${i}/pattern` });
    }
    if (rule.pattern !== undefined) {
      try {
        new RegExp(rule.pattern, 'u');
      } catch (cause) {
        throw new OrchestratorError('CONFIG_INVALID', `${file}/nondeterministic_rules/${i}/pattern: ${(cause as Error).message}`, { file, path: `/nondeterministic_rules/${i}/pattern` }, { cause });
      }
    }
  });
  return { ruleset, file };
}
