import type { MessagePort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { OrchestratorError } from '../errors.js';
import { evidenceOf, type Evidence, type EvidenceQuery } from './window-query.js';
import { writerCore, type BatchResult, type RetentionCounts, type WriteBatch, type WriterCore, type WriterSql } from './writer-core.js';

/** A producer of relayed records (a shadow worker), served a port to each writer thread, or null while there is none. */
export type RelayClient = (port: MessagePort | null, generation: number) => void;

/** What the store's pipeline hears about relayed records (decision 0018). */
export interface RelaySink {
  /** The writer thread of `generation` wrote (or failed) records that came on its relay ports. */
  done(generation: number, result: BatchResult): void;
  /** The writer thread of `generation` is gone (`WORKER_CRASH`, `WORKER_TIMEOUT`, `STORE_CLOSED`): what it did not report is lost. */
  retired(generation: number, code: string, message: string): void;
}

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
  /** The record relay (a writer thread only): ports for producers, and what the pipeline is told. */
  connectRelay?(client: RelayClient): () => void;
  /** Tells `sink` what becomes of relayed records. */
  onRelay?(sink: RelaySink): void;
  watchRelay?(active: boolean): void;
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
