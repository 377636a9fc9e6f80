// The one vitest project shape every package uses.
import { fileURLToPath } from 'node:url';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

const setup = fileURLToPath(new URL('./vitest.setup.ts', import.meta.url));

export function packageProject(name: string, extra: { testTimeout?: number; globalSetup?: string[]; execArgv?: string[] } = {}): UserWorkspaceConfig {
  return defineProject({
    test: {
      name,
      include: ['test/**/*.test.ts'],
      setupFiles: [setup],
      testTimeout: extra.testTimeout ?? 60_000,
      ...(extra.globalSetup ? { globalSetup: extra.globalSetup } : {}),
      ...(extra.execArgv ? { execArgv: extra.execArgv } : {}),
    },
  });
}
