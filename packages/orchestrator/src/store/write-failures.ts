/** Why records were not written. */
export type WriteFailureReason =
  | 'disk_full'
  | 'readonly'
  | 'constraint'
  | 'busy'
  | 'io'
  | 'worker_crash'
  | 'timeout'
  | 'redaction'
  | 'invalid_record'
  | 'closed'
  | 'unknown';

/** Every reason, for zero-filled counters. */
export const WRITE_FAILURE_REASONS: readonly WriteFailureReason[] = [
  'disk_full',
  'readonly',
  'constraint',
  'busy',
  'io',
  'worker_crash',
  'timeout',
  'redaction',
  'invalid_record',
  'closed',
  'unknown',
];

/** Maps a SQLite (or writer) error code to a reason: `SQLITE_FULL` -> `disk_full`, `SQLITE_READONLY_*` -> `readonly` … */
export function failureReason(code: string): WriteFailureReason {
  if (code === 'SQLITE_FULL') return 'disk_full';
  if (code.startsWith('SQLITE_READONLY')) return 'readonly';
  if (code.startsWith('SQLITE_CONSTRAINT')) return 'constraint';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (/^SQLITE_(?:IOERR|CANTOPEN|CORRUPT|NOTADB|PERM|PROTOCOL)/.test(code)) return 'io';
  if (code === 'WORKER_CRASH') return 'worker_crash';
  if (code === 'WORKER_TIMEOUT') return 'timeout';
  if (code === 'STORE_CLOSED') return 'closed';
  if (code === 'INVALID_RECORD') return 'invalid_record';
  if (code === 'REDACTION_FAILED') return 'redaction';
  return 'unknown';
}
