// The stream variant of the TS-vs-WASM check: one byte sequence, cut anywhere, fed to both runtimes.
import { fc } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeFactory, StreamChunk } from '../../src/index.js';
import { assertStreamEquivalent, chunkings, splitAt, trickyCuts } from '../../src/testing/index.js';
import { compileFixture, fixtureDir } from '../fixtures/compile.js';
import { fixtureModule, tsFixtureRuntime, type FixtureContracts } from '../fixtures/fixture-module.js';

beforeAll(async () => {
  await compileFixture('kit-fixture');
}, 120_000);

const enc = new TextEncoder();
const text = fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', '\n', '\r\n', ' ', 'data:', 'x'), maxLength: 40 });
const cases = text.chain((t) => chunkings(enc.encode(t)).map((chunks) => ({ options: {}, chunks: chunks as StreamChunk[] })));

describe('chunkings', () => {
  it('cuts where careless decoders break, and reassembles to the same bytes', () => {
    const bytes = enc.encode('é\r\ndata: x');
    expect(trickyCuts(bytes)).toEqual(expect.arrayContaining([1, 3, 7, 8]));
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }).chain((b) => fc.tuple(fc.constant(b), chunkings(b))),
        ([b, chunks]) => {
          const joined = Uint8Array.from(chunks.flatMap((c) => [...c]));
          expect(joined).toEqual(b);
        },
      ),
    );
    expect(splitAt(Uint8Array.from([1, 2, 3]), [2, 0, 9, 2]).map((c) => [...c])).toEqual([[1, 2], [3]]);
  });
});

describe('assertStreamEquivalent', () => {
  it('both runtimes give the same events and result for every chunking', async () => {
    const stats = await assertStreamEquivalent(fixtureModule(fixtureDir), 'lines', cases);
    expect(stats.bothFailed).toBe(0);
  });

  it('finds a runtime that decodes each chunk on its own (a character split across chunks)', async () => {
    // A "WASM" side with llms's Buffer quirk: every chunk decoded separately, so a split character becomes U+FFFD.
    const quirky: RuntimeFactory<FixtureContracts> = async () => {
      const base = await tsFixtureRuntime();
      const lines = base.operations.lines;
      return {
        operations: {
          ...base.operations,
          lines: {
            open: async (options) => {
              const inner = await lines.open(options);
              return { ...inner, push: (chunk) => inner.push(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk)), finish: () => inner.finish(), close: () => inner.close() };
            },
          },
        },
      };
    };
    const failure = await assertStreamEquivalent(fixtureModule(fixtureDir, { wasm: quirky }), 'lines', cases).then(() => null, (e: unknown) => e as Error);
    expect(failure?.message).toMatch(/fixture\.lines \(\d+ chunks\): ts and wasm disagree/);
    expect(failure?.message).toMatch(/\\ufffd|�/);
  });
});
