import Database from 'better-sqlite3';
import { OrchestratorError } from '../errors.js';
import type { GateWindow } from '../gates/window.js';
import type { DiffRecord } from '../records/diff-record.js';
import type { ReplayRun } from '../records/replay-run.js';
import { identifierNeedsHash } from '../redact/identifier.js';
import type { Redactor } from '../redact/redactor.js';
import type { Evidence, EvidenceQuery } from './window-query.js';
import { StoreReader, type ClassificationCount, type DiffQuery, type IdentifierLookup, type ModuleSummary } from './queries.js';

/** Read-only access to a diff store file (the `llms-wasm diffs` command, dashboards). */
export interface DiffReader {
  query(filter?: DiffQuery): DiffRecord[];
  countByClassification(filter?: DiffQuery): ClassificationCount[];
  summary(filter?: DiffQuery): ModuleSummary[];
  /** One module's outcomes over `[from, to)` from the minute summaries (what the gates read). @throws OrchestratorError `QUERY_INVALID`. */
  window(module: string, from: number, to: number): GateWindow;
  /** A gate evaluation's evidence (raw module id): windows, top diff paths, versions, first minute. @throws OrchestratorError `QUERY_INVALID`. */
  evidence(query: EvidenceQuery): Evidence;
  /** Replay runs with their version snapshots, newest first. */
  runs(limit?: number): ReplayRun[];
  close(): void;
}

/** Options of `openDiffReader`. */
export interface DiffReaderOptions {
  /**
   * The redactor the records were stored with (same key), so lookups by an identifier that is stored
   * hashed (`hid:…`, decision 0008) find it. Without it, such a lookup is refused with `QUERY_INVALID`
   * (identifiers stored as they are need no key).
   */
  readonly redactor?: Redactor;
}

function keylessLookup(): IdentifierLookup {
  const needsHash = identifierNeedsHash();
  return (value, field) => {
    if (!needsHash(value)) return value;
    throw new OrchestratorError(
      'QUERY_INVALID',
      `the ${field} given is stored as a keyed hash (it breaks the identifier grammar or carries a credential or PII): open the reader with the redaction key to look it up`,
      { path: `/${field}` },
    );
  };
}

/**
 * Opens an existing store file read-only; nothing is created, migrated or written.
 * @throws OrchestratorError `STORE_FAILED` when the file does not exist or is not a diff store
 */
export function openDiffReader(path: string, options: DiffReaderOptions = {}): DiffReader {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.prepare('SELECT 1 FROM diff_records LIMIT 1').all();
  } catch (error) {
    throw new OrchestratorError('STORE_FAILED', `cannot read the diff store at ${path}: ${(error as Error).message}`, {}, { cause: error });
  }
  const redactor = options.redactor;
  const reader = new StoreReader(db, redactor ? (value) => redactor.identifier(value) : keylessLookup());
  return {
    query: (filter) => reader.query(filter),
    countByClassification: (filter) => reader.countByClassification(filter),
    summary: (filter) => reader.summary(filter),
    window: (module, from, to) => reader.window(module, from, to),
    evidence: (query) => reader.evidence(query),
    runs: (limit) => reader.runs(limit),
    close: () => db.close(),
  };
}
