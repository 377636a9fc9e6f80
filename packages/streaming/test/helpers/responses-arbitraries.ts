// Arbitrary OpenAI Responses response bodies for the Responses encoder's properties: the item and part
// types llms's generators know, with text that exercises its chunking (boundary characters, surrogate
// pairs, lone surrogates, long runs), and the odd shapes a port must get right (array-likes, strings
// where arrays belong, numeric strings in usage, nulls, unknown types).
import { fc } from '@fast-check/vitest';

const unit = fc.constantFrom('a', 'b', 'Z', ' ', ',', '.', '!', '?', ';', ':', '-', '，', '。', '、', '“', '’', '！', '？', '\n', '\t', '\u3000', '\u00a0', '\u2028', 'é', '中', '😀', '"', '\\');
/** Text with lone surrogates (JavaScript strings carry them; the kit's canonical JSON refuses them). */
export const loneSurrogateText: fc.Arbitrary<string> = fc.string({ unit: fc.constantFrom('a', ' ', ',', '😀', '\ud800', '\udc00', '\udbff'), minLength: 1, maxLength: 30 });
const text = fc.oneof(fc.string({ unit, maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constant(''));
const odd = fc.oneof(fc.constant(null), fc.integer({ min: -2, max: 3 }), fc.boolean(), fc.array(fc.oneof(text, fc.constant(null), fc.integer()), { maxLength: 3 }), fc.record({ length: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constantFrom('2', ' 1 ', 'x')), 0: text, 1: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }));
const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: odd });

const partType = fc.constantFrom('output_text', 'input_text', 'input_image', 'file_search', 'computer_use', 'function_call', 'function_result', 'conversation', 'refusal');
const part = fc.oneof(
  { weight: 8, arbitrary: fc.record({ type: partType, text: maybe(text), annotations: fc.jsonValue({ maxDepth: 1 }), logprobs: fc.jsonValue({ maxDepth: 1 }), image_url: fc.string(), detail: fc.oneof(fc.string(), fc.constant('')), name: fc.string(), arguments: fc.jsonValue({ maxDepth: 1 }), result: fc.jsonValue({ maxDepth: 1 }), tool_call_id: fc.string(), conversation: fc.jsonValue({ maxDepth: 1 }), file_search: fc.jsonValue({ maxDepth: 1 }), computer_use: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: ['type'] }) },
  { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 3 }), fc.constant({})) },
);
const id = fc.oneof(fc.constantFrom('msg_1', 'fc_1', 'rs_1', ''), fc.string({ maxLength: 6 }), fc.integer());

const message = fc.record({ type: fc.constant('message'), id, role: fc.oneof(fc.constant('assistant'), fc.constant(''), fc.integer()), status: fc.string(), content: maybe(fc.array(part, { maxLength: 4 })) }, { requiredKeys: ['type'] });
const functionCall = fc.record({ type: fc.constant('function_call'), id, call_id: fc.oneof(fc.constant('call_1'), fc.constant('')), name: fc.oneof(fc.constant('f'), fc.constant('')), arguments: maybe(fc.oneof(text, fc.json({ maxDepth: 2 }))) }, { requiredKeys: ['type'] });
const functionCallOutput = fc.record({ type: fc.constant('function_call_output'), id, call_id: fc.oneof(fc.constant('call_1'), fc.constant('')), tool_call_id: fc.oneof(fc.constant('t1'), fc.constant('')), output: fc.jsonValue({ maxDepth: 1 }), name: fc.string(), arguments: fc.string() }, { requiredKeys: ['type'] });
const reasoningPart = fc.oneof(
  fc.record({ type: fc.constant('reasoning_text'), text: maybe(text) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constantFrom('reasoning_signature', 'reasoning_image', 'summary_text'), signature: fc.string(), image_url: fc.string() }, { requiredKeys: ['type'] }),
  fc.oneof(fc.constant(null), fc.integer(), fc.constant('s')),
);
const reasoning = fc.record({ type: fc.constant('reasoning'), id, summary: fc.oneof(fc.constant([]), fc.jsonValue({ maxDepth: 1 })), content: fc.oneof({ weight: 5, arbitrary: fc.array(reasoningPart, { maxLength: 4 }) }, { weight: 1, arbitrary: odd }) }, { requiredKeys: ['type'] });
const otherItem = fc.oneof(fc.record({ type: fc.oneof(fc.constantFrom('web_search_call', 'MESSAGE'), fc.integer(), fc.constant(null)) }), fc.constant(null), fc.integer(), fc.string({ maxLength: 3 }));
const item = fc.oneof({ weight: 5, arbitrary: message }, { weight: 3, arbitrary: functionCall }, { weight: 1, arbitrary: functionCallOutput }, { weight: 2, arbitrary: reasoning }, { weight: 1, arbitrary: otherItem });

const count = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom('12', ' 7 ', '0x1f', '1e2', '.5', '+3', '', 'abc', 'Infinity', '-0'), fc.constant(null), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
const usage = fc.oneof(fc.record({ input_tokens: count, output_tokens: count, total_tokens: count, prompt_tokens: count, completion_tokens: count }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 1 }));

/** A Responses response: mostly valid for the converter (id, model, object, output), sometimes not. */
export const responsesArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 24,
    arbitrary: fc.record(
      {
        id: fc.oneof(fc.constant('resp_1'), fc.string({ minLength: 1, maxLength: 6 }), fc.integer({ min: 1 })),
        object: fc.constant('response'),
        model: fc.oneof(fc.constant('m'), fc.string({ minLength: 1, maxLength: 4 })),
        output: fc.array(item, { maxLength: 5 }),
        created_at: fc.integer({ min: 0 }),
        status: fc.oneof(fc.constantFrom('completed', 'in_progress', 'incomplete'), fc.constant(null)),
        usage,
        required_action: fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 2 })),
        temperature: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)),
        metadata: fc.jsonValue({ maxDepth: 1 }),
        include: fc.jsonValue({ maxDepth: 1 }),
        background: fc.oneof(fc.boolean(), fc.constant(null)),
        error: fc.jsonValue({ maxDepth: 1 }),
        incomplete_details: fc.jsonValue({ maxDepth: 1 }),
        instructions: fc.string(),
        previous_response_id: fc.string(),
      },
      { requiredKeys: ['id', 'object', 'model', 'output'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ id: fc.jsonValue({ maxDepth: 0 }), model: fc.jsonValue({ maxDepth: 0 }), object: fc.oneof(fc.constant('response'), fc.string()), output: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
);
