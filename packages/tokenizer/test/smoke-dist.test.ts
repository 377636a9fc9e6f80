// Tests what ships: the built package imports, instantiates its .wasm and counts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('built package', () => {
  it('imports dist/index.js and runs both runtimes', async () => {
    const { tokenizer } = (await import('../dist/index.js')) as typeof import('../src/index.js');
    const input = { text: 'hello world', model: 'gpt-4o' };
    await expect(tokenizer.runtimes.wasm.countTokens(input)).resolves.toEqual({ tokens: 2, encoding: 'o200k_base' });
    await expect(tokenizer.runtimes.ts.countTokens(input)).resolves.toEqual({ tokens: 2, encoding: 'o200k_base' });
    const stats = tokenizer.stats('wasm');
    expect(stats).toMatchObject({ state: 'ready', traps: {} });
    expect(stats.artifact?.sha256).toBe(readFileSync(new URL('../dist/tokenizer.wasm.sha256', import.meta.url), 'utf8').trim());
    expect(stats.memory?.maxPages).toBe(8192); // the 512 MiB cap of scripts/build-wasm.mjs
    expect(tokenizer.version).toBe((JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version);
    expect(tokenizer.stats('ts').upstream).toEqual({ '@jsonstudio/llms': '0.6.3689', 'rcc-llmswitch-core': '0.4.2' });
  });
});
