// Rulesets: loaded and validated, never edited once released, and applied by the diff engine.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compileRuleset, defaultRulesetDir, diffValues, loadRuleset, type Ruleset } from '../src/index.js';

const RULESETS = fileURLToPath(new URL('../../../rulesets/', import.meta.url));

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function dirWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rulesets-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

const base: Ruleset = loadRuleset(RULESETS).ruleset;

describe('loading', () => {
  it('loads the ruleset current.json points at, found from the kit itself', () => {
    expect(defaultRulesetDir()).toBe(RULESETS.replace(/\/$/, ''));
    const { ruleset, file } = loadRuleset(RULESETS);
    const pointer = (JSON.parse(readFileSync(join(RULESETS, 'current.json'), 'utf8')) as { current: string }).current;
    expect(`diff_ruleset_${ruleset.version}.json`).toBe(pointer);
    expect(file.endsWith(pointer)).toBe(true);
    expect(loadRuleset(RULESETS, ruleset.version).ruleset).toEqual(ruleset);
    expect(loadRuleset(RULESETS, 'v1').ruleset.modules).toBeUndefined(); // v1 is read under the newest schema too
    expect(loadRuleset(RULESETS, 'v3').ruleset.nondeterministic_rules.filter((r) => r.module !== '*').every((r) => r.reason !== undefined)).toBe(true); // since v3 every new rule says why
  });

  it('points at a released ruleset', () => {
    const released = JSON.parse(readFileSync(join(RULESETS, 'released.json'), 'utf8')) as { released: Record<string, string> };
    const pointer = JSON.parse(readFileSync(join(RULESETS, 'current.json'), 'utf8')) as { current: string };
    expect(Object.keys(released.released)).toContain(pointer.current);
  });

  it('never lets a released ruleset change: each file still has its released digest', () => {
    const released = JSON.parse(readFileSync(join(RULESETS, 'released.json'), 'utf8')) as { released: Record<string, string> };
    expect(Object.keys(released.released).length).toBeGreaterThan(0);
    for (const [file, digest] of Object.entries(released.released)) {
      expect(createHash('sha256').update(readFileSync(join(RULESETS, file))).digest('hex'), `${file} was edited after release: make a new version instead`).toBe(digest);
    }
  });

  it.each([
    ['a pointer to a file that is not a ruleset', { 'current.json': { current: 'notes.json' } }, /current\.json\/current/],
    ['a bad version string', { 'current.json': { current: 'diff_ruleset_v2.json' }, 'diff_ruleset_v2.json': { ...base, version: 'two' } }, /diff_ruleset_v2\.json\/version/],
    ['an unknown field', { 'current.json': { current: 'diff_ruleset_v2.json' }, 'diff_ruleset_v2.json': { ...base, version: 'v2', extra: 1 } }, /diff_ruleset_v2\.json/],
    ['a negative epsilon', { 'current.json': { current: 'diff_ruleset_v2.json' }, 'diff_ruleset_v2.json': { ...base, version: 'v2', tolerance_policy: { ...base.tolerance_policy, float_epsilon: -1 } } }, /tolerance_policy\/float_epsilon/],
    ['a normalize rule without a pattern', { 'current.json': { current: 'diff_ruleset_v2.json' }, 'diff_ruleset_v2.json': { ...base, version: 'v2', nondeterministic_rules: [{ id: 'x', kind: 'id', module: '*', path: '/id', action: 'normalize' }] } }, /nondeterministic_rules\/0\/pattern/],
    ['a pattern that does not compile', { 'current.json': { current: 'diff_ruleset_v2.json' }, 'diff_ruleset_v2.json': { ...base, version: 'v2', nondeterministic_rules: [{ id: 'x', kind: 'id', module: '*', path: '/id', action: 'normalize', pattern: '(' }] } }, /nondeterministic_rules\/0\/pattern/],
    ['a file that is not JSON', { 'current.json': '{' }, /cannot read ruleset file/],
    ['a module section under a bad module id', { 'current.json': { current: 'diff_ruleset_v3.json' }, 'diff_ruleset_v3.json': { ...base, version: 'v3', modules: { 'Not An Id': {} } } }, /diff_ruleset_v3\.json\/modules/],
  ])('refuses %s, naming where', (_name, files, message) => {
    expect(() => loadRuleset(dirWith(files))).toThrowError(expect.objectContaining({ code: 'RULESET_INVALID', message: expect.stringMatching(message) as string }) as Error);
  });
});

describe('the compiled view of a ruleset', () => {
  const views = compileRuleset({
    ...base,
    tolerance_policy: {
      float_epsilon: 0.001,
      unordered_arrays: [{ module: 'tools', path: '/tool_calls' }],
      string_normalizations: [{ module: '*', operation: 'say', path: '/text', steps: ['trim', 'collapse_whitespace', 'lowercase'] }],
    },
  });

  it('keeps strict comparisons strict and normalizes ids, timestamps and trace ids', () => {
    const left = { id: 'chatcmpl_1700000000000', created: 1, trace_id: 'a', choices: [{ id: 'call_abcd1234', text: 'x' }], uuid: '123e4567-e89b-42d3-a456-426614174000' };
    const right = { id: 'chatcmpl_1700000009999', created: 2, trace_id: 'b', choices: [{ id: 'call_zzzz9999', text: 'x' }], uuid: '9f1c2a4e-1b2c-4d3e-8f00-aabbccddeeff' };
    const view = views('streaming', 'encode');
    expect(diffValues(left, right, view.strict).map((d) => d.path)).toEqual(['/choices/0/id', '/created', '/id', '/uuid']);
    expect(diffValues(left, right, view.normalized)).toEqual([]);
    expect(diffValues({ ...left, text: 'a' }, { ...right, text: 'b' }, view.normalized).map((d) => d.path)).toEqual(['/text']);
  });

  it('hands each module its own section and the SSE protocol', () => {
    const withSections = compileRuleset({ ...base, modules: { streaming: { max_gap: 3 } } });
    expect(withSections('streaming', 'decode')).toMatchObject({ version: base.version, section: { max_gap: 3 }, sseProtocol: { version: 'sse-v1', chunk_boundaries: 'ignore' } });
    expect(withSections('tools', 'x').section).toBeUndefined();
  });

  it('applies tolerances only where their scope says', () => {
    expect(diffValues({ n: 1.0001 }, { n: 1.0002 }, views('any', 'op').normalized)).toEqual([]);
    expect(diffValues({ tool_calls: [1, 2] }, { tool_calls: [2, 1] }, views('tools', 'op').normalized)).toEqual([]);
    expect(diffValues({ tool_calls: [1, 2] }, { tool_calls: [2, 1] }, views('compat', 'op').normalized)).toHaveLength(2);
    expect(diffValues({ text: ' Hello   World ' }, { text: 'hello world' }, views('m', 'say').normalized)).toEqual([]);
    expect(diffValues({ text: ' Hello   World ' }, { text: 'hello world' }, views('m', 'other').normalized)).toHaveLength(1);
  });
});
