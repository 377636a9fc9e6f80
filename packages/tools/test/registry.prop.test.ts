// TS (llms) == WASM (our port) for call ids and registry validation.
import { fc, test } from '@fast-check/vitest';
import { equivalent } from '@llms-wasm/module-kit/testing';
import { beforeAll, describe } from 'vitest';
import { tools } from '../src/index.js';
import { argumentsFor, deterministicIdInput, registryCall } from './arbitraries.js';

beforeAll(async () => {
  await Promise.all([tools.init('ts'), tools.init('wasm')]);
});

describe('ids and validation: ts == wasm', () => {
  test.prop([deterministicIdInput])('normalizeCallId (inputs with an id or a fallback)', (input) => equivalent(tools, 'normalizeCallId')(input));
  test.prop([registryCall])('validateToolCall on every tool', (call) => equivalent(tools, 'validateToolCall')(call));
  test.prop([argumentsFor('apply_patch')])('validateToolCall on apply_patch payloads', (args) => equivalent(tools, 'validateToolCall')({ name: 'apply_patch', arguments: args }));
  test.prop([fc.constantFrom('shell', 'exec_command', 'update_plan').chain((name) => argumentsFor(name).map((args) => ({ name, arguments: args })))])('validateToolCall on shell, exec_command and update_plan', (call) => equivalent(tools, 'validateToolCall')(call));
});
