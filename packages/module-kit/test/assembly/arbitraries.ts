// Arbitraries for the JSON suites: strings with every kind of UTF-16 code unit (lone surrogates
// included) and hand-built JSON texts (random whitespace, escapes, integer-like and duplicate keys).
import { fc } from '@fast-check/vitest';

/** One UTF-16 unit or code point: ASCII-heavy, with controls, specials and lone surrogates. */
export const codeUnitChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom('"', '\\', '/', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\uffff', '\ud83d\ude00', 'é', '€') },
);

/** Any JS string, lone surrogates included. */
export const anyString: fc.Arbitrary<string> = fc.string({ unit: codeUnitChar, maxLength: 24 });

/** fc.jsonValue with strings made of any code units. */
export const anyJsonValue: fc.Arbitrary<unknown> = fc.jsonValue({ stringUnit: codeUnitChar, maxDepth: 6 });

/** Property keys biased towards array indices, near-indices and duplicates. */
export const propertyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('a', 'b', 'c', '0', '1', '2', '10'),
  fc.nat({ max: 30 }).map(String),
  fc.nat().map(String),
  fc.constantFrom('01', '00', '-0', '-1', '1.0', '1e3', ' 1', '1 ', '+1', '4294967294', '4294967295', '4294967296', '9007199254740993', '__proto__', 'constructor', 'length', ''),
  anyString,
);

const ws = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r'), maxLength: 2 });

/** A JSON string literal for `s`, each unit written literally or escaped in one of the valid ways. */
export const stringLiteral = (s: string): fc.Arbitrary<string> =>
  fc.array(fc.nat({ max: 5 }), { minLength: s.length, maxLength: s.length }).map((choices) => {
    let out = '"';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const ch = s[i] as string;
      const hex = c.toString(16).padStart(4, '0');
      const choice = choices[i] ?? 0;
      const short: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '/': '\\/' };
      const mustEscape = c < 0x20 || ch === '"' || ch === '\\';
      if (choice === 0 && short[ch] !== undefined) out += short[ch];
      else if (choice === 1 || (mustEscape && short[ch] === undefined)) out += `\\u${hex}`;
      else if (choice === 2) out += `\\u${hex.toUpperCase()}`;
      else if (mustEscape) out += short[ch] ?? `\\u${hex}`;
      else out += ch;
    }
    return `${out}"`;
  });

const numberText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)),
  fc.integer().map(String),
  fc
    .tuple(fc.boolean(), fc.nat(), fc.option(fc.nat(), { nil: undefined }), fc.option(fc.integer({ min: -400, max: 400 }), { nil: undefined }), fc.constantFrom('e', 'E'))
    .map(([neg, i, f, e, E]) => `${neg ? '-' : ''}${i}${f === undefined ? '' : `.${f}`}${e === undefined ? '' : `${E}${e >= 0 && e % 2 ? '+' : ''}${e}`}`),
);

const { text: jsonTextArb } = fc.letrec<{ text: string; scalar: string; array: string; object: string }>((tie) => ({
  text: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('scalar'), tie('array'), tie('object')),
  scalar: fc.oneof(fc.constantFrom('null', 'true', 'false'), numberText, anyString.chain(stringLiteral)),
  array: fc.tuple(fc.array(fc.tuple(ws, tie('text'), ws), { maxLength: 5 }), ws).map(([items, w]) =>
    items.length === 0 ? `[${w}]` : `[${items.map(([a, t, b]) => a + t + b).join(',')}]`,
  ),
  object: fc.tuple(fc.array(fc.tuple(ws, propertyKey.chain(stringLiteral), ws, ws, tie('text'), ws), { maxLength: 6 }), ws).map(([members, w]) =>
    members.length === 0 ? `{${w}}` : `{${members.map(([a, k, b, c, v, d]) => `${a}${k}${b}:${c}${v}${d}`).join(',')}}`,
  ),
}));

/** Valid JSON text written by hand: any whitespace, escapes, duplicate and integer-like keys. */
export const jsonText: fc.Arbitrary<string> = fc.tuple(ws, jsonTextArb, ws).map(([a, t, b]) => a + t + b);

const mutationChars = [
  '{', '}', '[', ']', ',', ':', '"', '\\', '-', '+', '.', 'e', 'E', '0', '1', '9', ' ', '\t', '\n', '\r', '\u0000', '\u001f',
  't', 'r', 'u', 'n', 'l', 'f', 'x', "'", '/', '\u00a0', '\ufeff', '\ud800', '\udc00', 'é', '\u2028', 'I', 'N',
];

type Mutation = [kind: 'insert' | 'delete' | 'replace' | 'truncate' | 'duplicate', at: number, arg: number];

/** Applies small edits to a text: the result is valid or invalid JSON, often near a boundary. */
export const mutatedJsonText: fc.Arbitrary<string> = fc
  .tuple(
    jsonText,
    fc.array(
      fc.tuple(fc.constantFrom('insert', 'delete', 'replace', 'truncate', 'duplicate'), fc.nat(), fc.nat()) as fc.Arbitrary<Mutation>,
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([text, edits]) => {
    let t = text;
    for (const [kind, at, arg] of edits) {
      const i = t.length === 0 ? 0 : at % (t.length + 1);
      const ch = mutationChars[arg % mutationChars.length] as string;
      if (kind === 'insert') t = t.slice(0, i) + ch + t.slice(i);
      else if (kind === 'delete') t = t.slice(0, i) + t.slice(i + 1);
      else if (kind === 'replace') t = t.slice(0, i) + ch + t.slice(i + 1);
      else if (kind === 'truncate') t = t.slice(0, i);
      else t = t.slice(0, i) + t.slice(i, i + 1 + (arg % 6)) + t.slice(i);
    }
    return t;
  });
