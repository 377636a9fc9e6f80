// Chat completions and `{messages}` payloads for the chat-response invariants and the finalizer:
// tool calls with object/string/missing/primitive arguments and functions, every finish_reason,
// tool messages in any case with any content, shapes llms only half expects.
import { fc } from '@fast-check/vitest';
import { argumentsValue } from './jsonish.js';
import { freeText, word } from './text.js';

const fnName = fc.oneof(word, fc.constantFrom('', 'shell', 'apply_patch', 'get_weather'));
const callId = fc.oneof(fc.constantFrom('c1', 'c2', 'call_abc', ''), word);

/** A function member: object with arguments, or something odd (string, number, array, null). */
const fnValue = fc.oneof(
  { weight: 6, arbitrary: fc.record({ name: fnName, arguments: argumentsValue }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.constantFrom('not-an-object', 0, 7, true, false, null, [], ['x']) },
);

/** One tool call. */
export const toolCall = fc.oneof(
  { weight: 8, arbitrary: fc.record({ id: callId, type: fc.constant('function'), function: fnValue, index: fc.nat(3) }, { requiredKeys: ['function'] }) },
  { weight: 1, arbitrary: fc.constantFrom(null, 'x', 3, [], {}) },
);

const content = fc.oneof(freeText, fc.constantFrom('', '   ', null), fc.jsonValue({ maxDepth: 2 }));
const finish = fc.constantFrom(null, 'stop', 'tool_calls', 'length', '', 0, false);

const message = fc.record(
  {
    role: fc.constantFrom('assistant', 'user', 'tool', 'TOOL', 'Tool', 'system', 7),
    content,
    tool_calls: fc.oneof({ weight: 4, arbitrary: fc.array(toolCall, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.constantFrom('x', null, {}) }),
    tool_call_id: fc.oneof(callId, fc.constant(5)),
    name: fc.oneof(word, fc.constant(null), fc.constant(3)),
  },
  { requiredKeys: ['role'] },
);

const choice = fc.oneof(
  { weight: 8, arbitrary: fc.record({ index: fc.nat(3), message: fc.oneof({ weight: 6, arbitrary: message }, { weight: 1, arbitrary: fc.constantFrom('x', null, [], 0) }), finish_reason: finish }, { requiredKeys: ['message'] }) },
  { weight: 1, arbitrary: fc.constantFrom(null, 'x', 3, []) },
);

/** A chat completion, a `{messages}` request, both at once, or a non-object payload. */
export const chatPayload: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ id: word, object: fc.constant('chat.completion'), choices: fc.array(choice, { maxLength: 3 }) }, { requiredKeys: ['choices'] }) },
  { weight: 5, arbitrary: fc.record({ model: word, messages: fc.array(fc.oneof({ weight: 8, arbitrary: message }, { weight: 1, arbitrary: fc.constantFrom(null, 'x', []) }), { maxLength: 6 }) }, { requiredKeys: ['messages'] }) },
  { weight: 1, arbitrary: fc.record({ choices: fc.array(choice, { maxLength: 2 }), messages: fc.array(message, { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ choices: 'x' }), fc.constant({ messages: {} })) },
);
