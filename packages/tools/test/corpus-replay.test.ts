// Every call of every case of ../shared/corpus/tools.jsonl, through both runtimes: 0 disagreements,
// apart from random ids, which are compared under the rules proposed in ruleset-proposal.json.
import { compareOutcomes, runOutcome } from '@llms-wasm/module-kit';
import { readCorpus } from '@llms-wasm/module-kit/corpus';
import { beforeAll, describe, expect, it } from 'vitest';
import { tools } from '../src/index.js';
import { proposedOptions } from './ruleset.js';

const cases = readCorpus('tools');

beforeAll(async () => {
  await Promise.all([tools.init('ts'), tools.init('wasm')]);
});

describe('tools corpus replay', () => {
  it('ts and wasm agree on every call of every case', async () => {
    const disagreements: string[] = [];
    let calls = 0;
    let strictDiffs = 0;
    for (const c of cases) {
      for (const call of tools.corpus?.(c) ?? []) {
        calls += 1;
        const ts = await runOutcome(tools, 'ts', call.operation, call.input);
        const wasm = await runOutcome(tools, 'wasm', call.operation, call.input);
        if (!ts.ok) disagreements.push(`${c.id} ${call.label}: ts failed with ${ts.code}: ${ts.message}`);
        if (!compareOutcomes(tools, call.operation, ts, wasm).equal) strictDiffs += 1;
        const cmp = compareOutcomes(tools, call.operation, ts, wasm, proposedOptions(call.operation));
        if (!cmp.equal) disagreements.push(`${c.id} ${call.label}: ${cmp.reason} ${cmp.detail} ${JSON.stringify(cmp.diff.slice(0, 3))}`);
      }
    }
    console.log(`tools corpus replay: ${cases.length} cases, ${calls} calls, ${strictDiffs} differ before the proposed ruleset (random ids), ${disagreements.length} after`);
    expect(calls).toBeGreaterThan(1500);
    expect(disagreements).toEqual([]);
  });
});
