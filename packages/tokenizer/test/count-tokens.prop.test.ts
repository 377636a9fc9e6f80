// TS (llms + tiktoken) and WASM (our encoder) agree on countTokens for arbitrary input.
import { fc } from '@fast-check/vitest';
import { assertEquivalent, type EquivalenceOptions } from '@llms-wasm/module-kit/testing';
import { beforeAll, describe, it } from 'vitest';
import { tokenizer, type CountTokensInput } from '../src/index.js';
import { anyText, chatRequest, currentEncoding, legacyEncoding, longRun, modelName, specialTokenText, whitespaceSoup } from './arbitraries.js';

beforeAll(async () => {
  await Promise.all([tokenizer.init('ts'), tokenizer.init('wasm')]);
});

const same = (arbitrary: fc.Arbitrary<CountTokensInput>, options: EquivalenceOptions = {}) => assertEquivalent(tokenizer, 'countTokens', arbitrary, options);

describe('countTokens: ts == wasm', () => {
  it('any Unicode text, cl100k_base and o200k_base', () => same(fc.record({ text: anyText, encoding: currentEncoding })));
  it('all planes incl. lone surrogates', () => same(fc.record({ text: fc.string({ unit: 'binary', maxLength: 200 }), encoding: currentEncoding })));
  it('long single-character runs and whitespace soups', () => same(fc.record({ text: fc.oneof(longRun, whitespaceSoup), encoding: currentEncoding })));
  it('legacy encodings (p50k, r50k, gpt2)', () => same(fc.record({ text: anyText, encoding: legacyEncoding })));
  it('model names resolved as tiktoken and llms resolve them', () => same(fc.record({ text: anyText, model: modelName })));
  it('chat requests counted as llms counts them', () => same(chatRequest));
  it('chat requests under an explicit encoding', () => same(fc.tuple(chatRequest, currentEncoding).map(([request, encoding]) => ({ ...request, encoding }))));
  it('special tokens are refused the same way, in texts and in requests (a property about refusals)', () =>
    same(
      fc.oneof(
        fc.record({ text: specialTokenText, encoding: fc.oneof(currentEncoding, legacyEncoding) }),
        fc.tuple(chatRequest, specialTokenText).map(([request, text]) => ({ ...request, messages: [...request.messages, { role: 'user', content: text }] })),
      ),
      { errorsExpected: true },
    ));
});
