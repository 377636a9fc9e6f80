// Per-test scratch space: store files in fresh temporary folders, and things to close, all released after
// each test (closers first, newest first, then the folders).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** Registers the cleanup for the calling test file. */
export function scratch(prefix: string): { tempDb: () => string; later: (close: () => unknown) => void } {
  let dirs: string[] = [];
  let closers: (() => unknown)[] = [];
  afterEach(async () => {
    for (const close of closers.reverse()) await close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    dirs = [];
    closers = [];
  });
  return {
    tempDb: () => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return join(dir, 'store.sqlite');
    },
    later: (close) => closers.push(close),
  };
}
