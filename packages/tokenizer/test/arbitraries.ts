// Arbitraries for the tokenizer's properties: texts that stress a byte-pair encoder's pre-tokenizer
// (every plane, lone surrogates, CR/LF soups, long runs, mixed scripts, emoji sequences, contractions,
// marks) and chat requests shaped like what llms counts.
import { fc } from '@fast-check/vitest';
import type { CountMessagesInput, ResponsesOutputItem, SegmentOptions } from '../src/index.js';

const SPECIALS = ['<|endoftext|>', '<|endofprompt|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>'];

/** Pieces of many scripts and symbol classes. */
const scriptPiece = fc.constantFrom(
  'hello', ' world', 'Hello', 'HELLO', "don't", " I'LL", "'s", "'ſ", 'ſ', 'K', 'İstanbul', // Latin + case quirks
  '你好世界', '日本語のテキスト', '한국어', 'Привет мир', 'नमस्ते दुनिया', 'مرحبا بالعالم', 'שלום', 'ไทย', 'Ελληνικά',
  'e\u0301', '\u0301\u0302', 'a\u0308\u0323', '\u0915\u094d\u0937', // combining marks
  '123', '4567890', '١٢٣', '½', 'Ⅻ', '3.14', '-42', '1e10', // numbers in several classes
  '👍', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇫🇷', '👋🏽', '❤️', '\u{1F9D1}\u200D\u{1F4BB}', // emoji, ZWJ, flags, skin tones
  '\u200b', '\u200d', '\ufeff', '\u00ad', '\u2028', '\u2029', '\u0085', '\u00a0', '\u3000', '\u1680', // invisible / space-like
  '{"a":1}', 'fn(x) => x * 2;', '#include <stdio.h>', '// comment', '/* c */', '    indent', '\t\ttabs', 'a/b/c', '::', '...', '!!!', '?!',
  '\r\n', '\n\n\n', '\r\r', ' \n ', '\n ', '  ', '\x1b[31m', '\x00', '\ufffd',
);

const codePoint = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }),
  fc.integer({ min: 0x80, max: 0xffff }).filter((c) => c < 0xd800 || c > 0xdfff),
  fc.integer({ min: 0x10000, max: 0x10ffff }),
).map((c) => String.fromCodePoint(c));

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** One character repeated many times (spaces, letters, digits, CJK, punctuation, newlines). */
export const longRun: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(fc.constantFrom(' ', 'a', 'A', '1', '中', '.', '\n', '\t', '\u00a0', '👍', 'é', "'"), codePoint), fc.integer({ min: 1, max: 3000 }))
  .map(([c, n]) => c.repeat(n));

/** Whitespace soups: every White_Space character and CR/LF mixed with short words. */
export const whitespaceSoup: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(' ', '\t', '\n', '\r', '\r\n', '\v', '\f', '\u0085', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', 'x', 'ab', '1', '.', '!'), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** Any text a tokenizer accepts: all planes (incl. lone surrogates), mixed scripts, runs, soups. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.oneof(scriptPiece, codePoint), { maxLength: 30 }).map((p) => p.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(codePoint, loneSurrogate, scriptPiece), { maxLength: 20 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: longRun },
  { weight: 1, arbitrary: whitespaceSoup },
);

/** Texts holding one of tiktoken's special tokens, which llms's counter refuses (and so must the WASM side). */
export const specialTokenText: fc.Arbitrary<string> = fc.tuple(anyText, fc.constantFrom(...SPECIALS), anyText).map((p) => p.join(''));

export const currentEncoding = fc.constantFrom('cl100k_base' as const, 'o200k_base' as const);
export const legacyEncoding = fc.constantFrom('p50k_base' as const, 'p50k_edit' as const, 'r50k_base' as const, 'gpt2' as const);

/** Model names: known to tiktoken, near misses (case, padding, prefixes), provider names, random. */
export const modelName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('gpt-4o', 'gpt-4o-mini', 'gpt-4', 'gpt-3.5-turbo', 'o1', 'o3-mini', 'gpt-5', 'gpt-4.1', 'text-davinci-003', 'text-davinci-edit-001', 'davinci', 'gpt2', 'code-davinci-002'),
  fc.constantFrom('GPT-4O', ' gpt-4o ', '\tgpt-4\n', 'openai/gpt-4o', 'gpt-4o-foo', 'claude-3-5-sonnet', 'glm-4.6', 'qwen3-coder-plus', 'deepseek-chat', '', '   ', '\u00a0gpt-4o\u00a0', '\u0085gpt-4o'),
  fc.string({ maxLength: 16 }),
);

/** JSON values that survive a JSON round trip (what crosses the ABI). */
const jsonish: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

/** Content parts of the kinds llms distinguishes: text parts, media, strings, other objects, scalars. */
const contentPart: fc.Arbitrary<unknown> = fc.oneof(
  anyText,
  fc.record({ type: fc.constantFrom('text', 'input_text', 'output_text'), text: anyText }),
  fc.record({ type: fc.constantFrom('image_url', 'IMAGE', ' Video ', 'input_image', 'video_clip'), image_url: fc.record({ url: fc.string() }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constantFrom('input_audio', 'file', 'other'), data: fc.oneof(fc.constant('data:image/png;base64,AAAA'), fc.constant(' DATA:VIDEO/mp4;x'), fc.string()) }),
  fc.record({ video_url: fc.constant(null) }),
  fc.record({ text: fc.oneof(fc.integer(), fc.constant(null)), extra: jsonish }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
);

/** Message content: strings (incl. JSON-looking ones), part arrays, objects, scalars, null. */
export const content: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: anyText },
  { weight: 2, arbitrary: fc.array(contentPart, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.array(contentPart, { maxLength: 4 }).map((parts) => ` ${JSON.stringify(parts)}\n`) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), jsonish, { maxKeys: 4 }).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.constantFrom('{not json}', '[1,2', '{}', '[]', '  [ ]  ', '{"a":"hello world"}', '[{"type":"image_url","image_url":{"url":"x"}}]') },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), jsonish, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constantFrom('image', 'text'), source: fc.string() }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)) },
);

const toolCall = fc.oneof(
  fc.record({ id: fc.string({ maxLength: 12 }), type: fc.constant('function'), function: fc.record({ name: fc.string({ maxLength: 12 }), arguments: fc.oneof(anyText, jsonish.map((v) => JSON.stringify(v))) }) }),
  jsonish,
);

/** One chat message as llms's counter reads it (extra fields are ignored by it). */
export const chatMessage = fc.record(
  {
    role: fc.oneof(fc.constantFrom('system', 'user', 'assistant', 'tool', ''), fc.string({ maxLength: 8 })),
    content,
    tool_calls: fc.array(toolCall, { maxLength: 3 }),
    name: fc.oneof(fc.constantFrom('', 'alice', 'get_weather'), anyText),
    tool_call_id: fc.oneof(fc.constant(''), fc.string({ maxLength: 16 })),
    reasoning_content: anyText,
  },
  { requiredKeys: [] },
);

/** A chat request for countTokens. */
export const chatRequest: fc.Arbitrary<CountMessagesInput> = fc.record(
  {
    messages: fc.array(chatMessage, { maxLength: 5 }),
    tools: fc.array(fc.oneof(jsonish, fc.record({ type: fc.constant('function'), function: fc.record({ name: fc.string(), description: anyText, parameters: jsonish }) })), { maxLength: 3 }),
    parameters: jsonish,
    model: modelName,
  },
  { requiredKeys: ['messages'] },
);

/** Texts with reasoning markup llms's sanitizer handles (and near misses it must leave alone). */
export const reasoningText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      anyText,
      fc.constantFrom('<think>', '</think>', '<THINK>', '</Think>', '<think >', '< think>', '<think type="x">', '<reflection>', '</reflection>', '<reasoning>'),
      fc.constantFrom('```', '```think', '```THINK ', '``` \n think', '```\u00a0think', '````think', '```thinking', '```reflection', '```js\n'),
      fc.constantFrom('\n', '\n\n', '\n\n\n', '\n\n\n\n\n', '\r\n\r\n\r\n', '  ', '\u3000', '\u0085'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const reasoningBlock = fc.oneof(
  fc.record({ type: fc.constantFrom('reasoning_text', 'summary_text', 'other'), text: reasoningText }),
  fc.record({ type: fc.constant('reasoning_signature'), signature: fc.string() }),
  fc.record({ text: fc.oneof(fc.integer(), fc.constant(null)) }),
  fc.constant(null),
);

const messagePart: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  part: fc.oneof(
    { weight: 4, arbitrary: fc.record({ type: fc.constantFrom('output_text', 'text', 'input_text', 'commentary', 'OUTPUT_TEXT', 'refusal'), text: fc.oneof(reasoningText, fc.constant(null), fc.integer()), content: fc.oneof(reasoningText, fc.constant(null)) }, { requiredKeys: ['type'] }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('group'), content: fc.array(tie('part'), { maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ text: reasoningText }) },
    { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.integer(), fc.array(fc.string(), { maxLength: 2 })) },
  ),
})).part;

/** A Responses `output` item of the kinds llms reads (and some it ignores). */
export const outputItem: fc.Arbitrary<ResponsesOutputItem> = fc.oneof(
  fc.record({ type: fc.constantFrom('message', 'MESSAGE'), role: fc.constant('assistant'), content: fc.oneof(fc.array(messagePart, { maxLength: 4 }), reasoningText) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('message'), message: fc.record({ content: fc.array(messagePart, { maxLength: 3 }) }) }),
  fc.record({ type: fc.constant('output_text'), text: fc.oneof(reasoningText, fc.integer()) }),
  fc.record({ type: fc.constantFrom('reasoning', 'Reasoning'), summary: fc.array(fc.record({ type: fc.constant('summary_text'), text: reasoningText }), { maxLength: 2 }), content: fc.oneof(fc.array(reasoningBlock, { maxLength: 4 }), fc.constant('x')) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('function_call'), call_id: fc.string({ maxLength: 10 }), name: fc.string({ maxLength: 10 }), arguments: fc.string({ maxLength: 20 }) }),
  fc.record({ type: fc.string({ maxLength: 8 }), text: reasoningText }),
);

export const segmentOptions: fc.Arbitrary<SegmentOptions> = fc.record(
  { reasoningMode: fc.constantFrom('channel' as const, 'text' as const, 'drop' as const), reasoningPrefix: fc.oneof(fc.constantFrom('', '[R]', '[R] ', 'thinking:\n', '思考'), fc.string({ maxLength: 6 })) },
  { requiredKeys: [] },
);
