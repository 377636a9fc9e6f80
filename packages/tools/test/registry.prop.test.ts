// TS (llms) == WASM (our port) for call ids and registry validation.
import { fc } from '@fast-check/vitest';
import { assertEquivalent } from '@llms-wasm/module-kit/testing';
import { beforeAll, describe, it } from 'vitest';
import { tools } from '../src/index.js';
import { argumentsFor, deterministicIdInput, registryCall } from './arbitraries.js';

beforeAll(async () => {
  await Promise.all([tools.init('ts'), tools.init('wasm')]);
});

describe('ids and validation: ts == wasm', () => {
  it('normalizeCallId (inputs with an id or a fallback, so no random fallback)', () => assertEquivalent(tools, 'normalizeCallId', deterministicIdInput));
  it('validateToolCall on every tool', () => assertEquivalent(tools, 'validateToolCall', registryCall));
  it('validateToolCall on apply_patch payloads', () => assertEquivalent(tools, 'validateToolCall', argumentsFor('apply_patch').map((args) => ({ name: 'apply_patch', arguments: args }))));
  it('validateToolCall on shell, exec_command and update_plan', () =>
    assertEquivalent(tools, 'validateToolCall', fc.constantFrom('shell', 'exec_command', 'update_plan').chain((name) => argumentsFor(name).map((args) => ({ name, arguments: args })))));
});
