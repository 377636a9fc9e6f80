import Type from 'typebox';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { canonicalize, compareOutcomes, defineErrors, defineModule, runOutcome, type RuntimeFactory } from '../src/index.js';
import { equivalent } from '../src/testing/index.js';
import { compileFixture, fixtureDir } from './fixtures/compile.js';
import { fixtureModule, type FixtureContracts } from './fixtures/fixture-module.js';

beforeAll(async () => {
  await compileFixture('kit-fixture');
}, 120_000);

const operations = {
  greet: {
    input: Type.Object({ name: Type.String(), times: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
    output: Type.Object({ text: Type.String() }),
  },
};
const demoErrors = defineErrors('demo', { NAME_REFUSED: 'the name is refused' });

function makeModule(wasmGreet: (i: { name: string }) => unknown = (i) => ({ text: `hi ${i.name}` }), wasmInit?: () => void) {
  return defineModule({
    id: 'demo',
    version: '1.0.0',
    owner: 'demo-team',
    fixPath: 'wasm core',
    operations,
    errors: demoErrors,
    runtimes: {
      ts: async () => ({
        operations: {
          greet: (i) => {
            if (i.name === 'x') throw demoErrors.error('NAME_REFUSED', 'x is refused');
            return { text: `hi ${i.name}` };
          },
        },
      }),
      wasm: async () => {
        wasmInit?.();
        return { operations: { greet: wasmGreet as never }, facts: () => ({ memory: { pages: 3, highWaterPages: 4, maxPages: null } }) };
      },
    },
    canonicalize: (_op, output) => canonicalize(output),
  });
}

const makeSpecFor = (id: string): unknown => ({ id, version: '1', owner: 'o', fixPath: 'wasm core', operations, runtimes: {}, canonicalize });

describe('defineModule', () => {
  it('exposes one async function per operation on each runtime, with typed stats', async () => {
    const mod = makeModule();
    await expect(mod.runtimes.ts.greet({ name: 'a' })).resolves.toEqual({ text: 'hi a' });
    await expect(mod.runtimes.wasm.greet({ name: 'a' })).resolves.toEqual({ text: 'hi a' });
    const stats = mod.stats('wasm');
    expect(stats).toMatchObject({ state: 'ready', memory: { pages: 3, highWaterPages: 4, maxPages: null }, operations: { greet: { count: 1, errors: 0 } } });
    const greet = stats.operations['greet'];
    expect(greet && greet.validateMs + greet.computeMs).toBeCloseTo(greet?.totalMs ?? -1, 6);
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
    expect(mod.stats('wasm').state).toBe('failed');
    await expect(mod.runtimes.ts.greet({ name: 'a' })).resolves.toEqual({ text: 'hi a' });
  });

  it('declares its error codes once and refuses codes that are not its own to declare', () => {
    expect(demoErrors.codes).toEqual(['NAME_REFUSED']);
    expect(demoErrors.error('NAME_REFUSED', 'no')).toMatchObject({ code: 'OPERATION_FAILED', detail: { code: 'NAME_REFUSED', module: 'demo' }, message: 'demo: no' });
    expect(() => defineErrors('m', { WASM_TRAP: 'x' })).toThrowError(/module-kit uses itself/);
    expect(() => defineErrors('m', { 'not-upper': 'x' })).toThrowError(/UPPER_SNAKE_CASE/);
    expect(() => defineModule({ ...(makeSpecFor('other') as object), errors: demoErrors } as never)).toThrowError(/declared for module demo/);
  });
});

describe('compareOutcomes: equivalence that cannot pass by comparing nothing', () => {
  it('compares values by canonical form', async () => {
    const mod = makeModule((i) => ({ text: `hello ${i.name}` }));
    const ts = await runOutcome(mod, 'ts', 'greet', { name: 'a' });
    const wasm = await runOutcome(mod, 'wasm', 'greet', { name: 'a' });
    expect(compareOutcomes(mod, 'greet', ts, wasm)).toMatchObject({ equal: false, reason: 'value', diff: [{ path: '/text', kind: 'changed' }] });
    expect(compareOutcomes(mod, 'greet', ts, ts)).toEqual({ equal: true });
  });

  it('never matches two failures with a kit code (both sides refusing a drifted input agree on nothing)', async () => {
    const mod = makeModule();
    const bad = await runOutcome(mod, 'ts', 'greet', { name: 1 });
    const bad2 = await runOutcome(mod, 'wasm', 'greet', { name: 1 });
    expect(bad).toMatchObject({ ok: false, code: 'INPUT_INVALID' });
    expect(compareOutcomes(mod, 'greet', bad, bad2)).toMatchObject({ equal: false, reason: 'kit_failure' });
    const ts = await runOutcome(mod, 'ts', 'greet', { name: 'a' });
    expect(compareOutcomes(mod, 'greet', ts, bad2)).toMatchObject({ equal: false, reason: 'error_vs_value' });
  });

  it('matches the same module error on both sides, and says so', async () => {
    const refusing = makeModule(() => {
      throw demoErrors.error('NAME_REFUSED', 'x is refused here too');
    });
    const ts = await runOutcome(refusing, 'ts', 'greet', { name: 'x' });
    const wasm = await runOutcome(refusing, 'wasm', 'greet', { name: 'x' });
    expect(compareOutcomes(refusing, 'greet', ts, wasm)).toEqual({ equal: true, bothFailed: 'NAME_REFUSED' });
    const foreign = makeModule(() => {
      throw new TypeError('adapter bug');
    });
    const bug = await runOutcome(foreign, 'wasm', 'greet', { name: 'x' });
    expect(compareOutcomes(foreign, 'greet', ts, bug)).toMatchObject({ equal: false, reason: 'error_code' });
    expect(compareOutcomes(foreign, 'greet', bug, bug)).toMatchObject({ equal: false, reason: 'kit_failure' });
  });

  it('equivalent() throws a readable report naming input, outcomes and diff', async () => {
    const mod = makeModule((i) => ({ text: `hello ${i.name}` }));
    await expect(equivalent(mod, 'greet')({ name: 'zed' })).rejects.toThrowError(/input: \{"name":"zed"\}[\s\S]*ts: {4}\{"text":"hi zed"\}[\s\S]*\/text changed/);
    await expect(equivalent(makeModule(), 'greet')({ name: 'zed' })).resolves.toBeUndefined();
  });
});

describe('the fixture module through wasmRuntime', () => {
  it('binds call operations, maps module errors to OPERATION_FAILED and reports the artifact', async () => {
    const mod = fixtureModule(fixtureDir);
    await expect(mod.runtimes.wasm.greet({ name: 'ada', times: 2 })).resolves.toEqual({ text: 'hi ada hi ada' });
    await expect(mod.runtimes.wasm.greet({ name: 'nobody' })).rejects.toMatchObject({ code: 'OPERATION_FAILED', detail: { code: 'GREET_REFUSED', module: 'fixture', runtime: 'wasm' } });
    const stats = mod.stats('wasm');
    expect(stats.artifact?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(stats.memory?.maxPages).toBe(1024); // 64 MiB cap from the shared build
    expect(stats.bindings?.['lines']).toMatch(/lines_open/);
    expect(stats.operations['greet']?.marshalMs).toBeGreaterThan(0);
  });

  it('the bytes path: UTF-8 in as received, UTF-8 out; refusals name the field', async () => {
    const mod = fixtureModule(fixtureDir);
    const enc = new TextEncoder();
    for (const kind of ['ts', 'wasm'] as const) {
      const out = await mod.callBytes(kind, 'identity', enc.encode('{"b":1,"a":[1.0,"\\u0041"],"1":null}'));
      expect(new TextDecoder().decode(out)).toBe('{"1":null,"b":1,"a":[1,"A"]}');
      await expect(mod.callBytes(kind, 'identity', Uint8Array.from([0x22, 0xff, 0x22]))).rejects.toMatchObject({ code: 'INPUT_INVALID' });
      await expect(mod.callBytes(kind, 'identity', enc.encode('{"a":'))).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    }
    await expect(mod.callBytes('wasm', 'greet', enc.encode('{"name":5}'))).rejects.toMatchObject({ code: 'INPUT_INVALID', detail: { path: '/name' } });
    await expect(mod.callBytes('ts', 'greet', enc.encode('{"name":5}'))).rejects.toMatchObject({ code: 'INPUT_INVALID', detail: { path: '/name' } });
  });

  it('a stale or corrupted artifact never loads', async () => {
    const { copyFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'kit-fixture-'));
    copyFileSync(join(fixtureDir, 'kit-fixture.wasm'), join(dir, 'kit-fixture.wasm'));
    writeFileSync(join(dir, 'kit-fixture.wasm.sha256'), `${'0'.repeat(64)}\n`);
    await expect(fixtureModule(dir).init('wasm')).rejects.toMatchObject({ code: 'RUNTIME_INIT_FAILED', message: expect.stringContaining('stale or corrupted') as string });
  });
});

describe('stream operations', () => {
  const enc = new TextEncoder();

  it('push answers with the events a chunk completed; finish with the rest and the result', async () => {
    const mod = fixtureModule(fixtureDir);
    for (const kind of ['ts', 'wasm'] as const) {
      const session = await mod.open(kind, 'lines', {});
      expect(await session.push(enc.encode('ab'))).toEqual([]);
      expect(await session.push('c\nd\u00e9\n')).toEqual([{ line: 'abc', index: 0 }, { line: 'dé', index: 1 }]);
      expect(await session.push(Uint8Array.from([0xe2, 0x82]))).toEqual([]);
      expect(await session.push(Uint8Array.from([0xac]))).toEqual([]);
      expect(await session.finish()).toEqual({ events: [{ line: '€', index: 2 }], result: { lines: 3, bytes: 11 } });
      expect(session.open).toBe(false);
      await expect(session.push('x')).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
    }
    expect(mod.stats('wasm').sessions).toMatchObject({ open: 0, opened: 1, finished: 1 });
  });

  it('validates options, chunks, events and the result against the contract', async () => {
    const mod = fixtureModule(fixtureDir);
    await expect(mod.open('wasm', 'lines', { maxLine: 0 })).rejects.toMatchObject({ code: 'INPUT_INVALID', detail: { path: '/maxLine' } });
    const session = await mod.open('wasm', 'lines', {});
    await expect(session.push(42 as never)).rejects.toMatchObject({ code: 'INPUT_INVALID', detail: { path: '/chunk' } });
    await expect(mod.open('wasm', 'greet', {})).rejects.toMatchObject({ code: 'UNKNOWN_OPERATION' });
    await expect(mod.call('wasm', 'lines', {})).rejects.toMatchObject({ code: 'UNKNOWN_OPERATION' });
    const broken = fixtureModule(fixtureDir, {
      wasm: (async () => ({
        operations: { greet: () => ({ text: '' }), identity: (x: unknown) => x, crash: () => ({}), lines: { open: () => ({ push: () => [{ line: 1 }], finish: () => ({ events: [], result: {} }), close: () => undefined }) } },
      })) as unknown as RuntimeFactory<FixtureContracts>,
    });
    const bad = await broken.open('wasm', 'lines', {});
    await expect(bad.push('a\n')).rejects.toMatchObject({ code: 'OUTPUT_INVALID', detail: { path: '/events/0/line' } });
    expect(bad.open).toBe(false); // a failed session is released
  });

  it('a session over its budget fails with the module error, on both runtimes', async () => {
    const mod = fixtureModule(fixtureDir);
    for (const kind of ['ts', 'wasm'] as const) {
      const session = await mod.open(kind, 'lines', { maxLine: 4 });
      await expect(session.push('abcdef')).rejects.toMatchObject({ code: 'OPERATION_FAILED', detail: { code: 'LINE_TOO_LONG' } });
    }
  });

  it('sessions are independent and bounded: the least recently used one is evicted and counted', async () => {
    const mod = fixtureModule(fixtureDir, { maxOpenSessions: 2 });
    const a = await mod.open('wasm', 'lines', {});
    const b = await mod.open('wasm', 'lines', {});
    await a.push('a1\n');
    await b.push('b1');
    await a.push('a2');
    const c = await mod.open('wasm', 'lines', {}); // evicts b (least recently used)
    await expect(b.push('x')).rejects.toMatchObject({ code: 'SESSION_CLOSED', detail: { reason: 'evicted' } });
    expect(await a.finish()).toEqual({ events: [{ line: 'a2', index: 1 }], result: { lines: 2, bytes: 5 } });
    await c.push('c');
    c.close();
    expect(mod.stats('wasm').sessions).toEqual({ open: 0, opened: 3, finished: 1, released: 2, evicted: 1 });
  });

  it('a session dropped without finishing is released once it is collected', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'module-kit tests run with --expose-gc').toBeTypeOf('function');
    const mod = fixtureModule(fixtureDir);
    await (async () => {
      const dropped = await mod.open('wasm', 'lines', {});
      await dropped.push('never finished');
    })();
    for (let i = 0; i < 20 && mod.stats('wasm').sessions.released === 0; i++) {
      gc?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(mod.stats('wasm').sessions).toMatchObject({ open: 0, opened: 1, released: 1 });
  });

  it('a trap loses the sessions of the replaced instance loudly, and counts the trap by kind', async () => {
    const mod = fixtureModule(fixtureDir);
    const session = await mod.open('wasm', 'lines', {});
    await session.push('a');
    await expect(mod.runtimes.wasm.crash({})).rejects.toMatchObject({ code: 'WASM_TRAP' });
    await expect(session.push('b')).rejects.toMatchObject({ code: 'WASM_TRAP', message: expect.stringContaining('session is lost') as string });
    expect(mod.stats('wasm').traps).toEqual({ unreachable: 1 });
    const fresh = await mod.open('wasm', 'lines', {});
    expect(await fresh.push('ok\n')).toEqual([{ line: 'ok', index: 0 }]);
  });
});
