// The corpus mapper: every case of ../shared/corpus/tools.jsonl becomes calls typed by the contract,
// and llms (the TS runtime) succeeds on every one of them.
import { runOutcome } from '@llms-wasm/module-kit';
import { readCorpus } from '@llms-wasm/module-kit/corpus';
import { beforeAll, describe, expect, it } from 'vitest';
import { tools, toolsOperations } from '../src/index.js';

const cases = readCorpus('tools');

beforeAll(async () => {
  await tools.init('ts');
});

describe('tools corpus mapper', () => {
  it('maps every case to at least one call of a contract operation', () => {
    expect(cases.length).toBe(182);
    const empty = cases.filter((c) => (tools.corpus?.(c) ?? []).length === 0).map((c) => c.id);
    expect(empty).toEqual([]);
    for (const c of cases) for (const call of tools.corpus?.(c) ?? []) expect(Object.keys(toolsOperations)).toContain(call.operation);
  });

  it('every raw call of the corpus reaches canonicalizeToolCalls', () => {
    let emitted = 0;
    let raw = 0;
    for (const c of cases) {
      emitted += Array.isArray(c.input['tool_calls']) ? c.input['tool_calls'].length : 0;
      for (const call of tools.corpus?.(c) ?? []) {
        if (call.operation === 'canonicalizeToolCalls' && call.label === 'calls') raw += (call.input as { calls: unknown[] }).calls.length;
      }
    }
    expect(emitted).toBe(166);
    // Every emitted call, plus the texts that hold markup instead of structured calls.
    expect(raw).toBe(emitted + 19);
  });

  it('llms succeeds on every call (no corpus case is tagged malformed)', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const c of cases) {
      for (const call of tools.corpus?.(c) ?? []) {
        calls += 1;
        const ts = await runOutcome(tools, 'ts', call.operation, call.input);
        if (!ts.ok) failures.push(`${c.id} ${call.label}: ${ts.code}: ${ts.message}`);
      }
    }
    expect(calls).toBeGreaterThan(1500);
    expect(failures).toEqual([]);
  });
});
