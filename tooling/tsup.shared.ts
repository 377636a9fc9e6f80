// The one build configuration every package uses. Swapping the bundler (tsdown is tsup's successor)
// means editing this file only.
import { defineConfig, type Options } from 'tsup';

export function packageBuild(entry: Record<string, string>, extra: Options = {}): ReturnType<typeof defineConfig> {
  return defineConfig({
    entry,
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: false,
    splitting: true,
    treeshake: true,
    ...extra,
  });
}
