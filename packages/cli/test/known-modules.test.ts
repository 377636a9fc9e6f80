// The CLI's defaults know the modules of the design by name and find their packages from the working
// directory, else from the CLI's own dependencies; a name that is not a module is refused with the list.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { KNOWN_MODULES, locateModule, selectModules } from '../src/known-modules.js';
import { memoryIo } from './helpers/memory-io.js';

const empty = mkdtempSync(join(tmpdir(), 'llms-wasm-known-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe('known modules', () => {
  it('are the five of the design, in migration order', () => {
    expect(KNOWN_MODULES).toEqual(['tokenizer', 'tools', 'compat', 'streaming', 'routing']);
  });

  it('are found from a folder without them through the CLI’s own dependencies; missing ones are reported as such', () => {
    expect(locateModule('tokenizer', empty)).toMatchObject({ id: 'tokenizer', from: 'cli', url: expect.stringMatching(/^file:\/\/.*tokenizer\/dist\/index\.js$/) as string });
    expect(locateModule('tools', empty).from).toBe('cli');
    expect(locateModule('streaming', empty).from).toBe('cli');
    expect(locateModule('routing', empty)).toEqual({ id: 'routing', specifier: '@llms-wasm/routing', url: null, from: null });
  });

  it('refuse an unknown name, listing the known ones and those installed', () => {
    expect(() => selectModules('replay', ['foo'], empty, true)).toThrow('replay: unknown module "foo" (known: tokenizer, tools, compat, streaming, routing; installed: tokenizer, tools, streaming)');
    expect(() => selectModules('replay', ['compat'], empty, true)).toThrow('replay: module "compat" is not installed (known: tokenizer, tools, compat, streaming, routing; installed: tokenizer, tools, streaming)');
    expect(selectModules('replay', [], empty, true).map((m) => [m.id, m.url !== null])).toEqual([
      ['tokenizer', true],
      ['tools', true],
      ['compat', false],
      ['streaming', true],
      ['routing', false],
    ]);
  });

  it('llms-wasm replay --modules foo exits 2 with that list, before touching any store', async () => {
    const io = memoryIo({}, empty);
    expect(await runCli(['replay', '--modules', 'foo', '--db', join(empty, 'x.sqlite')], { io })).toBe(2);
    expect(io.stderr()).toBe('llms-wasm: replay: unknown module "foo" (known: tokenizer, tools, compat, streaming, routing; installed: tokenizer, tools, streaming)\n');
  });
});
