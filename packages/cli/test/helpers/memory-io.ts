// A CliIo that keeps what a command writes, for tests that run commands in this process.
import type { CliIo } from '../../src/io.js';

export function memoryIo(env: Record<string, string | undefined> = {}, cwd = process.cwd()): CliIo & { stdout(): string; stderr(): string } {
  let out = '';
  let err = '';
  return {
    out: { write: (text: string) => (out += text) },
    err: { write: (text: string) => (err += text), isTTY: false },
    env,
    cwd,
    stdout: () => out,
    stderr: () => err,
  };
}
