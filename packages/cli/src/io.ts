import { pipeTolerant } from './broken-pipe.js';

/** Where a command reads its environment and writes its output (the process by default; tests pass their own). */
export interface CliIo {
  /** Results: tables, JSON. */
  readonly out: { write(text: string): unknown };
  /** Progress, notes and errors. */
  readonly err: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths and package specifiers of the defaults resolve from here. */
  readonly cwd: string;
}

/** The process's own streams (results tolerate a closed pipe), environment and working directory. */
export function processIo(): CliIo {
  return { out: pipeTolerant(process.stdout, process.stderr), err: process.stderr, env: process.env, cwd: process.cwd() };
}

/** A failure of the command's use (bad flag, unknown module, missing store): exit code 2, no stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
