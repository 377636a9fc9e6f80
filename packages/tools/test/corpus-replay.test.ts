// Every call of every case of ../shared/corpus/tools.jsonl, through both runtimes, compared under the
// ruleset in force (its tools rules normalize the random ids): 0 disagreements, llms (the primary)
// succeeds on every call, every case maps.
import { replayCorpus } from '@llms-wasm/module-kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { tools } from '../src/index.js';

beforeAll(async () => {
  await Promise.all([tools.init('ts'), tools.init('wasm')]);
});

describe('tools corpus replay', () => {
  it('maps every case, compares every call, and the runtimes agree on all of them with values', async () => {
    const report = await replayCorpus(tools);
    const strict = await replayCorpus(tools, { ruleset: null });
    console.log(`tools corpus replay: ${report.cases} cases, ${report.calls} calls, ${report.matched} matched under the ruleset; ${strict.disagreements.length} differ when compared exactly (random ids)`);
    expect(report.unmapped).toEqual([]);
    expect(report.disagreements).toEqual([]);
    expect(report.primaryFailures).toEqual([]);
    expect(report.matched).toBe(report.calls);
    expect(report.calls).toBeGreaterThan(report.cases);
    // Exactly compared, the only differences are ids llms draws at random (checked by the proposed rules' paths).
    for (const line of strict.disagreements) expect(line).toMatch(/(call-id|output-id|\/harvest|calls|-text-as-content): value .*"\/(id|calls\/\d+\/id|message\/tool_calls\/\d+\/id)"/);
  });
});
