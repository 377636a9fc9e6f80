// canonicalizeToolCalls on the TS runtime: each raw entry is read per its format (the contract's
// mapping), then every step is an llms function: stream assembly, text-markup harvesting, id
// normalization, name canonicalization, argument repair and registry validation.
import type { ValidationVerdict } from '../contract.js';
import type { CanonicalToolCall, CanonicalizeToolCallsInput, CanonicalizeToolCallsOutput, NotBoundStep, RawToolCall } from '../contract-calls.js';
import type { LlmsFunctions } from './llms-functions.js';
import type { AssembledCall } from './ts-stream.js';

/** The fields a raw call is read from, before any llms step. */
interface Extracted {
  readonly id: unknown;
  readonly name: unknown;
  readonly arguments: unknown;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The reasoning-text step no Linux llms code performs. */
export const REASONING_HARVEST: Omit<NotBoundStep, 'source'> = {
  step: 'harvest tool calls from reasoning text',
  needs: 'normalizeMessageReasoningToolsJson',
};

/** A chat `tool_calls[i]` entry's fields. */
function fromChat(call: unknown): Extracted {
  const c = isRecord(call) ? call : {};
  const fn = isRecord(c['function']) ? c['function'] : {};
  return { id: c['id'], name: fn['name'], arguments: fn['arguments'] };
}

export interface CanonicalizeDeps {
  readonly llms: LlmsFunctions;
  readonly validate: (name: string, args: string) => ValidationVerdict;
  readonly assemble: (raw: Extract<RawToolCall, { format: 'responses_sse' }>) => AssembledCall | null;
}

export function bindCanonicalizeToolCalls({ llms, validate, assemble }: CanonicalizeDeps): (input: CanonicalizeToolCallsInput) => CanonicalizeToolCallsOutput {
  const canonical = (source: number, format: CanonicalToolCall['format'], raw: Extracted): CanonicalToolCall => {
    const id = llms.normalizeFunctionCallId({ callId: raw.id });
    const name = llms.canonicalizeToolName(typeof raw.name === 'string' ? raw.name : '');
    const args = llms.repairArgumentsToString(raw.arguments);
    const repaired = !(typeof raw.arguments === 'string' && raw.arguments === args);
    return { source, format, id, name, arguments: args, repaired, validation: validate(name, args) };
  };

  return (input) => {
    const calls: CanonicalToolCall[] = [];
    const notBound: NotBoundStep[] = [];
    input.calls.forEach((raw, source) => {
      switch (raw.format) {
        case 'chat':
          calls.push(canonical(source, 'chat', fromChat(raw.call)));
          break;
        case 'responses':
          calls.push(canonical(source, 'responses', { id: raw.item.call_id, name: raw.item.name, arguments: raw.item.arguments }));
          break;
        case 'anthropic':
          calls.push(canonical(source, 'anthropic', { id: raw.block.id, name: raw.block.name, arguments: raw.block.input }));
          break;
        case 'responses_sse': {
          const built = assemble(raw);
          if (built !== null) calls.push(canonical(source, 'responses_sse', { id: built.callId, name: built.name, arguments: built.arguments }));
          break;
        }
        case 'text': {
          if (raw.field === 'reasoning_content') {
            notBound.push({ source, ...REASONING_HARVEST });
            break;
          }
          const message = llms.normalizeAssistantTextToToolCalls({ role: 'assistant', content: raw.text });
          const found = isRecord(message) && Array.isArray(message['tool_calls']) ? message['tool_calls'] : [];
          for (const call of found) calls.push(canonical(source, 'text', fromChat(call)));
          break;
        }
      }
    });
    return { calls, notBound };
  };
}
