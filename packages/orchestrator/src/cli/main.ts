// The llms-wasm command line: `replay` (the main job) and `diffs` (query stored records).
import { parseArgs } from 'node:util';
import { diffs, queryOf } from './diffs.js';
import { replay } from './replay.js';
import { retention } from './retention.js';

const USAGE = `usage:
  llms-wasm replay [--modules tokenizer,tools] [--corpus dir] [--db file] [--config file] [--workers n]
      Runs the baseline (default ../shared/corpus) through both runtimes in shadow mode, stores the records
      and prints per module: cases, diff rate, shadow error rate, latency p50/p95/p99 of each runtime and the delta.
      Exit code 1 when any call differed or its shadow failed, a case maps to no call, a module maps no call at
      all, or the primary failed on a case not tagged malformed. Both-failed calls are reported apart.
  llms-wasm diffs [--db file] [--module m] [--operation o] [--tenant t] [--route r] [--ruleset v1]
                  [--request-id id] [--classification c] [--status s] [--from time] [--to time] [--limit n] [--counts] [--json]
      Queries stored records (newest first), or with --counts the counts by module, status and classification.
  llms-wasm retention [--db file] [--full-days n] [--summary-days n]
      Deletes full records and summaries past their retention (the store also does this on a timer).`;

const DEFAULT_DB = 'llms-wasm-diffs.sqlite';

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'replay') {
    const { values } = parseArgs({
      args: [...rest],
      options: { modules: { type: 'string' }, corpus: { type: 'string' }, db: { type: 'string' }, config: { type: 'string' }, workers: { type: 'string' } },
    });
    const problems = await replay({
      db: values.db ?? DEFAULT_DB,
      ...(values.modules ? { modules: values.modules.split(',').map((m) => m.trim()).filter(Boolean) } : {}),
      ...(values.corpus ? { corpus: values.corpus } : {}),
      ...(values.config ? { config: values.config } : {}),
      ...(values.workers ? { workers: Number(values.workers) } : {}),
    });
    return problems === 0 ? 0 : 1;
  }
  if (command === 'diffs') {
    const { values } = parseArgs({
      args: [...rest],
      options: {
        db: { type: 'string' }, module: { type: 'string' }, operation: { type: 'string' }, tenant: { type: 'string' }, route: { type: 'string' },
        ruleset: { type: 'string' }, 'request-id': { type: 'string' }, classification: { type: 'string' }, status: { type: 'string' },
        from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' }, counts: { type: 'boolean' }, json: { type: 'boolean' },
      },
    });
    const { counts, json, db, ...flags } = values;
    diffs({ db: db ?? DEFAULT_DB, filter: queryOf({ ...flags, requestId: flags['request-id'] }), counts: counts ?? false, json: json ?? false });
    return 0;
  }
  if (command === 'retention') {
    const { values } = parseArgs({ args: [...rest], options: { db: { type: 'string' }, 'full-days': { type: 'string' }, 'summary-days': { type: 'string' } } });
    await retention({
      db: values.db ?? DEFAULT_DB,
      ...(values['full-days'] ? { fullDays: Number(values['full-days']) } : {}),
      ...(values['summary-days'] ? { summaryDays: Number(values['summary-days']) } : {}),
    });
    return 0;
  }
  process.stdout.write(`${USAGE}\n`);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`llms-wasm: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
