/** Options every module is compiled with. */
export declare const ASC_FLAGS: readonly string[];
/** Flags for tests and fixtures: the same features, faster to compile. */
export declare const ASC_TEST_FLAGS: readonly string[];
/** sha256 (hex) of bytes. */
export declare function sha256Hex(bytes: Uint8Array): string;
/** Compiles `entry` into `outFile` with the shared flags and a memory cap; writes `<outFile>.sha256`. */
export declare function compileWasm(options: {
  readonly entry: string;
  readonly outFile: string;
  readonly maximumMemoryMb: number;
  readonly cwd?: string;
  readonly flags?: readonly string[];
  readonly quiet?: boolean;
}): Promise<{ bytes: number; sha256: string; maximumMemoryPages: number }>;
/** Writes an AssemblyScript file with one string constant per declared module error code. */
export declare function writeAssemblyErrors(errors: { readonly module: string; readonly codes: readonly string[]; readonly descriptions: Readonly<Record<string, string>> }, outFile: string): string;
