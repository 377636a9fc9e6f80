// TS (llms + tiktoken) and WASM (our encoder) agree on countTokens for arbitrary input.
import { fc, test } from '@fast-check/vitest';
import { equivalent } from '@llms-wasm/module-kit/testing';
import { beforeAll, describe } from 'vitest';
import { tokenizer } from '../src/index.js';
import { anyText, chatRequest, currentEncoding, legacyEncoding, longRun, modelName, whitespaceSoup } from './arbitraries.js';

const same = equivalent(tokenizer, 'countTokens');

beforeAll(async () => {
  await Promise.all([tokenizer.init('ts'), tokenizer.init('wasm')]);
});

describe('countTokens: ts == wasm', () => {
  test.prop([anyText, currentEncoding])('any Unicode text, cl100k_base and o200k_base', (text, encoding) => same({ text, encoding }));
  test.prop([fc.string({ unit: 'binary', maxLength: 200 }), currentEncoding])('all planes incl. lone surrogates', (text, encoding) => same({ text, encoding }));
  test.prop([fc.oneof(longRun, whitespaceSoup), currentEncoding])('long single-character runs and whitespace soups', (text, encoding) => same({ text, encoding }));
  test.prop([anyText, legacyEncoding])('legacy encodings (p50k, r50k, gpt2)', (text, encoding) => same({ text, encoding }));
  test.prop([anyText, modelName])('model names resolved as tiktoken and llms resolve them', (text, model) => same({ text, model }));
  test.prop([chatRequest])('chat requests counted as llms counts them', (request) => same(request as never));
  test.prop([chatRequest, currentEncoding])('chat requests under an explicit encoding', (request, encoding) => same({ ...(request as object), encoding } as never));
});
