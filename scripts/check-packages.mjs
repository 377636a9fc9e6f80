#!/usr/bin/env node
// Package checks run in CI after the build: every package is publishable as our house style requires
// (ESM only, `types` first, no side effects, only dist shipped, Node engine set, internal deps as
// workspace:^, a README, a changelog entry) and every export it declares exists and imports.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const problems = [];
const changesets = readdirSync(join(root, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')
  .map((f) => readFileSync(join(root, '.changeset', f), 'utf8')).join('\n');

for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgDir = join(root, 'packages', dir);
  const pkgFile = join(pkgDir, 'package.json');
  if (!existsSync(pkgFile)) continue;
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  const fail = (what) => problems.push(`${pkg.name ?? dir}: ${what}`);
  if (pkg.type !== 'module') fail('"type" must be "module" (ESM only)');
  if (pkg.sideEffects !== false) fail('"sideEffects" must be false');
  if (!pkg.engines?.node) fail('"engines.node" is missing');
  if (!Array.isArray(pkg.files) || !pkg.files.includes('dist')) fail('"files" must ship dist');
  if (!existsSync(join(pkgDir, 'README.md'))) fail('README.md is missing');
  if (!existsSync(join(pkgDir, 'CHANGELOG.md')) && !changesets.includes(`"${pkg.name}"`)) fail('no CHANGELOG.md and no pending changeset');
  for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.peerDependencies })) {
    if (name.startsWith('@llms-wasm/') && range !== 'workspace:^') fail(`internal dependency ${name} must be "workspace:^"`);
  }
  for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
    if (typeof target === 'string') {
      if (!existsSync(join(pkgDir, target))) fail(`export ${sub} -> ${target} does not exist`);
      continue;
    }
    const keys = Object.keys(target);
    if (keys[0] !== 'types') fail(`export ${sub}: "types" must come first`);
    for (const file of Object.values(target)) if (!existsSync(join(pkgDir, file))) fail(`export ${sub} -> ${file} does not exist (build first)`);
    if (target.import && existsSync(join(pkgDir, target.import))) {
      try {
        await import(pathToFileURL(join(pkgDir, target.import)).href);
      } catch (error) {
        fail(`export ${sub} does not import: ${error.message}`);
      }
    }
  }
}

if (problems.length) {
  console.error(`package checks: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('package checks: ok');
