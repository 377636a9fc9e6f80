// TS (llms) == WASM (our port) for the argument operations: repairArguments, parseLenient, parseToolArgs.
import { assertEquivalent } from '@llms-wasm/module-kit/testing';
import { beforeAll, describe, it } from 'vitest';
import { tools } from '../src/index.js';
import { argumentsText, argumentsValue } from './arbitraries.js';

beforeAll(async () => {
  await Promise.all([tools.init('ts'), tools.init('wasm')]);
});

describe('argument operations: ts == wasm', () => {
  it('repairArguments on JSON-ish, broken and non-string arguments', () => assertEquivalent(tools, 'repairArguments', argumentsValue.map((value) => ({ arguments: value }))));
  it('parseLenient', () => assertEquivalent(tools, 'parseLenient', argumentsValue.map((value) => ({ value }))));
  it('parseToolArgs', () => assertEquivalent(tools, 'parseToolArgs', argumentsText.map((text) => ({ text }))));
});
