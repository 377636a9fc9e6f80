import type { Implementation, RuntimeInstance } from '@llms-wasm/module-kit';
import { toolsErrors } from './errors.js';
import { asJsonData, firstNonJsonNumber } from './internal/json-result.js';
import { upstreamPackage } from '@llms-wasm/module-kit';
import { LLMS_042, LLMS_06 } from './internal/llms-functions.js';
import { BINDINGS, loadLlmsFunctions } from './internal/llms-functions.js';
import { bindCanonicalizeToolCalls } from './internal/ts-canonicalize-calls.js';
import { bindAssemble } from './internal/ts-stream.js';
import { bindValidate } from './internal/ts-validate.js';
import type { ToolsContracts } from './operations.js';

/** A parsed value llms returned, refused with RESULT_NOT_JSON when JSON cannot carry it. */
function jsonValue(operation: string, value: unknown): { value: unknown } {
  const bad = firstNonJsonNumber(value, '/value');
  if (bad !== null) throw toolsErrors.error('RESULT_NOT_JSON', `tools.${operation}: llms returned a number JSON cannot carry at ${bad}`, { runtime: 'ts', operation, path: bad });
  return { value: asJsonData(value) };
}

/**
 * The TypeScript runtime: every operation is llms code that runs on Linux (the README's binding table;
 * `describe().bindings` lists it too). Inputs are copied before any llms function that mutates its argument.
 * @throws (at load) when llms cannot be imported; module-kit reports it as `RUNTIME_INIT_FAILED`
 */
export async function createTsRuntime(): Promise<RuntimeInstance<ToolsContracts>> {
  const llms = await loadLlmsFunctions();
  const validate = bindValidate(llms);
  const upstream = Object.fromEntries([LLMS_06, LLMS_042].map((name) => [name, upstreamPackage(name, import.meta.url).version]));
  const operations: Implementation<ToolsContracts> = {
    canonicalizeToolCalls: bindCanonicalizeToolCalls({ llms, validate, assemble: bindAssemble(llms) }),
    repairArguments: (input) => {
      const args = llms.repairArgumentsToString(input.arguments);
      return { arguments: args, repaired: !(typeof input.arguments === 'string' && input.arguments === args) };
    },
    parseLenient: (input) => jsonValue('parseLenient', llms.parseLenient(input.value)),
    parseToolArgs: (input) => jsonValue('parseToolArgs', llms.parseToolArgsJson(input.text)),
    normalizeCallId: (input) => {
      const options = { callId: input.callId, fallback: input.fallback };
      return { id: input.kind === 'output' ? llms.normalizeFunctionCallOutputId(options) : llms.normalizeFunctionCallId(options) };
    },
    validateToolCall: (input) => validate(input.name, input.arguments),
    canonicalizeChatResponse: (input) => ({ payload: llms.canonicalizeChatResponseTools(input.payload) }),
    // llms mutates its argument: it gets a copy (a JSON round trip: exact for JSON, and deeper-capable than structuredClone).
    finalizeChatResponse: async (input) => ({ payload: await llms.finalizeOpenAIChatResponse(JSON.parse(JSON.stringify(input.payload)) as unknown) }),
    packShellArgs: (input) => ({ args: llms.packShellArgs(input.args) as { command: string[] } }),
    harvestTextToolCalls: (input) => ({ message: llms.normalizeAssistantTextToToolCalls(input.message) as Record<string, unknown> }),
  };
  return {
    operations,
    facts: () => ({
      bindings: Object.fromEntries(Object.entries(BINDINGS).map(([name, b]) => [name, `${b.pkg} ${b.file} ${b.fn}`])),
      upstream,
    }),
  };
}
