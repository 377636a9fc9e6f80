// Every case of ../shared/corpus/tokenizer.jsonl, replayed through both runtimes: 0 disagreements.
import { compareOutcomes, runOutcome } from '@llms-wasm/module-kit';
import { readCorpus } from '@llms-wasm/module-kit/corpus';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenizer } from '../src/index.js';

const cases = readCorpus('tokenizer');

beforeAll(async () => {
  await Promise.all([tokenizer.init('ts'), tokenizer.init('wasm')]);
});

describe('tokenizer corpus replay', () => {
  it('maps every case to at least one call', () => {
    expect(cases.length).toBe(182);
    const empty = cases.filter((c) => (tokenizer.corpus?.(c) ?? []).length === 0).map((c) => c.id);
    expect(empty).toEqual([]);
  });

  it('ts and wasm agree on every call of every case', async () => {
    const disagreements: string[] = [];
    let calls = 0;
    for (const c of cases) {
      for (const call of tokenizer.corpus?.(c) ?? []) {
        calls += 1;
        const ts = await runOutcome(tokenizer, 'ts', call.operation, call.input);
        const wasm = await runOutcome(tokenizer, 'wasm', call.operation, call.input);
        const cmp = compareOutcomes(tokenizer, call.operation, ts, wasm);
        if (!cmp.equal) disagreements.push(`${c.id} ${call.label}: ${cmp.reason} ${cmp.detail} ${JSON.stringify(cmp.diff.slice(0, 3))}`);
        // Real traffic must not fail: an error on both sides would also "agree".
        if (!ts.ok) disagreements.push(`${c.id} ${call.label}: ts failed with ${ts.code}: ${ts.message}`);
      }
    }
    expect(calls).toBeGreaterThan(400);
    expect(disagreements).toEqual([]);
  });
});
