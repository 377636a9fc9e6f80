// TS (llms) == WASM (our port) for canonicalizeToolCalls on raw calls of every format.
import { assertEquivalent } from '@llms-wasm/module-kit/testing';
import { beforeAll, describe, it } from 'vitest';
import { tools } from '../src/index.js';
import { callsInput, rawCallAny, rawCallDeterministic } from './arbitraries.js';

beforeAll(async () => {
  await Promise.all([tools.init('ts'), tools.init('wasm')]);
});

describe('canonicalizeToolCalls: ts == wasm', () => {
  it('calls with ids, every structured format (compared exactly)', () => assertEquivalent(tools, 'canonicalizeToolCalls', callsInput(rawCallDeterministic), { ruleset: null }));
  it('any calls, text markup and missing ids included (random ids under the ruleset\'s rule)', () => assertEquivalent(tools, 'canonicalizeToolCalls', callsInput(rawCallAny)));
});
