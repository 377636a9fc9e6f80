import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import { CONFIG_DEFAULTS } from '../src/config/loaded-config.js';
import { MODES } from '../src/config/mode-schema.js';
import { isOrchestratorError, type OrchestratorError } from '../src/errors.js';

/** Property runs: FC_NUM_RUNS (tooling/vitest.setup.ts), capped for this file's heavier properties. */
const runs = (cap: number): number => Math.min(fc.readConfigureGlobal().numRuns ?? cap, cap);

const NO_ENV = {};
const MODULES = { tokenizer: { import: '@llms-wasm/tokenizer' }, tools: { import: '@llms-wasm/tools' } };
const ONE_OF = `must be one of ${MODES.join(', ')}`;

function refusal(source: unknown, env: Record<string, string> = NO_ENV): OrchestratorError {
  try {
    loadConfig(source, env);
  } catch (error) {
    if (isOrchestratorError(error)) return error;
    throw error;
  }
  throw new Error('the config was accepted');
}

const dirs: string[] = [];
function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'llms-wasm-config-'));
  dirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('loadConfig: valid configs', () => {
  it('applies every default to a minimal config', () => {
    const config = loadConfig({ modules: { tokenizer: { import: '@llms-wasm/tokenizer' } } }, NO_ENV);
    expect(config).toEqual({
      modules: { tokenizer: { import: '@llms-wasm/tokenizer', export: 'tokenizer', lock: false, sampleRate: 1 } },
      defaults: { lock: false, sampleRate: 1 },
      tenants: [],
      routes: [],
      shadow: CONFIG_DEFAULTS.shadow,
      store: { ...CONFIG_DEFAULTS.store, redaction: { keyEnv: 'LLMS_WASM_REDACTION_KEY', piiPaths: [] } },
      control: { pollMs: 1000, heartbeatMs: 2000 },
      ruleset: {},
      lifecycle: null,
      alerts: { webhook: null },
      baseDir: process.cwd(),
    });
    expect(Object.isFrozen(config.modules['tokenizer'])).toBe(true);
  });

  it('keeps what a full config says and fills the rest', () => {
    const source = {
      $schema: './orchestrator.schema.json',
      modules: {
        tokenizer: { import: '@llms-wasm/tokenizer', export: 'tokenizerModule', mode: 'shadow', splitPercent: 10, sampleRate: 0.25, owner: 'team-a' },
        tools: { import: '@llms-wasm/tools', lock: true },
      },
      defaults: { mode: 'ts_primary', splitPercent: 5, sampleRate: 0.5 },
      tenants: [
        { id: 'acme', wasmMode: 'shadow', allowHeaderOverride: true },
        { id: 'globex', wasmMode: { mode: 'split', lock: true, splitPercent: 50, modules: { tokenizer: 'wasm_primary', tools: { mode: 'ts_primary', lock: true } } } },
      ],
      routes: [{ id: '/v1/chat', wasmMode: { modules: { tokenizer: { mode: 'split', splitPercent: 20 } } } }],
      shadow: { workers: 2, timeoutMs: 500 },
      store: { path: ':memory:', keepMatches: 0.01, retention: { fullDays: 7 }, redaction: { keyEnv: 'MY_KEY', piiPaths: ['/user/name'] } },
      ruleset: { dir: '/srv/rulesets', version: 'v1' },
    };
    const config = loadConfig(source, NO_ENV);
    expect(config.modules['tokenizer']).toEqual({ import: '@llms-wasm/tokenizer', export: 'tokenizerModule', mode: 'shadow', lock: false, splitPercent: 10, sampleRate: 0.25, owner: 'team-a' });
    expect(config.modules['tools']).toEqual({ import: '@llms-wasm/tools', export: 'tools', lock: true, sampleRate: 0.5 });
    expect(config.defaults).toEqual({ mode: 'ts_primary', lock: false, splitPercent: 5, sampleRate: 0.5 });
    expect(config.tenants).toEqual([
      { id: 'acme', wasmMode: 'shadow', allowHeaderOverride: true },
      { id: 'globex', wasmMode: source.tenants[1]?.wasmMode, allowHeaderOverride: false },
    ]);
    expect(config.routes).toEqual(source.routes);
    expect(config.shadow).toEqual({ ...CONFIG_DEFAULTS.shadow, workers: 2, timeoutMs: 500 });
    expect(config.store).toEqual({ path: ':memory:', keepMatches: 0.01, retention: { ...CONFIG_DEFAULTS.store.retention, fullDays: 7 }, redaction: { keyEnv: 'MY_KEY', piiPaths: ['/user/name'] } });
    expect(config.ruleset).toEqual({ dir: '/srv/rulesets', version: 'v1' });
    expect(Object.isFrozen(source.tenants[1]?.wasmMode)).toBe(false); // the caller's value is not frozen
  });

  it('reads a file and resolves its relative paths against the file’s directory', () => {
    const file = tempFile('llms-wasm.json', JSON.stringify({ modules: { local: { import: './modules/local.js' }, pkg: { import: '@scope/pkg' } }, store: { path: 'data/diffs.sqlite' }, ruleset: { dir: '../rulesets' } }));
    const dir = join(file, '..');
    const config = loadConfig({ file }, NO_ENV);
    expect(config.modules['local']?.import).toBe(join(dir, 'modules/local.js'));
    expect(config.modules['pkg']?.import).toBe('@scope/pkg');
    expect(config.store.path).toBe(join(dir, 'data/diffs.sqlite'));
    expect(config.ruleset.dir).toBe(join(dir, '../rulesets'));
  });

  it('accepts valid mode variables', () => {
    const env = {
      LLMS_WASM_MODE: 'Shadow',
      LLMS_WASM_MODE__TOKENIZER: ' wasm_primary ',
      LLMS_WASM_MODE_LOCK: '1',
      LLMS_WASM_MODE_LOCK__TOOLS: 'false',
      LLMS_WASM_SPLIT_PERCENT: '12.5',
      LLMS_WASM_MODE__TOOLS: '',
      LLMS_WASM_ROLLBACK: 'tools',
    };
    expect(() => loadConfig({ modules: MODULES }, env)).not.toThrow();
  });

  it('takes a module called lock: its variables cannot collide with the global lock', () => {
    const modules = { lock: { import: 'x' }, x: { import: 'y' }, x_lock: { import: 'z' } };
    expect(() => loadConfig({ modules }, { LLMS_WASM_MODE__LOCK: 'shadow', LLMS_WASM_MODE_LOCK: '1', LLMS_WASM_MODE_LOCK__LOCK: '1', LLMS_WASM_MODE__X_LOCK: 'split' })).not.toThrow();
  });

  it('resolves package specifiers from the config file’s folder, from the given folder or from the working directory', () => {
    const file = tempFile('llms-wasm.json', JSON.stringify({ modules: MODULES }));
    expect(loadConfig({ file }, NO_ENV).baseDir).toBe(join(file, '..'));
    expect(loadConfig({ modules: MODULES }, NO_ENV, { baseDir: '/srv/gateway' }).baseDir).toBe('/srv/gateway');
    expect(loadConfig({ modules: MODULES }, NO_ENV).baseDir).toBe(process.cwd());
  });
});

describe('loadConfig: refusals name the JSON path', () => {
  const tenants = (wasmMode: unknown): unknown => ({ modules: MODULES, tenants: [{ id: 'a' }, { id: 'b' }, { id: 'c', wasmMode }] });
  it.each<[string, unknown, string]>([
    ['a bad per-module mode', tenants({ modules: { tokenizer: 'bogus' } }), `config/tenants/2/wasmMode/modules/tokenizer: ${ONE_OF}`],
    ['a bad all-modules mode', tenants('bogus'), `config/tenants/2/wasmMode: ${ONE_OF}`],
    ['a mode of the wrong type', tenants(5), `config/tenants/2/wasmMode: ${ONE_OF} or an object`],
    ['a bad mode inside the object form', tenants({ mode: 'fast' }), `config/tenants/2/wasmMode/mode: ${ONE_OF}`],
    ['a bad mode inside a module entry', tenants({ modules: { tools: { mode: 'x' } } }), `config/tenants/2/wasmMode/modules/tools/mode: ${ONE_OF}`],
    ['a module entry without a mode', tenants({ modules: { tools: { lock: true } } }), 'config/tenants/2/wasmMode/modules/tools/mode: is required'],
    ['a non-boolean lock', tenants({ modules: { tools: { mode: 'shadow', lock: 'yes' } } }), 'config/tenants/2/wasmMode/modules/tools/lock: must be boolean'],
    ['an unknown key in a setting', tenants({ mode: 'shadow', lokc: true }), 'config/tenants/2/wasmMode/lokc: is not a known key'],
    ['a split percent above 100', tenants({ mode: 'split', splitPercent: 101 }), 'config/tenants/2/wasmMode/splitPercent: must be <= 100'],
    ['an unknown module in a tenant', tenants({ modules: { tokenzer: 'shadow' } }), 'config/tenants/2/wasmMode/modules/tokenzer: is not a configured module (configured: tokenizer, tools)'],
    ['an unknown module in a route', { modules: MODULES, routes: [{ id: 'r', wasmMode: { modules: { streaming: 'shadow' } } }] }, 'config/routes/0/wasmMode/modules/streaming: is not a configured module'],
    ['a duplicate tenant id', { modules: MODULES, tenants: [{ id: 'a' }, { id: 'a' }] }, 'config/tenants/1/id: duplicates /tenants/0/id "a"'],
    ['a duplicate route id', { modules: MODULES, routes: [{ id: 'r' }, { id: 's' }, { id: 'r' }] }, 'config/routes/2/id: duplicates /routes/0/id "r"'],
    ['a tenant without an id', { modules: MODULES, tenants: [{ wasmMode: 'shadow' }] }, 'config/tenants/0/id: is required'],
    ['a non-boolean header policy', { modules: MODULES, tenants: [{ id: 'a', allowHeaderOverride: 1 }] }, 'config/tenants/0/allowHeaderOverride: must be boolean'],
    ['an unknown top-level key', { modules: MODULES, tennants: [] }, 'config/tennants: is not a known key'],
    ['missing modules', {}, 'config/modules: is required'],
    ['a module without import', { modules: { tokenizer: {} } }, 'config/modules/tokenizer/import: is required'],
    ['an unknown module key', { modules: { tokenizer: { import: 'x', shadow: true } } }, 'config/modules/tokenizer/shadow: is not a known key'],
    ['a bad module mode', { modules: { tokenizer: { import: 'x', mode: 'canary' } } }, `config/modules/tokenizer/mode: ${ONE_OF}`],
    ['a bad module id', { modules: { Tokenizer: { import: 'x' } } }, 'config/modules/Tokenizer: is not a valid module id'],
    ['a module id reserved by LLMS_WASM_ROLLBACK=all', { modules: { all: { import: 'x' } } }, 'config/modules/all: is reserved: LLMS_WASM_ROLLBACK=all names every module'],
    ['module ids sharing a variable', { modules: { 'tool-calls': { import: 'x' }, tool_calls: { import: 'y' } } }, 'config/modules/tool_calls: shares its environment variable LLMS_WASM_MODE__TOOL_CALLS with module "tool-calls"'],
    ['a poll interval below 10 ms', { modules: MODULES, control: { pollMs: 5 } }, 'config/control/pollMs: must be >= 10'],
    ['an unknown control key', { modules: MODULES, control: { pollMS: 5 } }, 'config/control/pollMS: is not a known key'],
    ['a sample rate above 1', { modules: { tokenizer: { import: 'x', sampleRate: 1.5 } } }, 'config/modules/tokenizer/sampleRate: must be <= 1'],
    ['a negative default sample rate', { modules: MODULES, defaults: { sampleRate: -0.1 } }, 'config/defaults/sampleRate: must be >= 0'],
    ['a bad default mode', { modules: MODULES, defaults: { mode: 'on' } }, `config/defaults/mode: ${ONE_OF}`],
    ['zero shadow workers', { modules: MODULES, shadow: { workers: 0 } }, 'config/shadow/workers: must be >= 1'],
    ['fractional shadow workers', { modules: MODULES, shadow: { workers: 1.5 } }, 'config/shadow/workers: must be integer'],
    ['a zero queue', { modules: MODULES, shadow: { queueSize: 0 } }, 'config/shadow/queueSize: must be >= 1'],
    ['a zero timeout', { modules: MODULES, shadow: { timeoutMs: 0 } }, 'config/shadow/timeoutMs: must be >= 1'],
    ['a zero memory cap', { modules: MODULES, shadow: { memoryMb: 0 } }, 'config/shadow/memoryMb: must be >= 1'],
    ['a negative retry budget', { modules: MODULES, shadow: { retryBudget: -1 } }, 'config/shadow/retryBudget: must be >= 0'],
    ['keepMatches above 1', { modules: MODULES, store: { keepMatches: 2 } }, 'config/store/keepMatches: must be <= 1'],
    ['a fractional retention interval', { modules: MODULES, store: { retention: { intervalMs: 1.5 } } }, 'config/store/retention/intervalMs: must be integer'],
    ['a bad key variable name', { modules: MODULES, store: { redaction: { keyEnv: 'MY KEY' } } }, 'config/store/redaction/keyEnv: must match pattern'],
    ['a non-string PII path', { modules: MODULES, store: { redaction: { piiPaths: ['/a', 1] } } }, 'config/store/redaction/piiPaths/1: must be string'],
    ['an empty ruleset version', { modules: MODULES, ruleset: { version: '' } }, 'config/ruleset/version: must not have fewer than 1 characters'],
    ['an array', [], 'config: must be object'],
    ['null', null, 'config: must be object'],
  ])('%s', (_, source, expected) => {
    const error = refusal(source);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message.startsWith(expected)).toBe(true);
  });

  it('lists every problem in detail.problems, deepest first, and names the first in detail.field', () => {
    const error = refusal({ modules: { tokenizer: { import: 'x', mode: 'bad' } }, shadow: { workers: 0 }, extra: 1 });
    expect(error.message).toMatch(/\(and 2 more\)$/);
    expect(error.detail.field).toBe('config/modules/tokenizer/mode');
    expect(error.detail.problems).toEqual([
      { path: '/modules/tokenizer/mode', message: ONE_OF },
      { path: '/shadow/workers', message: 'must be >= 1' },
      { path: '/extra', message: 'is not a known key' },
    ]);
  });

  it('refuses a missing file and a file that is not JSON, keeping the cause', () => {
    const missing = refusal({ file: join(tmpdir(), 'llms-wasm-no-such-config.json') });
    expect(missing.message).toMatch(/^config: cannot read /);
    expect(missing.cause).toBeDefined();
    const broken = refusal({ file: tempFile('broken.json', '{ "modules": ') });
    expect(broken.message).toMatch(/is not valid JSON/);
  });

  it('names the file when its content is invalid', () => {
    const file = tempFile('bad.json', JSON.stringify({ modules: { tokenizer: { import: 'x', mode: 'nope' } } }));
    const error = refusal({ file });
    expect(error.message).toBe(`config/modules/tokenizer/mode: ${ONE_OF} [${file}]`);
    expect(error.detail.file).toBe(file);
  });

  test.prop([fc.nat({ max: 5 }), fc.constantFrom('tokenizer', 'tools'), fc.string({ maxLength: 12 }).filter((s) => !(MODES as readonly string[]).includes(s))], { numRuns: runs(100) })(
    'an invalid mode anywhere in the tenants is refused at its path',
    (index, module, bad) => {
      const list = Array.from({ length: 6 }, (_, i) => ({ id: `t${i}`, wasmMode: { modules: { [module]: i === index ? bad : 'shadow' } } }));
      const error = refusal({ modules: MODULES, tenants: list });
      expect(error.detail.field).toBe(`config/tenants/${index}/wasmMode/modules/${module}`);
    },
  );
});

describe('loadConfig: mode variables', () => {
  it.each<[Record<string, string>, string]>([
    [{ LLMS_WASM_MODE: 'bogus' }, `LLMS_WASM_MODE: ${ONE_OF} (got "bogus")`],
    [{ LLMS_WASM_MODE__TOKENIZER: 'on' }, `LLMS_WASM_MODE__TOKENIZER: ${ONE_OF} (got "on")`],
    [{ LLMS_WASM_MODE_LOCK: 'maybe' }, 'LLMS_WASM_MODE_LOCK: must be 1 or 0'],
    [{ LLMS_WASM_MODE_LOCK__TOOLS: '2' }, 'LLMS_WASM_MODE_LOCK__TOOLS: must be 1 or 0'],
    [{ LLMS_WASM_MODE_TOKENIZER: 'shadow' }, 'LLMS_WASM_MODE_TOKENIZER: the per-module form is now LLMS_WASM_MODE__TOKENIZER (two underscores; decision 0014)'],
    [{ LLMS_WASM_MODE_TOOLS_LOCK: '1' }, 'LLMS_WASM_MODE_TOOLS_LOCK: the per-module lock is now LLMS_WASM_MODE_LOCK__TOOLS'],
    [{ LLMS_WASM_MODE_FOO: '1' }, 'LLMS_WASM_MODE_FOO: is not a mode variable'],
    [{ LLMS_WASM_MODE__TOKENISER: 'shadow' }, 'LLMS_WASM_MODE__TOKENISER: names no configured module (configured: tokenizer, tools)'],
    [{ LLMS_WASM_MODE_LOCK__TOKENISER: '1' }, 'LLMS_WASM_MODE_LOCK__TOKENISER: names no configured module'],
    [{ LLMS_WASM_ROLLBACK: 'tokenizer,tokeniser' }, 'LLMS_WASM_ROLLBACK: "tokeniser" is not a configured module (configured: tokenizer, tools; or "all")'],
    [{ LLMS_WASM_ROLLBACK: 'all,tools' }, 'LLMS_WASM_ROLLBACK: "all" stands alone'],
    [{ LLMS_WASM_ROLLBACKS: 'all' }, 'LLMS_WASM_ROLLBACKS: is not a variable of ours (did you mean LLMS_WASM_ROLLBACK?)'],
    [{ LLMS_WASM_SPLIT_PERCENT__TOOLS: '5' }, 'LLMS_WASM_SPLIT_PERCENT__TOOLS: is not a variable of ours (did you mean LLMS_WASM_SPLIT_PERCENT?)'],
    [{ LLMS_WASM_SPLIT_PERCENT: '150' }, 'LLMS_WASM_SPLIT_PERCENT: must be a number from 0 to 100'],
    [{ LLMS_WASM_SPLIT_PERCENT: '-1' }, 'LLMS_WASM_SPLIT_PERCENT: must be a number from 0 to 100'],
    [{ LLMS_WASM_SPLIT_PERCENT: '1e2' }, 'LLMS_WASM_SPLIT_PERCENT: must be a number from 0 to 100'],
  ])('refuses %o', (env, expected) => {
    const error = refusal({ modules: MODULES }, env);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message.startsWith(expected)).toBe(true);
    expect(error.detail.field).toBe(Object.keys(env)[0]);
  });

  it('ignores variables outside its namespace', () => {
    expect(() => loadConfig({ modules: MODULES }, { LLMS_WASM_REDACTION_KEY: 'x', LLMS_WASM_MODEL: 'gpt', PATH: '/bin' })).not.toThrow();
  });
});
