#!/usr/bin/env node
// The README's two commands land here: `npm run main` and `npm test` (and `npm run bench`).
// A fresh machine has only Node and npm, so this script fetches the pinned pnpm into
// .cache/tools (inside the checkout, npm cache included) and drives everything through it.
// Nothing is installed globally and nothing is written outside this directory.
//
// Setup is quiet: one line per step. Each step's full output goes to .cache/logs/<step>.log and is
// printed only when the step fails (node-gyp alone writes ~100 lines when better-sqlite3 compiles).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmSpec = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;
const toolsDir = join(root, '.cache', 'tools');
const logDir = join(root, '.cache', 'logs');
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

/** Runs a command with its output on this terminal; returns its exit status. */
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/**
 * Runs one quiet step: prints `[<phase>] <label> … ok (12.3 s)` on one line, sends the command's output
 * to .cache/logs/<name>.log, and on failure prints that log and the path where it stays. Returns the status.
 */
function quiet(name, label, cmd, args, phase = 'setup') {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const fd = openSync(logFile, 'w');
  process.stdout.write(`[${phase}] ${label} … `);
  const started = process.hrtime.bigint();
  let r;
  try {
    r = spawnSync(cmd, args, { cwd: root, env, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  const status = r.error ? 1 : (r.status ?? 1);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (status === 0) {
    console.log(`ok (${seconds.toFixed(1)} s)`);
    return 0;
  }
  console.log(`failed (exit ${status})`);
  process.stderr.write(readFileSync(logFile, 'utf8'));
  if (r.error) process.stderr.write(`${r.error.message}\n`);
  console.error(`\n[run] ${label} failed (exit ${status}); the full log is ${relative(root, logFile)}`);
  return status;
}

function must(status) {
  if (status !== 0) process.exit(status);
}

function ensurePnpm() {
  const installed = existsSync(pnpmBin) &&
    `pnpm@${JSON.parse(readFileSync(join(toolsDir, 'node_modules', 'pnpm', 'package.json'), 'utf8')).version}` === pnpmSpec;
  if (installed) {
    console.log(`[setup] ${pnpmSpec} … already in .cache/tools`);
    return;
  }
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(join(toolsDir, 'package.json'), '{"private":true}\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  must(quiet('pnpm', `${pnpmSpec} into .cache/tools`, npm, ['install', '--no-audit', '--no-fund', '--prefix', toolsDir, pnpmSpec]));
}

const pnpmArgs = (...args) => [pnpmBin, ...args];
const pnpm = (...args) => run(process.execPath, pnpmArgs(...args));

function setup() {
  ensurePnpm();
  must(quiet('install', 'install dependencies (pnpm install --frozen-lockfile)', process.execPath, pnpmArgs('install', '--frozen-lockfile', '--config.confirmModulesPurge=false')));
  must(quiet('build', 'build every package (pnpm run build)', process.execPath, pnpmArgs('run', 'build')));
}

/**
 * Counts from vitest's JSON report: every failed test, plus every test file that failed without a failed
 * test (it could not be loaded). Describe blocks are not counted: the report's `numFailedTestSuites`
 * counts a failed test's file and each enclosing describe again, so it cannot be added to the tests.
 */
function summarize(reportPath) {
  if (!existsSync(reportPath)) return null;
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const files = report.testResults ?? [];
  const brokenFiles = files.filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + brokenFiles };
}

const job = process.argv[2];
if (job === 'setup') {
  setup();
} else if (job === 'main') {
  setup();
  must(pnpm('run', 'replay', ...process.argv.slice(3)));
} else if (job === 'bench') {
  setup();
  must(pnpm('run', 'bench:packages'));
} else if (job === 'test') {
  setup();
  // Properties are reproducible: a seed is generated unless given, and printed so a failure can be replayed.
  env.FC_SEED ||= String(Math.floor(Math.random() * 2 ** 31));
  console.log(`[run] FC_SEED=${env.FC_SEED} FC_NUM_RUNS=${env.FC_NUM_RUNS ?? 1000} (set them to reproduce this run)`);
  const typecheck = quiet('typecheck', 'typecheck every package', process.execPath, pnpmArgs('run', 'typecheck'), 'test');
  const reportPath = join(root, '.cache', 'vitest-report.json');
  const tests = pnpm('exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`);
  const packages = quiet('check-packages', 'package checks', process.execPath, pnpmArgs('run', 'check:packages'), 'test');
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
