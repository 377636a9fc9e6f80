// Every case of ../shared/corpus/tokenizer.jsonl, replayed through both runtimes under the ruleset in force.
import { replayCorpus } from '@llms-wasm/module-kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenizer } from '../src/index.js';

beforeAll(async () => {
  await Promise.all([tokenizer.init('ts'), tokenizer.init('wasm')]);
});

describe('tokenizer corpus replay', () => {
  it('maps every case, compares every call, and the runtimes agree on all of them with values', async () => {
    const report = await replayCorpus(tokenizer);
    expect(report.cases).toBeGreaterThan(0);
    expect(report.unmapped).toEqual([]);
    expect(report.disagreements).toEqual([]);
    // Real traffic is counted by llms: a call that fails on the primary would be compared on its error code only.
    expect(report.primaryFailures).toEqual([]);
    expect(report.calls).toBeGreaterThanOrEqual(report.cases);
    expect(report.matched).toBe(report.calls);
  });
});
