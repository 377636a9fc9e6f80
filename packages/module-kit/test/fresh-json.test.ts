import { beforeAll, describe, expect, it } from 'vitest';
import { noteFreshJson, takeFreshJson } from '../src/internal/fresh-json.js';
import { MAX_DEPTH } from '../src/internal/validator.js';
import { compileFixture, fixtureDir } from './fixtures/compile.js';
import { fixtureModule } from './fixtures/fixture-module.js';

beforeAll(async () => {
  await compileFixture('kit-fixture');
}, 120_000);

describe('fresh JSON (object-path outputs that skip the non-JSON scan)', () => {
  it('notes only objects parsed from text too short to nest deeper than MAX_DEPTH, and only once', () => {
    const limit = 2 * (MAX_DEPTH + 1);
    const short = { a: 1 };
    noteFreshJson(short, limit - 1);
    expect(takeFreshJson(short)).toBe(true);
    expect(takeFreshJson(short)).toBe(false); // used up
    const long = { a: 1 };
    noteFreshJson(long, limit);
    expect(takeFreshJson(long)).toBe(false);
    noteFreshJson('text', 4);
    noteFreshJson(null, 4);
    expect(takeFreshJson('text')).toBe(false);
    expect(takeFreshJson(null)).toBe(false);
    expect(takeFreshJson({ a: 1 })).toBe(false); // never noted
  });

  it('a WASM output handed back changed is scanned again as input', async () => {
    const mod = fixtureModule(fixtureDir);
    const out = (await mod.runtimes.wasm.identity({ a: [1, 2] })) as { a: unknown[] };
    expect(out).toEqual({ a: [1, 2] });
    expect(takeFreshJson(out)).toBe(false); // the kit's output check used the note
    out.a.push(Number.NaN);
    await expect(mod.runtimes.wasm.identity(out)).rejects.toMatchObject({ code: 'INPUT_INVALID', detail: { path: '/a/2' } });
  });

  it('deep outputs still round-trip through the WASM object path on the long-text side of the bound', async () => {
    const mod = fixtureModule(fixtureDir);
    let deep: unknown = 'x'.repeat(5000);
    for (let i = 0; i < MAX_DEPTH; i++) deep = [deep];
    await expect(mod.runtimes.wasm.identity(deep)).resolves.toEqual(deep);
  });
});
