import { randomBytes } from 'node:crypto';
import { createRedactor, openDiffStore } from '@llms-wasm/orchestrator';
import type { CliIo } from '../io.js';

/** Options of `llms-wasm retention`. */
export interface RetentionCommandOptions {
  readonly db: string;
  readonly fullDays?: number;
  readonly summaryDays?: number;
  readonly out: CliIo['out'];
}

/** Applies retention once (the store also applies it on its timer) and prints what was deleted. */
export async function retention(options: RetentionCommandOptions): Promise<void> {
  const out = options.out;
  // Retention writes no records, so the redactor is never used; a one-off key satisfies the store's rule.
  const store = openDiffStore({
    path: options.db,
    redactor: createRedactor({ key: randomBytes(24).toString('hex') }),
    retention: { ...(options.fullDays === undefined ? {} : { fullDays: options.fullDays }), ...(options.summaryDays === undefined ? {} : { summaryDays: options.summaryDays }), intervalMs: 0 },
  });
  try {
    const deleted = await store.applyRetention();
    out.write(`retention on ${options.db}: deleted ${deleted.records} full record(s) and ${deleted.summaries} summary row(s)\n`);
  } finally {
    await store.close();
  }
}
