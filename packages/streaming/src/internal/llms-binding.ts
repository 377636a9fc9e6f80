import { upstreamPackage } from '@llms-wasm/module-kit';

/** The two llms packages the streaming module binds to. */
export const LLMS_06 = '@jsonstudio/llms';
export const LLMS_042 = 'rcc-llmswitch-core';

/** The installed version of an llms package. */
export function installedVersion(name: typeof LLMS_06 | typeof LLMS_042): string {
  return upstreamPackage(name, import.meta.url).version;
}

/** Imports one file of an installed llms package by path (the "imported by path" bindings of docs/module-boundaries.md). */
export function importLlmsFile<T>(name: typeof LLMS_06 | typeof LLMS_042, file: string): Promise<T> {
  return upstreamPackage(name, import.meta.url).importFile<T>(file);
}
