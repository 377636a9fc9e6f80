import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { corpusDir, readCorpus } from '@llms-wasm/module-kit/corpus';
import { loadConfig, openOrchestrator, type Clock, type DiffRecord, type OrchestratorConfig, type VersionSnapshot } from '@llms-wasm/orchestrator';
import { ms, pct, quantile, table } from '../format.js';
import { processIo, UsageError, type CliIo } from '../io.js';
import { selectModules } from '../known-modules.js';
import { progressBar } from '../progress.js';
import { replaysOf } from '../replay-calls.js';

/** Options of `llms-wasm replay`. */
export interface ReplayOptions {
  /** Known module names (default: every known module that is installed). */
  readonly modules?: readonly string[];
  readonly corpus?: string;
  readonly db: string;
  /** A config file: its modules (resolved from its folder) replace the defaults. */
  readonly config?: string;
  readonly workers?: number;
  readonly io?: CliIo;
  /** Shadow timeouts and drain deadlines (default: the system clock; tests pass a manual one). */
  readonly clock?: Clock;
  /** Seed of the re-chunked stream replays (default 1): the same seed cuts every stream at the same places. */
  readonly seed?: number;
  /** Re-chunked replays of each stream besides its captured form (default 3). */
  readonly rechunkings?: number;
}

interface Tally {
  cases: number;
  calls: number;
  /** Cases the module's corpus mapper turned into no call. */
  unmapped: number;
  records: DiffRecord[];
  /** Primary failures on calls of cases tagged malformed (expected). */
  failedMalformed: number;
  /** Primary failures on calls of cases not tagged malformed (each one fails the replay). */
  failedUnexpected: string[];
}

/** The default config: the chosen known modules by their file URL, shadow mode, every call compared. */
function defaultConfig(options: ReplayOptions, io: CliIo): OrchestratorConfig {
  const wanted = options.modules ?? [];
  const located = selectModules('replay', wanted, io.cwd, true);
  for (const m of located) if (m.url === null) io.err.write(`replay: skipping ${m.id}: ${m.specifier} is not installed or not built\n`);
  const modules = located.filter((m) => m.url !== null);
  if (modules.length === 0) throw new UsageError('replay: no module to replay (none of the known modules is installed)');
  return {
    modules: Object.fromEntries(modules.map((m) => [m.id, { import: m.url ?? m.specifier }])),
    defaults: { mode: 'shadow', sampleRate: 1 },
    shadow: { workers: options.workers ?? 2, queueSize: 1_000_000, timeoutMs: 30_000, memoryMb: 1024 },
    store: { path: resolve(io.cwd, options.db), keepMatches: 0 },
  };
}

/**
 * Runs a baseline (default ../shared/corpus) through both runtimes via the orchestrator in shadow mode,
 * writes every record to the store, and prints per module: cases, both-failed calls (apart from
 * matches), diff rate, shadow error rate and latency percentiles of each runtime with the delta. Returns
 * the number of problems: diffs, shadow errors, cases that map to no call, a module with no call at all,
 * and primary failures on cases not tagged malformed.
 */
export async function replay(options: ReplayOptions): Promise<number> {
  const io = options.io ?? processIo();
  const out = io.out;
  const say = (text: string): void => void out.write(`${text}\n`);
  if (options.config !== undefined && options.modules !== undefined && options.modules.length > 0) throw new UsageError('replay: give --modules or --config, not both (a config names its own modules)');
  const dir = options.corpus === undefined ? corpusDir() : resolve(io.cwd, options.corpus);
  // A replay always runs in shadow mode, whatever LLMS_WASM_MODE says in this shell.
  const config = options.config === undefined ? loadConfig(defaultConfig(options, io), {}, { baseDir: io.cwd }) : loadConfig({ file: resolve(io.cwd, options.config) }, {});
  const modules = Object.keys(config.modules).map((id) => ({ id }));
  let key = io.env[config.store.redaction.keyEnv];
  if (!key) {
    key = randomBytes(24).toString('hex');
    io.err.write(`replay: ${config.store.redaction.keyEnv} is not set; PII masks use a one-off key (not comparable across runs)\n`);
  }
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new UsageError(`replay: --seed must be an integer (got ${String(options.seed)})`);
  const rechunkings = options.rechunkings ?? 3;
  const orchestrator = await openOrchestrator(config, { env: {}, redactionKey: key, ...(options.clock ? { clock: options.clock } : {}) });
  const tallies = new Map<string, Tally>();
  orchestrator.onRecord((record) => tallies.get(record.module)?.records.push(record));
  const now = (): number => options.clock?.now() ?? Date.now();
  const run = { id: randomUUID(), startedAt: now() };
  let versions: VersionSnapshot | null = null;
  try {
    const started = await orchestrator.start();
    for (const [id, state] of Object.entries(started.modules)) say(`${id}: ts ${state.ts}, wasm ${state.wasm}`);
    if (started.shadowWorkers !== 'ready') say(`shadow workers: ${started.shadowWorkers}`);
    for (const { id } of modules) {
      const mod = orchestrator.modules.get(id);
      const cases = readCorpus(id, dir);
      const mapped = cases.map((c) => ({ c, calls: mod?.corpus?.(c) ?? [] }));
      const { calls, streams } = replaysOf(orchestrator, id, mapped, seed, rechunkings);
      const tally: Tally = { cases: cases.length, calls: calls.length, unmapped: mapped.filter((m) => m.calls.length === 0).length, records: [], failedMalformed: 0, failedUnexpected: [] };
      tallies.set(id, tally);
      const bar = progressBar(`replay ${id}`, calls.length, io.err);
      if (streams.streams > 0) say(`${id}: ${streams.streams} stream(s) replayed as captured, re-chunked ${rechunkings} time(s) as bytes and once with CRLF line ends (seed ${seed}): ${streams.rechunked} re-chunkings, ${streams.cuts} cuts, ${streams.inUtf8} inside a UTF-8 sequence, ${streams.inCrlf} inside a CRLF`);
      for (const [n, call] of calls.entries()) {
        await call.run().catch((error: unknown) => {
          if (call.malformed) tally.failedMalformed += 1;
          else tally.failedUnexpected.push(`${call.requestId} (${call.label}): ${error instanceof Error ? error.message : String(error)}`);
        });
        // Let the shadow workers' results in between calls, as a server's event loop would.
        await new Promise((resolve) => setImmediate(resolve));
        bar.update(n + 1, `(${tally.records.length} compared)`);
      }
      await orchestrator.drain(120_000);
      bar.finish(`(${tally.records.length} compared)`);
    }
    // One row per run: the versions compared and what came of it (written before close flushes the store).
    versions = orchestrator.versionSnapshot(modules.map((m) => m.id));
    orchestrator.store?.writeRun({ ...run, finishedAt: now(), corpus: dir, versions, modules: modules.map((m) => m.id), report: reportOf(tallies) });
  } finally {
    await orchestrator.close();
  }

  say(`\nreplay of ${dir} under ruleset ${orchestrator.rulesetVersion}; records in ${config.store.path}`);
  if (versions !== null) {
    say(`run ${run.id}: ts ${versions.ts_version}`);
    say(`  wasm ${versions.wasm_version}`);
    say(`  ruleset ${versions.ruleset_version}, sse protocol ${versions.sse_protocol_version}, compat profile ${versions.compat_profile_version || '-'}`);
  }
  say('');
  let problems = 0;
  const rows: string[][] = [];
  for (const [id, t] of tallies) {
    const compared = t.records.length;
    const diffs = t.records.filter((r) => r.status === 'diff').length;
    const errors = t.records.filter((r) => r.status === 'shadow_error').length;
    const bothFailed = t.records.filter((r) => r.status === 'both_failed').length;
    problems += diffs + errors + t.failedUnexpected.length + (t.calls === 0 ? 1 : 0) + t.unmapped;
    const main = t.records.map((r) => r.latency_main_ms);
    const shadow = t.records.map((r) => r.latency_shadow_ms ?? Number.NaN).filter(Number.isFinite);
    const runtimes = t.records[0] ? `${t.records[0].runtime_main} / ${t.records[0].runtime_shadow}` : '-';
    const q = (xs: number[], p: number): number => quantile(xs, p);
    rows.push([
      id, String(t.cases), String(t.calls), String(compared), String(t.calls - compared), String(bothFailed), pct(diffs, compared), pct(errors, compared), runtimes,
      `${ms(q(main, 0.5))} / ${ms(q(main, 0.95))} / ${ms(q(main, 0.99))}`,
      `${ms(q(shadow, 0.5))} / ${ms(q(shadow, 0.95))} / ${ms(q(shadow, 0.99))}`,
      `${ms(q(shadow, 0.5) - q(main, 0.5))} / ${ms(q(shadow, 0.95) - q(main, 0.95))} / ${ms(q(shadow, 0.99) - q(main, 0.99))}`,
    ]);
    const classes = new Map<string, number>();
    for (const r of t.records) if (r.classification) classes.set(`${r.status}:${r.classification}`, (classes.get(`${r.status}:${r.classification}`) ?? 0) + 1);
    if (classes.size > 0) say(`${id}: ${[...classes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    if (t.calls === 0) say(`${id}: the corpus mapper produced no call from ${t.cases} case(s): nothing was compared`);
    if (t.unmapped > 0) say(`${id}: ${t.unmapped} case(s) map to no call`);
    if (t.failedMalformed > 0) say(`${id}: ${t.failedMalformed} call(s) of cases tagged malformed failed on the primary, as such cases may`);
    for (const failure of t.failedUnexpected.slice(0, 20)) say(`${id}: the primary failed on a case not tagged malformed: ${failure}`);
    if (t.failedUnexpected.length > 20) say(`${id}: … and ${t.failedUnexpected.length - 20} more primary failure(s)`);
  }
  say(table(['module', 'cases', 'calls', 'compared', 'not compared', 'both failed', 'diff rate', 'shadow err', 'main / shadow', 'main ms p50/p95/p99', 'shadow ms p50/p95/p99', 'delta ms p50/p95/p99'], rows));
  for (const [id, t] of tallies) say(`\n${id} by kind of call:\n${byLabel(t.records)}`);
  return problems;
}

/** What a run's row keeps per module: the counts its table shows. */
function reportOf(tallies: ReadonlyMap<string, Tally>): Record<string, unknown> {
  return Object.fromEntries(
    [...tallies].map(([id, t]) => [
      id,
      {
        cases: t.cases,
        calls: t.calls,
        unmapped: t.unmapped,
        compared: t.records.length,
        matches: t.records.filter((r) => r.status === 'match').length,
        bothFailed: t.records.filter((r) => r.status === 'both_failed').length,
        diffs: t.records.filter((r) => r.status === 'diff').length,
        shadowErrors: t.records.filter((r) => r.status === 'shadow_error').length,
        primaryFailuresMalformed: t.failedMalformed,
        primaryFailuresUnexpected: t.failedUnexpected.length,
      },
    ]),
  );
}

/** Agreement and speed per kind of call (the corpus mapper's label, stored as the record's route). */
function byLabel(records: readonly DiffRecord[]): string {
  const groups = new Map<string, DiffRecord[]>();
  for (const r of records) {
    const group = groups.get(r.route ?? '-');
    if (group) group.push(r);
    else groups.set(r.route ?? '-', [r]);
  }
  const rows = [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([label, rs]) => {
    const main = rs.map((r) => r.latency_main_ms);
    const shadow = rs.map((r) => r.latency_shadow_ms ?? Number.NaN).filter(Number.isFinite);
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    return [
      label,
      String(rs.length),
      String(rs.filter((r) => r.status === 'match').length),
      String(rs.filter((r) => r.status === 'diff').length),
      String(rs.filter((r) => r.status === 'shadow_error').length),
      ms(quantile(main, 0.5)),
      ms(quantile(shadow, 0.5)),
      sum(shadow) > 0 ? `${(sum(main) / sum(shadow)).toFixed(2)}x` : '-',
    ];
  });
  return table(['call', 'compared', 'agree', 'diff', 'shadow err', 'main ms p50', 'shadow ms p50', 'main/shadow time'], rows);
}
