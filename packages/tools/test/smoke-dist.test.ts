// Tests what ships: the built package imports, instantiates its .wasm (checked against its sha256) and
// canonicalizes on both runtimes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('built package', () => {
  it('imports dist/index.js and runs both runtimes', async () => {
    const { tools } = (await import('../dist/index.js')) as typeof import('../src/index.js');
    const input = { arguments: "{a:1, b:'two',}" };
    await expect(tools.runtimes.wasm.repairArguments(input)).resolves.toEqual({ arguments: '{"a":1,"b":"two"}', repaired: true });
    await expect(tools.runtimes.ts.repairArguments(input)).resolves.toEqual({ arguments: '{"a":1,"b":"two"}', repaired: true });
    const stats = tools.stats('wasm');
    expect(stats).toMatchObject({ state: 'ready', traps: {} });
    expect(stats.artifact?.sha256).toBe(readFileSync(new URL('../dist/tools.wasm.sha256', import.meta.url), 'utf8').trim());
    expect(stats.memory?.maxPages).toBe(16384); // the 1 GiB cap of scripts/build-wasm.mjs
    expect(tools.version).toBe((JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version);
    expect(tools.stats('ts').upstream).toEqual({ '@jsonstudio/llms': '0.6.3689', 'rcc-llmswitch-core': '0.4.2' });
  });
});
