import type Database from 'better-sqlite3';
import { OrchestratorError } from '../errors.js';
import { evidenceOf, type Evidence, type EvidenceQuery } from './window-query.js';
import { writerCore, type BatchResult, type RetentionCounts, type WriteBatch, type WriterCore, type WriterSql } from './writer-core.js';

/** Where the store sends batches: the writer worker, or (for `:memory:`) the main thread. */
export interface BatchWriter {
  /**
   * Writes one batch. Never rejects: every failure comes back counted in the result. `transfer` lists
   * buffers of the batch (payload bytes) that move to the writer instead of being copied; they are
   * unusable here afterwards.
   */
  write(batch: WriteBatch, transfer?: readonly ArrayBuffer[]): Promise<BatchResult>;
  /** Runs one retention chunk (see `WriterCore.retain`). @throws OrchestratorError `STORE_FAILED`. */
  retain(recordsBefore: number, summariesBefore: number, limit: number): Promise<RetentionCounts>;
  /** Reads a gate evaluation's evidence on the writer's connection (off the caller's thread for a file). @throws OrchestratorError `QUERY_INVALID`, `STORE_FAILED`. */
  evidence(query: EvidenceQuery): Promise<Evidence>;
  /** Finishes in-flight work and releases the connection. */
  close(): Promise<void>;
  /** How many times a crashed writer was replaced. */
  readonly restarts: number;
}

/**
 * The `:memory:` writer: an in-memory database exists only inside its one connection, so reads and writes
 * share it on the main thread. Batches still run after the caller's turn (the store schedules them),
 * and there is no disk to block on.
 */
export class InlineWriter implements BatchWriter {
  readonly restarts = 0;
  readonly #core: WriterCore;
  readonly #db: Database.Database;

  constructor(db: Database.Database, sql: WriterSql) {
    this.#db = db;
    this.#core = writerCore(db, sql);
  }

  write(batch: WriteBatch): Promise<BatchResult> {
    return Promise.resolve(this.#core.write(batch));
  }

  retain(recordsBefore: number, summariesBefore: number, limit: number): Promise<RetentionCounts> {
    try {
      return Promise.resolve(this.#core.retain(recordsBefore, summariesBefore, limit));
    } catch (error) {
      return Promise.reject(new OrchestratorError('STORE_FAILED', 'retention failed', {}, { cause: error }));
    }
  }

  evidence(query: EvidenceQuery): Promise<Evidence> {
    try {
      return Promise.resolve(evidenceOf(this.#db, query));
    } catch (error) {
      return Promise.reject(error instanceof OrchestratorError ? error : new OrchestratorError('STORE_FAILED', 'evidence read failed', {}, { cause: error }));
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
