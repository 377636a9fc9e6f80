import { defineConfig } from 'vitest/config';

// One vitest run over every package (each package is a project: `packages/<name>/vitest.config.ts`).
export default defineConfig({
  test: {
    projects: ['packages/*'],
  },
});
