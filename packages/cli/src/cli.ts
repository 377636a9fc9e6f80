// The llms-wasm command line: `replay` (the main job), `diffs`, `retention`, `status`, `rollback`, `clear-override`,
// and the lifecycle's `gates`, `promote`, `decisions`.
import { parseArgs } from 'node:util';
import { CONFIG_DEFAULTS, createRedactor, isOrchestratorError, type Clock } from '@llms-wasm/orchestrator';
import { clearOverride } from './commands/clear-override.js';
import { decisions } from './commands/decisions.js';
import { gates } from './commands/gates.js';
import { promote } from './commands/promote.js';
import { diffs, queryOf } from './commands/diffs.js';
import { replay } from './commands/replay.js';
import { retention } from './commands/retention.js';
import { rollback } from './commands/rollback.js';
import { status } from './commands/status.js';
import { DEFAULT_DB } from './commands/store-target.js';
import { processIo, UsageError, type CliIo } from './io.js';
import { KNOWN_MODULES, moduleList } from './known-modules.js';

/** What `llms-wasm help` prints. */
export const USAGE = `usage:
  llms-wasm replay [--modules tokenizer,tools] [--corpus dir] [--db file] [--config file] [--workers n] [--seed n]
      Runs the baseline (default ../shared/corpus) through both runtimes in shadow mode, stores the records
      and prints per module: cases, diff rate, shadow error rate, latency p50/p95/p99 of each runtime and the delta.
      Streams also run through the module's stream operation, as captured and re-chunked as bytes at three
      seeded random cut sets (--seed, default 1; cuts inside UTF-8 sequences and CRLFs included).
      Modules: ${KNOWN_MODULES.join(', ')} (default: every one installed, @llms-wasm/<id> from the working
      directory, else the CLI's own); --config replays the modules a config file names instead.
      Exit code 1 when any call differed or its shadow failed, a case maps to no call, a module maps no call at
      all, or the primary failed on a case not tagged malformed. Both-failed calls are reported apart.
  llms-wasm diffs [--db file] [--module m] [--operation o] [--tenant t] [--route r] [--ruleset v1]
                  [--request-id id] [--classification c] [--status s] [--from time] [--to time] [--limit n] [--counts] [--json]
      Queries stored records (newest first), or with --counts the counts by module, status and classification.
      Identifiers are stored as they are unless they carry a credential or PII (then as a keyed hash): with
      LLMS_WASM_REDACTION_KEY set, such an id is found by its raw value too.
  llms-wasm retention [--db file] [--full-days n] [--summary-days n]
      Deletes full records and summaries past their retention (the store also does this on a timer).
  llms-wasm status [--json] [--db file] [--config file]
      Modes in force per module, the overrides in force (who, why, when), and every orchestrator that reported
      on the store in the last day with its runtimes' health (live, stale or stopped). --json: docs/status.md.
  llms-wasm rollback (--module m[,m] | --all) [--tenant t | --route r] --reason "..." [--db file] [--config file]
      Forces a locked ts_primary for the modules (at global scope, or for one tenant or route), recorded as
      user@host with the reason. Every orchestrator on the store applies it within its poll interval (1 s by
      default) and after restarts. Before a gateway starts, LLMS_WASM_ROLLBACK=all (or =tokenizer,tools) does it.
  llms-wasm clear-override (--module m[,m] | --all) [--tenant t | --route r] --reason "..." [--db file] [--config file]
  llms-wasm clear-override --id n --reason "..." [--db file]
      Lifts overrides (the rows stay in the store, marked cleared by user@host). Exit code 1 when none matched.
  llms-wasm gates [--module m] [--json] [--db file] [--config file] [--at time]
      Evaluates each module's gates now (or at a past time: a dry run over history) from the store's summaries
      and stored lifecycle state, and prints per criterion value, bound, threshold and verdict (pass | fail |
      inconclusive) and the decision (promote | hold | rollback). Writes nothing. Settings: the config's
      lifecycle section, else the defaults (docs/acceptance-thresholds.md).
  llms-wasm promote --module m [--to stage] --reason "..." [--db file] [--config file]
      Approves the promotion waiting for approval, else promotes one stage by hand (never into removed, which
      only follows an approval). Recorded as user@host. Exit code 1 when refused.
  llms-wasm decisions [--module m] [--kind k] [--holds] [--from time] [--to time] [--limit n] [--json] [--db file]
      Decision records, newest first: promotions, rollbacks, approvals, releases (--holds: every evaluation's hold too).
  The store is --db, else the config's store.path, else ${DEFAULT_DB} in the working directory.`;

/** Options of `runCli` beyond the process's own (tests). */
export interface RunOptions {
  readonly io?: CliIo;
  /** The replay's shadow timeouts and drain deadlines (default: the system clock). */
  readonly clock?: Clock;
}

const scopeOptions = {
  module: { type: 'string' },
  all: { type: 'boolean' },
  tenant: { type: 'string' },
  route: { type: 'string' },
  reason: { type: 'string' },
  db: { type: 'string' },
  config: { type: 'string' },
} as const;

async function dispatch(argv: readonly string[], io: CliIo, clock: Clock | undefined): Promise<number> {
  const [command, ...rest] = argv;
  const args = [...rest];
  switch (command) {
    case 'replay': {
      const { values } = parseArgs({ args, options: { modules: { type: 'string' }, corpus: { type: 'string' }, db: { type: 'string' }, config: { type: 'string' }, workers: { type: 'string' }, seed: { type: 'string' } } });
      const problems = await replay({
        db: values.db ?? DEFAULT_DB,
        io,
        ...(values.modules === undefined ? {} : { modules: moduleList(values.modules) }),
        ...(values.corpus === undefined ? {} : { corpus: values.corpus }),
        ...(values.config === undefined ? {} : { config: values.config }),
        ...(values.workers === undefined ? {} : { workers: Number(values.workers) }),
        ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
        ...(clock === undefined ? {} : { clock }),
      });
      return problems === 0 ? 0 : 1;
    }
    case 'diffs': {
      const { values } = parseArgs({
        args,
        options: {
          db: { type: 'string' }, module: { type: 'string' }, operation: { type: 'string' }, tenant: { type: 'string' }, route: { type: 'string' },
          ruleset: { type: 'string' }, 'request-id': { type: 'string' }, classification: { type: 'string' }, status: { type: 'string' },
          from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' }, counts: { type: 'boolean' }, json: { type: 'boolean' },
        },
      });
      const { counts, json, db, ...flags } = values;
      // With the redaction key, an identifier stored hashed (decision 0008) is found by its raw value too.
      const key = io.env[CONFIG_DEFAULTS.store.redaction.keyEnv];
      diffs({ db: db ?? DEFAULT_DB, filter: queryOf({ ...flags, requestId: flags['request-id'] }), counts: counts ?? false, json: json ?? false, out: io.out, ...(key ? { redactor: createRedactor({ key }) } : {}) });
      return 0;
    }
    case 'retention': {
      const { values } = parseArgs({ args, options: { db: { type: 'string' }, 'full-days': { type: 'string' }, 'summary-days': { type: 'string' } } });
      await retention({
        db: values.db ?? DEFAULT_DB,
        out: io.out,
        ...(values['full-days'] ? { fullDays: Number(values['full-days']) } : {}),
        ...(values['summary-days'] ? { summaryDays: Number(values['summary-days']) } : {}),
      });
      return 0;
    }
    case 'status': {
      const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, db: { type: 'string' }, config: { type: 'string' } } });
      status({ io, json: values.json ?? false, ...(values.db === undefined ? {} : { db: values.db }), ...(values.config === undefined ? {} : { config: values.config }) });
      return 0;
    }
    case 'rollback': {
      const { values } = parseArgs({ args, options: scopeOptions });
      rollback(values, io);
      return 0;
    }
    case 'gates': {
      const { values } = parseArgs({ args, options: { module: { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' }, config: { type: 'string' }, at: { type: 'string' } } });
      const key = io.env[CONFIG_DEFAULTS.store.redaction.keyEnv];
      gates({ io, json: values.json ?? false, ...(values.module === undefined ? {} : { module: values.module }), ...(values.db === undefined ? {} : { db: values.db }), ...(values.config === undefined ? {} : { config: values.config }), ...(values.at === undefined ? {} : { at: values.at }), ...(key ? { redactor: createRedactor({ key }) } : {}) });
      return 0;
    }
    case 'promote': {
      const { values } = parseArgs({ args, options: { module: { type: 'string' }, to: { type: 'string' }, reason: { type: 'string' }, db: { type: 'string' }, config: { type: 'string' } } });
      const records = promote({ ...values, io });
      return records.some((r) => r.outcome === 'refused') ? 1 : 0;
    }
    case 'decisions': {
      const { values } = parseArgs({
        args,
        options: { module: { type: 'string' }, kind: { type: 'string' }, holds: { type: 'boolean' }, from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' }, config: { type: 'string' } },
      });
      decisions({ ...values, io });
      return 0;
    }
    case 'clear-override': {
      const { values } = parseArgs({ args, options: { ...scopeOptions, id: { type: 'string' } } });
      return clearOverride(values, io).length > 0 ? 0 : 1;
    }
    default:
      io.out.write(`${USAGE}\n`);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

/**
 * Runs one `llms-wasm` command; resolves to its exit code (0 ok, 1 the command found problems, 2 bad use
 * or a failure, explained on stderr without a stack).
 * @example
 * process.exitCode = await runCli(['status', '--json']);
 */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<number> {
  const io = options.io ?? processIo();
  try {
    return await dispatch(argv, io, options.clock);
  } catch (error) {
    const known = error instanceof UsageError || isOrchestratorError(error) || (error as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS') === true;
    io.err.write(`llms-wasm: ${error instanceof Error ? (known ? error.message : (error.stack ?? error.message)) : String(error)}\n`);
    return 2;
  }
}
