// Shared by the test files: the runtimes every known answer is checked on.
import type { RuntimeKind } from '@llms-wasm/module-kit';

/** Both runtimes: a known answer holds on each of them. */
export const RUNTIMES: readonly RuntimeKind[] = ['ts', 'wasm'];
