// The orchestrator knows modules only by configuration: package specifiers resolve from the config file's
// folder (never from this package's install location), the shadow workers get the resolved file URL, and
// the library itself depends on no module package.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createOrchestrator, loadConfig, resolveModuleSpecifier } from '../src/index.js';
import { manualClock } from './helpers/manual-clock.js';

const PKG = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/faulty-module.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'llms-wasm-resolve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A gateway folder with its own node_modules holding a module package `acme-faulty` (ESM, `exports` with `import` only). */
function gatewayFolder(): string {
  const root = join(dir, 'gateway');
  const pkg = join(root, 'node_modules', 'acme-faulty');
  mkdirSync(join(pkg, 'lib'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'acme-faulty', type: 'module', exports: { '.': { import: './lib/index.js' } } }));
  writeFileSync(join(pkg, 'lib', 'index.js'), `export { faulty } from ${JSON.stringify(pathToFileURL(FIXTURE).href)};\n`);
  writeFileSync(join(root, 'llms-wasm.json'), JSON.stringify({ modules: { faulty: { import: 'acme-faulty' } }, defaults: { mode: 'shadow' }, shadow: { workers: 1 } }));
  return root;
}

describe('resolveModuleSpecifier', () => {
  it('resolves a package through its exports from the folder given', () => {
    const url = resolveModuleSpecifier('@llms-wasm/module-kit', PKG);
    expect(url).toMatch(/^file:\/\/.*module-kit\/dist\/index\.js$/);
  });

  it('refuses a package the folder does not have, naming the field and the folder', () => {
    expect(() => resolveModuleSpecifier('@llms-wasm/module-kit', dir, 'config/modules/x/import')).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: `config/modules/x/import: cannot resolve "@llms-wasm/module-kit" from ${dir} (not installed there)` }),
    );
  });

  it('keeps file URLs, turns paths into URLs and refuses a path that does not exist', () => {
    expect(resolveModuleSpecifier('file:///x/y.js', dir)).toBe('file:///x/y.js');
    expect(resolveModuleSpecifier(FIXTURE, dir)).toBe(pathToFileURL(FIXTURE).href);
    expect(resolveModuleSpecifier('./fixtures/faulty-module.mjs', join(PKG, 'test'))).toBe(pathToFileURL(FIXTURE).href);
    expect(() => resolveModuleSpecifier('./nope.js', dir)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('nope.js does not exist') as string }));
  });
});

describe('an orchestrator loads modules from its config’s folder', () => {
  it('here and in the shadow workers', async () => {
    const root = gatewayFolder();
    const config = loadConfig({ file: join(root, 'llms-wasm.json') }, {});
    const clock = manualClock();
    const o = await createOrchestrator(config, { store: null, env: {}, clock, logger: { warn: () => undefined, error: () => undefined } });
    try {
      const report = await o.start();
      expect(report).toMatchObject({ modules: { faulty: { ts: 'ready', wasm: 'ready' } }, shadowWorkers: 'ready' });
      const record = new Promise((resolve) => o.onRecord(resolve));
      await expect(o.call('faulty', 'run', { mode: 'ok', value: 1 }, { requestId: 'r1' })).resolves.toEqual({ echo: 1 });
      await expect(record).resolves.toMatchObject({ status: 'match', module: 'faulty' });
    } finally {
      await o.close();
    }
  });

  it('and refuses, naming the module, when the folder does not have it', async () => {
    const config = loadConfig({ modules: { faulty: { import: 'acme-faulty' } } }, {}, { baseDir: dir });
    await expect(createOrchestrator(config, { store: null, env: {} })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/^config\/modules\/faulty\/import: cannot resolve "acme-faulty"/) as string });
  });
});

describe('the library depends on no module package', () => {
  it('in its package.json', () => {
    const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies).filter((name) => name.startsWith('@llms-wasm/'))).toEqual(['@llms-wasm/module-kit']);
  });

  it('in its sources (no import of a module package)', () => {
    const files = (d: string): string[] => readdirSync(d).flatMap((name) => (statSync(join(d, name)).isDirectory() ? files(join(d, name)) : [join(d, name)]));
    const named = files(join(PKG, 'src')).filter((file) => /(from\s+|import\()['"]@llms-wasm\/(tokenizer|tools|compat|streaming|routing)['"/]/.test(readFileSync(file, 'utf8')));
    expect(named).toEqual([]);
  });
});
