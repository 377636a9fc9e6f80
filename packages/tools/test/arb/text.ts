// Text pieces every tools arbitrary draws from: whitespace of every JavaScript class, line terminators,
// quotes and escapes, markup fragments, odd Unicode.
import { fc } from '@fast-check/vitest';

/** Every `\s` character, and characters that look like whitespace but are not (U+0085, U+180E, U+200B). */
export const spaceChar = fc.constantFrom(' ', ' ', '  ', '\t', '\n', '\r', '\r\n', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0085', '\u180e', '\u200b');

/** JSON's own whitespace (what JSON.parse accepts between tokens), mostly. */
export const jsonWs: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('', '', ' ', '\n', '  ', '\t', '\r\n') },
  { weight: 1, arbitrary: spaceChar },
);

/** Zero or more whitespace characters. */
export const ws: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.constant(' ') },
  { weight: 2, arbitrary: fc.array(spaceChar, { maxLength: 3 }).map((a) => a.join('')) },
);

/** Characters that matter to the scanners being ported. */
const special = fc.constantFrom(
  '{', '}', '[', ']', ':', ',', '"', "'", '\\', '/', '*', '//', '/*', '*/', '`', '```', '=', '<', '>', '-', '_', '.', '|', ';', '&', '$', '#',
  '\\n', '\\"', "\\'", '\\u0041', 'http://a.b/c', 'https://x.y/z?q=1', 'a//b', 'İ', 'K', 'ſ', 'é', '中文', '👍', '\ud800', '\udc00', '\u0000', '\u001f',
  'true', 'false', 'null', 'TRUE', 'False', '1e999', '01', '-0', '1.50', '2.5', 'NaN',
  '<arg_key>', '</arg_key>', '<arg_value>', '</arg_value>', '</arg_key><arg_value>', '<tool_call>', '</tool_call>', '<tool_call name="x">',
);

/** Short words, identifiers and numbers. */
export const word = fc.oneof(
  fc.constantFrom('a', 'b', 'x', 'ls', 'cd', 'cmd', 'command', 'path', 'plan', 'patch', 'input', 'workdir', 'sed', 'tee', 'ed', 'bash', '-lc', '-la', 'k-1', 'x_y', '__proto__', 'constructor', 'toString', '_', 'A1'),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,6}$/),
  fc.integer({ min: -999, max: 9999 }).map(String),
);

/** Free text mixing words, specials, whitespace and arbitrary code units. */
export const freeText: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 4, arbitrary: word }, { weight: 3, arbitrary: special }, { weight: 2, arbitrary: spaceChar }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }), { maxLength: 14 })
  .map((a) => a.join(''));
