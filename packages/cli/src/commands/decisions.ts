import { openLifecycleStore, type DecisionRecord, type RecordKind } from '@llms-wasm/orchestrator';
import { table } from '../format.js';
import { UsageError, type CliIo } from '../io.js';
import { parseTime } from './diffs.js';
import { storeTarget } from './store-target.js';

/** Options of `llms-wasm decisions`. */
export interface DecisionsOptions {
  readonly db?: string;
  readonly config?: string;
  readonly module?: string;
  readonly kind?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: string;
  /** Include holds (every evaluation writes one); default: promotions, rollbacks, approvals and releases. */
  readonly holds?: boolean;
  readonly json?: boolean;
  readonly io: CliIo;
}

const KINDS: readonly RecordKind[] = ['promotion', 'hold', 'rollback', 'approval', 'release'];

/** Prints decision records, newest first (`--json`: the records as stored). */
export function decisions(options: DecisionsOptions): DecisionRecord[] {
  const target = storeTarget('decisions', options, options.io);
  if (options.kind !== undefined && !(KINDS as readonly string[]).includes(options.kind)) throw new UsageError(`decisions: --kind must be one of ${KINDS.join(', ')}`);
  const limit = options.limit === undefined ? 100 : Number(options.limit);
  const from = parseTime(options.from, '--from');
  const to = parseTime(options.to, '--to');
  const store = openLifecycleStore(target.db, { readonly: true });
  let records: DecisionRecord[];
  try {
    const all = store.decisions({
      ...(options.module === undefined ? {} : { module: options.module }),
      ...(options.kind === undefined ? {} : { kind: options.kind as RecordKind }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      limit: options.kind === undefined && options.holds !== true ? 10_000 : limit,
    });
    records = (options.kind === undefined && options.holds !== true ? all.filter((r) => r.kind !== 'hold') : all).slice(0, limit);
  } finally {
    store.close();
  }
  if (options.json === true) options.io.out.write(`${JSON.stringify(records, null, 2)}\n`);
  else {
    options.io.out.write(
      `${table(
        ['id', 'at', 'kind', 'outcome', 'stage', 'trigger', 'by', 'reasons'],
        records.map((r) => [r.id, new Date(r.at).toISOString(), r.kind, r.outcome, `${r.stageBefore} → ${r.stageAfter}`, r.trigger, r.actor ?? '-', r.reasons.join('; ')]),
      )}\n${records.length} record(s)${options.holds === true || options.kind !== undefined ? '' : ' (holds hidden: --holds shows them)'}\n`,
    );
  }
  return records;
}
