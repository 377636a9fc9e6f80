// Every llms function the TS runtime calls, with the package and file it comes from. This table is the
// binding recorded in the README and docs/module-boundaries.md.
import { upstreamPackage } from '@llms-wasm/module-kit';

/** The two llms packages the module binds to. */
export const LLMS_06 = '@jsonstudio/llms';
export const LLMS_042 = 'rcc-llmswitch-core';

/** Where one bound function lives. */
export interface Binding {
  readonly pkg: string;
  readonly file: string;
  readonly fn: string;
}

export const BINDINGS: {
  readonly repairArgumentsToString: Binding;
  readonly parseLenient: Binding;
  readonly parseToolArgsJson: Binding;
  readonly normalizeFunctionCallId: Binding;
  readonly normalizeFunctionCallOutputId: Binding;
  readonly validateToolCall: Binding;
  readonly canonicalizeToolName: Binding;
  readonly canonicalizeChatResponseTools: Binding;
  readonly finalizeOpenAIChatResponse: Binding;
  readonly packShellArgs: Binding;
  readonly normalizeAssistantTextToToolCalls: Binding;
  readonly createResponseBuilder: Binding;
} = {
  repairArgumentsToString: { pkg: `${LLMS_042}@0.4.2`, file: 'dist/conversion/shared/jsonish.js', fn: 'repairArgumentsToString' },
  parseLenient: { pkg: `${LLMS_042}@0.4.2`, file: 'dist/conversion/shared/jsonish.js', fn: 'parseLenient' },
  parseToolArgsJson: { pkg: `${LLMS_06}@0.6.3689`, file: 'dist/tools/args-json.js', fn: 'parseToolArgsJson' },
  normalizeFunctionCallId: { pkg: `${LLMS_042}@0.4.2`, file: 'dist/conversion/shared/responses-id-utils.js', fn: 'normalizeFunctionCallId' },
  normalizeFunctionCallOutputId: { pkg: `${LLMS_042}@0.4.2`, file: 'dist/conversion/shared/responses-id-utils.js', fn: 'normalizeFunctionCallOutputId' },
  validateToolCall: { pkg: `${LLMS_06}@0.6.3689`, file: 'dist/tools/tool-registry.js', fn: 'validateToolCall' },
  canonicalizeToolName: { pkg: `${LLMS_06}@0.6.3689`, file: 'dist/router/virtual-router/tool-signals.js', fn: 'canonicalizeToolName' },
  canonicalizeChatResponseTools: { pkg: `${LLMS_042}@0.4.2`, file: 'dist/conversion/shared/tool-canonicalizer.js', fn: 'canonicalizeChatResponseTools' },
  finalizeOpenAIChatResponse: { pkg: `${LLMS_042}@0.4.2`, file: 'dist/conversion/shared/openai-finalizer.js', fn: 'finalizeOpenAIChatResponse' },
  packShellArgs: { pkg: `${LLMS_042}@0.4.2`, file: 'dist/conversion/shared/tooling.js', fn: 'packShellArgs' },
  normalizeAssistantTextToToolCalls: { pkg: `${LLMS_042}@0.4.2`, file: 'dist/conversion/shared/text-markup-normalizer.js', fn: 'normalizeAssistantTextToToolCalls' },
  createResponseBuilder: { pkg: `${LLMS_06}@0.6.3689`, file: 'dist/sse/sse-to-json/builders/response-builder.js', fn: 'createResponseBuilder' },
};

/** A Responses stream builder as llms 0.6 implements it (only what the module uses). */
export interface ResponseBuilder {
  processEvent(event: { type: string; sequenceNumber: number; timestamp: number; data: unknown }): boolean;
  getResult(): { success: boolean; response?: { output?: unknown } };
}

/** The llms functions, loaded. */
export interface LlmsFunctions {
  readonly repairArgumentsToString: (value: unknown) => string;
  readonly parseLenient: (value: unknown) => unknown;
  readonly parseToolArgsJson: (input: unknown) => unknown;
  readonly normalizeFunctionCallId: (options: { callId?: unknown; fallback?: unknown }) => string;
  readonly normalizeFunctionCallOutputId: (options: { callId?: unknown; fallback?: unknown }) => string;
  readonly validateToolCall: (name: string, argsString: string) => Record<string, unknown>;
  readonly canonicalizeToolName: (raw: string) => string;
  readonly canonicalizeChatResponseTools: (payload: unknown) => unknown;
  readonly finalizeOpenAIChatResponse: (payload: unknown) => Promise<unknown>;
  readonly packShellArgs: (input: Record<string, unknown>) => Record<string, unknown>;
  readonly normalizeAssistantTextToToolCalls: (message: unknown) => unknown;
  readonly createResponseBuilder: () => ResponseBuilder;
}

const packageOf = (b: Binding): string => (b.pkg.startsWith(LLMS_06) ? LLMS_06 : LLMS_042);

/**
 * Imports every bound function.
 * @throws when a package or file is missing or a function is not exported (a runtime init failure)
 */
export async function loadLlmsFunctions(): Promise<LlmsFunctions> {
  const files = new Map<string, Record<string, unknown>>();
  const out: Record<string, unknown> = {};
  for (const [name, binding] of Object.entries(BINDINGS)) {
    const key = `${binding.pkg}/${binding.file}`;
    let mod = files.get(key);
    if (!mod) {
      mod = await upstreamPackage(packageOf(binding), import.meta.url).importFile<Record<string, unknown>>(binding.file);
      files.set(key, mod);
    }
    const fn = mod[binding.fn];
    if (typeof fn !== 'function') throw new Error(`${key} does not export a function ${binding.fn}`);
    out[name] = fn;
  }
  return out as unknown as LlmsFunctions;
}
