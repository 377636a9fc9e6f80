// TS (llms) == WASM (our port) for the chat-response operations, shell packing and the text harvester.
import { assertEquivalent } from '@llms-wasm/module-kit/testing';
import { beforeAll, describe, it } from 'vitest';
import { tools } from '../src/index.js';
import { assistantMessage, chatPayload, shellArgs } from './arbitraries.js';

beforeAll(async () => {
  await Promise.all([tools.init('ts'), tools.init('wasm')]);
});

describe('chat responses, shell and text: ts == wasm', () => {
  it('canonicalizeChatResponse', () => assertEquivalent(tools, 'canonicalizeChatResponse', chatPayload.map((payload) => ({ payload }))));
  it('finalizeChatResponse', () => assertEquivalent(tools, 'finalizeChatResponse', chatPayload.map((payload) => ({ payload }))));
  it('packShellArgs', () => assertEquivalent(tools, 'packShellArgs', shellArgs.map((args) => ({ args }))));
  // Harvested calls get random ids (call_ + up to 8 base-36 characters): compared under the proposed rule.
  it('harvestTextToolCalls', () => assertEquivalent(tools, 'harvestTextToolCalls', assistantMessage.map((message) => ({ message }))));
});
