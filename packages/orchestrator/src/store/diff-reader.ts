import Database from 'better-sqlite3';
import { OrchestratorError } from '../errors.js';
import type { DiffRecord } from '../records/diff-record.js';
import { StoreReader, type ClassificationCount, type DiffQuery, type ModuleSummary } from './queries.js';

/** Read-only access to a diff store file (the `llms-wasm diffs` command, dashboards). */
export interface DiffReader {
  query(filter?: DiffQuery): DiffRecord[];
  countByClassification(filter?: DiffQuery): ClassificationCount[];
  summary(filter?: DiffQuery): ModuleSummary[];
  close(): void;
}

/**
 * Opens an existing store file read-only; nothing is created, migrated or written.
 * @throws OrchestratorError `STORE_FAILED` when the file does not exist or is not a diff store
 */
export function openDiffReader(path: string): DiffReader {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.prepare('SELECT 1 FROM diff_records LIMIT 1').all();
  } catch (error) {
    throw new OrchestratorError('STORE_FAILED', `cannot read the diff store at ${path}: ${(error as Error).message}`, {}, { cause: error });
  }
  const reader = new StoreReader(db);
  return {
    query: (filter) => reader.query(filter),
    countByClassification: (filter) => reader.countByClassification(filter),
    summary: (filter) => reader.summary(filter),
    close: () => db.close(),
  };
}
