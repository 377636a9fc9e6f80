// TS (llms) == WASM (our port) for the argument operations: repairArguments, parseLenient, parseToolArgs.
import { fc, test } from '@fast-check/vitest';
import { equivalent } from '@llms-wasm/module-kit/testing';
import { beforeAll, describe } from 'vitest';
import { tools } from '../src/index.js';
import { argumentsText, argumentsValue } from './arbitraries.js';

beforeAll(async () => {
  await Promise.all([tools.init('ts'), tools.init('wasm')]);
});

describe('argument operations: ts == wasm', () => {
  test.prop([argumentsValue])('repairArguments on JSON-ish, broken and non-string arguments', (value) => equivalent(tools, 'repairArguments')({ arguments: value }));
  test.prop([argumentsValue])('parseLenient', (value) => equivalent(tools, 'parseLenient')({ value }));
  test.prop([argumentsText])('parseToolArgs', (text) => equivalent(tools, 'parseToolArgs')({ text }));
});
