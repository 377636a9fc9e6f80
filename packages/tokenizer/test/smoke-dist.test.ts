// Tests what ships: the built package imports, instantiates its .wasm and counts.
import { describe, expect, it } from 'vitest';

describe('built package', () => {
  it('imports dist/index.js and runs both runtimes', async () => {
    const { tokenizer } = (await import('../dist/index.js')) as typeof import('../src/index.js');
    const input = { text: 'hello world', model: 'gpt-4o' };
    await expect(tokenizer.runtimes.wasm.countTokens(input)).resolves.toEqual({ tokens: 2, encoding: 'o200k_base' });
    await expect(tokenizer.runtimes.ts.countTokens(input)).resolves.toEqual({ tokens: 2, encoding: 'o200k_base' });
    expect(tokenizer.status('wasm')).toMatchObject({ state: 'ready', details: { traps: 0 } });
  });
});
