// Encoding selection: every model in tiktoken's table resolves the same on both runtimes, and the
// WASM side's encoding names are the contract's, in the contract's order.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { EncodingName, tokenizer } from '../src/index.js';

const table = createRequire(import.meta.url)('tiktoken/model_to_encoding.json') as Record<string, string>;

describe('encoding selection', () => {
  it('resolves all of tiktoken\'s models identically on both runtimes', async () => {
    for (const [model, encoding] of Object.entries(table)) {
      for (const kind of ['ts', 'wasm'] as const) {
        await expect(tokenizer.runtimes[kind].countTokens({ text: 'x', model })).resolves.toMatchObject({ encoding });
      }
    }
  });

  it('reports every contract encoding name back unchanged', async () => {
    for (const schema of EncodingName.anyOf) {
      const encoding = schema.const;
      await expect(tokenizer.runtimes.wasm.countTokens({ text: 'x', encoding })).resolves.toMatchObject({ encoding });
    }
  });
});
