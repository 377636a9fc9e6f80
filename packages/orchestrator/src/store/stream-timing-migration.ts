import type { Migration } from './schema.js';

/**
 * Schema version 5: records of stream calls keep each runtime's time to first event and inter-event
 * gaps (`stream_timing`, JSON `{ main, shadow }`; null for request/response calls). Decision 0016.
 */
export const STREAM_TIMING_MIGRATION: Migration = {
  version: 5,
  sql: `ALTER TABLE diff_records ADD COLUMN stream_timing TEXT;`,
};
