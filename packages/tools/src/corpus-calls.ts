import type { CorpusCall, CorpusMapper, InputOf } from '@llms-wasm/module-kit';
import type { RawToolCall, StreamedItem } from './contract-calls.js';
import type { ToolsContracts, ToolsOperation } from './operations.js';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

type ToolsCorpusCall = CorpusCall<ToolsContracts>;

const call = <K extends ToolsOperation>(operation: K, input: InputOf<ToolsContracts, K>, label: string): ToolsCorpusCall =>
  ({ operation, input, label }) as ToolsCorpusCall;

/** A corpus `tool_calls[i]` entry: `{id, name, arguments}` as emitted. */
interface EmittedCall {
  readonly id: unknown;
  readonly name: unknown;
  readonly arguments: unknown;
}

/** The finer operations on one emitted call: repair, both parsers, id, validation, and shell packing for shell-like arguments. */
function perCallCalls(c: EmittedCall, i: number): ToolsCorpusCall[] {
  const at = `call[${i}]`;
  const out: ToolsCorpusCall[] = [
    call('repairArguments', { arguments: c.arguments }, `${at}/repair`),
    call('parseLenient', { value: c.arguments }, `${at}/parse-lenient`),
    call('normalizeCallId', { callId: c.id }, `${at}/call-id`),
    call('normalizeCallId', { callId: c.id, kind: 'output' }, `${at}/output-id`),
  ];
  const args = typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments ?? {});
  out.push(call('parseToolArgs', { text: args }, `${at}/parse-tool-args`));
  out.push(call('validateToolCall', { name: typeof c.name === 'string' ? c.name : '', arguments: args }, `${at}/validate`));
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    parsed = undefined;
  }
  if (isRecord(parsed) && ('command' in parsed || 'cmd' in parsed)) {
    const shell = 'command' in parsed ? parsed : { ...parsed, command: parsed['cmd'] };
    out.push(call('packShellArgs', { args: shell }, `${at}/pack-shell`));
  }
  return out;
}

/** Chat-response calls for one assistant message: the invariants, the finalizer and the text harvester. */
function messageCalls(message: Json, finishReason: unknown, label: string): ToolsCorpusCall[] {
  const payload = { choices: [{ index: 0, message, finish_reason: finishReason ?? null }] };
  return [
    call('canonicalizeChatResponse', { payload }, `${label}/chat-invariants`),
    call('finalizeChatResponse', { payload }, `${label}/finalize`),
    call('harvestTextToolCalls', { message }, `${label}/harvest`),
  ];
}

/** Raw calls of an OpenAI Responses `output` array: function_call items and chat-shaped `tool_call` content parts. */
function responsesRaw(output: unknown[]): RawToolCall[] {
  const raw: RawToolCall[] = [];
  for (const item of output) {
    if (!isRecord(item)) continue;
    if (item['type'] === 'function_call') raw.push({ format: 'responses', item });
    if (item['type'] === 'message' && Array.isArray(item['content'])) {
      for (const part of item['content']) {
        if (isRecord(part) && part['type'] === 'tool_call' && isRecord(part['tool_call'])) raw.push({ format: 'chat', call: part['tool_call'] });
      }
    }
  }
  return raw;
}

/** The raw entries of one case, per its `format`. */
function rawCalls(input: Json): { raw: RawToolCall[]; extra: ToolsCorpusCall[] } {
  const emitted = isRecord(input['emitted']) ? input['emitted'] : {};
  const extra: ToolsCorpusCall[] = [];
  switch (input['format']) {
    case 'openai-chat.message.tool_calls': {
      extra.push(...messageCalls(emitted, input['finish_reason'], 'message'));
      const calls = Array.isArray(emitted['tool_calls']) ? emitted['tool_calls'] : [];
      return { raw: calls.filter(isRecord).map((c) => ({ format: 'chat', call: c })), extra };
    }
    case 'openai-responses.output': {
      const required = isRecord(emitted['required_action']) && isRecord(emitted['required_action']['submit_tool_outputs']) ? emitted['required_action']['submit_tool_outputs']['tool_calls'] : undefined;
      if (Array.isArray(required)) {
        const asChat: RawToolCall[] = required.filter(isRecord).map((c) => ({ format: 'chat', call: c }));
        extra.push(call('canonicalizeToolCalls', { calls: asChat }, 'required-action'));
      }
      return { raw: responsesRaw(Array.isArray(emitted['output']) ? emitted['output'] : []), extra };
    }
    case 'openai-responses.sse.function_call': {
      const stream = isRecord(input['stream']) ? input['stream'] : {};
      const deltas = Array.isArray(stream['argument_deltas']) ? stream['argument_deltas'].filter((d): d is string => typeof d === 'string') : [];
      const done = typeof stream['arguments_done'] === 'string' ? stream['arguments_done'] : undefined;
      const sse: RawToolCall = {
        format: 'responses_sse',
        itemAdded: emitted['item_added'] as StreamedItem,
        argumentDeltas: deltas,
        ...(done === undefined ? {} : { argumentsDone: done }),
        ...(isRecord(emitted['item_done']) ? { itemDone: emitted['item_done'] as StreamedItem } : {}),
      };
      return { raw: [sse], extra };
    }
    case 'text-embedded.content':
    case 'text-embedded.reasoning_content': {
      const embedded = isRecord(input['embedded_text']) ? input['embedded_text'] : {};
      const text = typeof embedded['text'] === 'string' ? embedded['text'] : '';
      const field = embedded['field'] === 'reasoning_content' ? 'reasoning_content' : 'content';
      extra.push(...messageCalls(emitted, input['finish_reason'], 'message'));
      // What llms's text normalizer makes of the same text when it arrives as content.
      extra.push(call('harvestTextToolCalls', { message: { role: 'assistant', content: text } }, `${field}-text-as-content`));
      return { raw: [{ format: 'text', field, text }], extra };
    }
    case 'history.openai-chat.tool_calls':
      return { raw: [{ format: 'chat', call: emitted }], extra };
    case 'history.openai-responses.function_call':
      return { raw: [{ format: 'responses', item: emitted }], extra };
    case 'routecodex.tool-validation-regression': {
      const calls = Array.isArray(input['tool_calls']) ? input['tool_calls'].filter(isRecord) : [];
      return { raw: calls.map((c) => ({ format: 'chat', call: { ...(c['id'] === null ? {} : { id: c['id'] }), function: { name: c['name'], arguments: c['arguments'] } } })), extra };
    }
    case 'unparseable-json-file': {
      const text = typeof input['raw_text'] === 'string' ? input['raw_text'] : '';
      extra.push(
        call('repairArguments', { arguments: text }, 'raw-text/repair'),
        call('parseLenient', { value: text }, 'raw-text/parse-lenient'),
        call('parseToolArgs', { text }, 'raw-text/parse-tool-args'),
        call('harvestTextToolCalls', { message: { role: 'assistant', content: text } }, 'raw-text/harvest'),
      );
      return { raw: [], extra };
    }
    default:
      return { raw: [], extra };
  }
}

/**
 * How a case of ../shared/corpus/tools.jsonl is replayed: its raw calls (per `format`) through
 * `canonicalizeToolCalls` with the request's tool definitions, every emitted call through the finer
 * operations, assistant messages through the chat-response operations, and text through the harvester.
 */
export const toolsCorpusCalls: CorpusMapper<ToolsContracts> = (c): readonly ToolsCorpusCall[] => {
  const input = c.input;
  const { raw, extra } = rawCalls(input);
  const definitions = isRecord(input['tool_definitions']) ? Object.values(input['tool_definitions']) : undefined;
  const out: ToolsCorpusCall[] = [];
  if (raw.length > 0) out.push(call('canonicalizeToolCalls', { calls: raw, ...(definitions === undefined ? {} : { toolDefinitions: definitions }) }, 'calls'));
  out.push(...extra);
  const emitted = Array.isArray(input['tool_calls']) ? (input['tool_calls'] as EmittedCall[]) : [];
  emitted.forEach((e, i) => out.push(...perCallCalls(e, i)));
  return out;
};
