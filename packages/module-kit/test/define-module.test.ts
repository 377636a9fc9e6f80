import Type from 'typebox';
import { describe, expect, it, vi } from 'vitest';
import { canonicalize, compareOutcomes, defineModule, runOutcome } from '../src/index.js';
import { equivalent } from '../src/testing.js';

const operations = {
  greet: {
    input: Type.Object({ name: Type.String(), times: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
    output: Type.Object({ text: Type.String() }),
  },
};

function makeModule(wasmGreet: (i: { name: string }) => unknown = (i) => ({ text: `hi ${i.name}` }), wasmInit?: () => void) {
  return defineModule({
    id: 'demo',
    version: '1.0.0',
    owner: 'demo-team',
    fixPath: 'wasm core',
    operations,
    runtimes: {
      ts: async () => ({ operations: { greet: (i) => ({ text: `hi ${i.name}` }) } }),
      wasm: async () => {
        wasmInit?.();
        return { operations: { greet: wasmGreet as never }, describe: () => ({ pages: 3 }) };
      },
    },
    canonicalize: (_op, output) => canonicalize(output),
  });
}

describe('defineModule', () => {
  it('exposes one async function per operation on each runtime', async () => {
    const mod = makeModule();
    await expect(mod.runtimes.ts.greet({ name: 'a' })).resolves.toEqual({ text: 'hi a' });
    await expect(mod.runtimes.wasm.greet({ name: 'a' })).resolves.toEqual({ text: 'hi a' });
    expect(mod.status('wasm')).toMatchObject({ state: 'ready', details: { pages: 3 }, calls: { greet: { count: 1, errors: 0 } } });
  });

  it('rejects bad input with a typed error naming the field, before any runtime runs', async () => {
    const impl = vi.fn(() => ({ text: 'x' }));
    const mod = makeModule(impl);
    await expect(mod.call('wasm', 'greet', { name: 5 })).rejects.toMatchObject({ code: 'INPUT_INVALID', detail: { path: '/name' }, message: expect.stringContaining('/name') as string });
    await expect(mod.call('wasm', 'greet', { name: 'a', times: 0 })).rejects.toMatchObject({ code: 'INPUT_INVALID', detail: { path: '/times' } });
    await expect(mod.call('wasm', 'greet', { name: 'a', extra: 1 })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(mod.call('wasm', 'greet', { name: 'a', times: Number.NaN })).rejects.toMatchObject({ code: 'INPUT_INVALID', detail: { path: '/times' } });
    await expect(mod.call('wasm', 'nope', {})).rejects.toMatchObject({ code: 'UNKNOWN_OPERATION' });
    expect(impl).not.toHaveBeenCalled();
  });

  it('rejects an output that breaks the contract', async () => {
    const mod = makeModule(() => ({ text: 42 }));
    await expect(mod.runtimes.wasm.greet({ name: 'a' })).rejects.toMatchObject({ code: 'OUTPUT_INVALID', detail: { path: '/text', runtime: 'wasm' } });
  });

  it('reports a runtime that cannot load, remembers it, and never falls back', async () => {
    const init = vi.fn(() => {
      throw new Error('binary missing');
    });
    const mod = makeModule(undefined, init);
    await expect(mod.init('wasm')).rejects.toMatchObject({ code: 'RUNTIME_INIT_FAILED', message: expect.stringContaining('binary missing') as string });
    await expect(mod.runtimes.wasm.greet({ name: 'a' })).rejects.toMatchObject({ code: 'RUNTIME_INIT_FAILED' });
    expect(init).toHaveBeenCalledTimes(1);
    expect(mod.status('wasm').state).toBe('failed');
    await expect(mod.runtimes.ts.greet({ name: 'a' })).resolves.toEqual({ text: 'hi a' });
  });

  it('compares outcomes by canonical value and by error code', async () => {
    const mod = makeModule((i) => ({ text: `hello ${i.name}` }));
    const ts = await runOutcome(mod, 'ts', 'greet', { name: 'a' });
    const wasm = await runOutcome(mod, 'wasm', 'greet', { name: 'a' });
    expect(compareOutcomes(mod, 'greet', ts, wasm)).toMatchObject({ equal: false, reason: 'value', diff: [{ path: '/text', kind: 'changed' }] });
    const bad = await runOutcome(mod, 'ts', 'greet', { name: 1 });
    const bad2 = await runOutcome(mod, 'wasm', 'greet', { name: 1 });
    expect(compareOutcomes(mod, 'greet', bad, bad2)).toEqual({ equal: true });
    expect(compareOutcomes(mod, 'greet', ts, bad2)).toMatchObject({ equal: false, reason: 'error_vs_value' });
  });

  it('equivalent() throws a readable report naming input, outcomes and diff', async () => {
    const mod = makeModule((i) => ({ text: `hello ${i.name}` }));
    await expect(equivalent(mod, 'greet')({ name: 'zed' })).rejects.toThrowError(/input: \{"name":"zed"\}[\s\S]*ts: {4}\{"text":"hi zed"\}[\s\S]*\/text changed/);
    await expect(equivalent(makeModule(), 'greet')({ name: 'zed' })).resolves.toBeUndefined();
  });
});
