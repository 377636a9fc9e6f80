// TS (llms's sanitizer and dispatcher) and WASM agree on segment for arbitrary input.
import { fc, test } from '@fast-check/vitest';
import { equivalent } from '@llms-wasm/module-kit/testing';
import { beforeAll, describe } from 'vitest';
import { tokenizer } from '../src/index.js';
import { anyText, outputItem, reasoningText, segmentOptions } from './arbitraries.js';

const same = equivalent(tokenizer, 'segment');

beforeAll(async () => {
  await Promise.all([tokenizer.init('ts'), tokenizer.init('wasm')]);
});

describe('segment: ts == wasm', () => {
  test.prop([fc.oneof(reasoningText, anyText)])('texts with think markup and near misses', (text) => same({ text }));
  test.prop([fc.array(outputItem, { maxLength: 5 })])('Responses output arrays', (output) => same({ output } as never));
  test.prop([fc.oneof(reasoningText, anyText), fc.array(outputItem, { maxLength: 3 }), segmentOptions])('every reasoning mode and prefix', (text, output, options) =>
    Promise.all([same({ text, options }), same({ output, options } as never)]).then(() => undefined));
});
