// TS (llms's sanitizer and dispatcher) and WASM agree on segment for arbitrary input.
import { fc } from '@fast-check/vitest';
import { assertEquivalent } from '@llms-wasm/module-kit/testing';
import { beforeAll, describe, it } from 'vitest';
import { tokenizer } from '../src/index.js';
import { anyText, outputItem, reasoningText, segmentOptions } from './arbitraries.js';

beforeAll(async () => {
  await Promise.all([tokenizer.init('ts'), tokenizer.init('wasm')]);
});

describe('segment: ts == wasm', () => {
  it('texts with think markup and near misses', () => assertEquivalent(tokenizer, 'segment', fc.record({ text: fc.oneof(reasoningText, anyText) })));
  it('Responses output arrays', () => assertEquivalent(tokenizer, 'segment', fc.record({ output: fc.array(outputItem, { maxLength: 5 }) })));
  it('every reasoning mode and prefix', () =>
    assertEquivalent(
      tokenizer,
      'segment',
      fc.oneof(fc.record({ text: fc.oneof(reasoningText, anyText), options: segmentOptions }), fc.record({ output: fc.array(outputItem, { maxLength: 3 }), options: segmentOptions })),
    ));
});
