// The shared TS-vs-WASM check: under the ruleset in force, never satisfied by errors alone.
import { fc } from '@fast-check/vitest';
import Type from 'typebox';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalize, defineErrors, defineModule, diffValues, loadRuleset, type CompareContext, type RuntimeFactory } from '../../src/index.js';
import { assertEquivalent, equivalent } from '../../src/testing/index.js';
import { compileFixture, fixtureDir } from '../fixtures/compile.js';
import { fixtureModule, type FixtureContracts } from '../fixtures/fixture-module.js';

beforeAll(async () => {
  await compileFixture('kit-fixture');
}, 120_000);

const name = fc.string({ unit: 'grapheme', maxLength: 12 });

describe('assertEquivalent', () => {
  it('passes when both runtimes agree, and reports what it compared', async () => {
    const stats = await assertEquivalent(fixtureModule(fixtureDir), 'greet', fc.record({ name, times: fc.integer({ min: 1, max: 5 }) }));
    expect(stats.runs).toBeGreaterThan(0);
    expect(stats.bothFailedShare).toBeLessThanOrEqual(0.2);
  });

  it('fails with the shrunk input, both outcomes and the diff when they disagree', async () => {
    const buggy = fixtureModule(fixtureDir, {
      wasm: (async () => ({ operations: { greet: ({ name: n }: { name: string }) => ({ text: `hi ${n.trim()}` }), identity: (x: unknown) => x, crash: () => ({}), lines: { open: () => ({}) } } })) as unknown as RuntimeFactory<FixtureContracts>,
    });
    // Half the names start with a space (which the planted bug trims away), so every seed finds the bug.
    const spaced = fc.oneof(name, name.map((n) => ` ${n}`));
    const failure = await assertEquivalent(buggy, 'greet', fc.record({ name: spaced })).then(() => null, (error: unknown) => error as Error);
    expect(failure?.message).toMatch(/fixture\.greet: ts and wasm disagree \(value/);
    expect(failure?.message).toMatch(/input: \{"name":" "\}/); // shrunk to the smallest name that trims
  });

  it('fails a property that mostly tests errors, unless the test says errors are its purpose', async () => {
    const mostlyNobody = fc.oneof({ weight: 9, arbitrary: fc.constant('nobody') }, { weight: 1, arbitrary: name }).map((n) => ({ name: n }));
    await expect(assertEquivalent(fixtureModule(fixtureDir), 'greet', mostlyNobody)).rejects.toThrowError(/this arbitrary mostly tests errors: .*GREET_REFUSED/);
    const stats = await assertEquivalent(fixtureModule(fixtureDir), 'greet', mostlyNobody, { errorsExpected: true });
    expect(stats.bothFailedByCode['GREET_REFUSED']).toBeGreaterThan(stats.runs / 2);
  });

  it('never counts kit failures on both sides as agreement', async () => {
    const drifted = fc.record({ name: fc.integer() }) as unknown as fc.Arbitrary<{ name: string }>;
    await expect(assertEquivalent(fixtureModule(fixtureDir), 'greet', drifted)).rejects.toThrowError(/kit_failure: INPUT_INVALID/);
  });
});

describe('comparing under a ruleset', () => {
  const operations = { make: { input: Type.Object({ n: Type.Integer() }), output: Type.Object({ id: Type.String(), n: Type.Integer() }) } };
  const errors = defineErrors('ids', {});
  const seen: CompareContext[] = [];
  const idModule = (ids: [string, string]) =>
    defineModule({
      id: 'ids',
      version: '1',
      owner: 'o',
      fixPath: 'wasm core',
      operations,
      errors,
      runtimes: { ts: async () => ({ operations: { make: ({ n }) => ({ id: ids[0], n }) } }), wasm: async () => ({ operations: { make: ({ n }) => ({ id: ids[1], n }) } }) },
      canonicalize: (_op, out) => canonicalize(out),
      rulesetSection: Type.Object({ tolerance: Type.Number() }, { additionalProperties: false }),
      compare: (_op, left, right, context) => {
        seen.push(context);
        return diffValues(left, right, context.options);
      },
    });
  const base = loadRuleset().ruleset;

  it('normalizes random and clock values by the rules of the ruleset in force (not by hiding them)', async () => {
    const random = idModule(['call_abcd1234', 'call_zzzz9999']);
    await expect(equivalent(random, 'make')({ n: 1 })).resolves.toBeUndefined();
    await expect(equivalent(random, 'make', { ruleset: null })({ n: 1 })).rejects.toThrowError(/\/id changed/);
    expect(seen.at(-2)?.ruleset?.version).toBe(base.version);
    expect(seen.at(-1)?.ruleset).toBeNull();
  });

  it('hands the comparator its own section, checked against its schema', async () => {
    const mod = idModule(['x', 'x']);
    await equivalent(mod, 'make', { ruleset: { ...base, modules: { ids: { tolerance: 0.5 } } } })({ n: 1 });
    expect(seen.at(-1)?.section).toEqual({ tolerance: 0.5 });
    expect(() => equivalent(mod, 'make', { ruleset: { ...base, modules: { ids: { tolerance: 'big' } } } })).toThrowError(expect.objectContaining({ code: 'RULESET_INVALID', detail: expect.objectContaining({ path: '/modules/ids/tolerance' }) as unknown }) as Error);
  });
});
