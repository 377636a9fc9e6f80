#!/usr/bin/env node
// The README's two commands land here: `npm run main` and `npm test` (and `npm run bench`).
// A fresh machine has only Node and npm, so this script fetches the pinned pnpm into
// .cache/tools (inside the checkout, npm cache included) and drives everything through it.
// Nothing is installed globally and nothing is written outside this directory.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmSpec = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;
const toolsDir = join(root, '.cache', 'tools');
const pnpmBin = join(toolsDir, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
// Native addons (better-sqlite3) are compiled by node-gyp where no prebuilt binary can be fetched. It must
// build against the headers of the Node that runs it: point it at them when they sit next to this Node
// (e.g. /usr/include/node for /usr/bin/node), so nothing is downloaded and no user config is needed.
const nodePrefix = resolve(dirname(process.execPath), '..');
const nodeHeaders = existsSync(join(nodePrefix, 'include', 'node', 'node.h')) ? { npm_config_nodedir: nodePrefix } : {};

const env = {
  ...nodeHeaders,
  ...process.env,
  PATH: `${join(toolsDir, 'node_modules', '.bin')}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH ?? ''}`,
  npm_config_cache: join(root, '.cache', 'npm'),
  COREPACK_ENABLE_STRICT: '0',
};

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function must(status, what) {
  if (status !== 0) {
    console.error(`\n[run] ${what} failed (exit ${status})`);
    process.exit(status);
  }
}

function ensurePnpm() {
  const installed = existsSync(pnpmBin) &&
    `pnpm@${JSON.parse(readFileSync(join(toolsDir, 'node_modules', 'pnpm', 'package.json'), 'utf8')).version}` === pnpmSpec;
  if (installed) return;
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(join(toolsDir, 'package.json'), '{"private":true}\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  must(run(npm, ['install', '--no-audit', '--no-fund', '--prefix', toolsDir, pnpmSpec]), `installing ${pnpmSpec}`);
}

const pnpm = (...args) => run(process.execPath, [pnpmBin, ...args]);

function setup() {
  ensurePnpm();
  must(pnpm('install', '--frozen-lockfile', '--config.confirmModulesPurge=false'), 'pnpm install');
  must(pnpm('run', 'build'), 'build');
}

function summarize(reportPath) {
  if (!existsSync(reportPath)) return null;
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0) };
}

const job = process.argv[2];
if (job === 'setup') {
  setup();
} else if (job === 'main') {
  setup();
  must(pnpm('run', 'replay', ...process.argv.slice(3)), 'replay');
} else if (job === 'bench') {
  setup();
  must(pnpm('run', 'bench:packages'), 'bench');
} else if (job === 'test') {
  setup();
  // Properties are reproducible: a seed is generated unless given, and printed so a failure can be replayed.
  env.FC_SEED ||= String(Math.floor(Math.random() * 2 ** 31));
  console.log(`[run] FC_SEED=${env.FC_SEED} FC_NUM_RUNS=${env.FC_NUM_RUNS ?? 1000} (set them to reproduce this run)`);
  const typecheck = pnpm('run', 'typecheck');
  const reportPath = join(root, '.cache', 'vitest-report.json');
  const tests = pnpm('exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`);
  const packages = pnpm('run', 'check:packages');
  const counts = summarize(reportPath) ?? { passed: 0, failed: 1 };
  if (typecheck !== 0) counts.failed += 1;
  if (packages !== 0) counts.failed += 1;
  if (tests !== 0 && counts.failed === 0) counts.failed = 1;
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  process.exit(counts.failed === 0 ? 0 : 1);
} else {
  console.error('usage: node scripts/run.mjs <setup|main|test|bench>');
  process.exit(2);
}
