// Arguments as models write them: JSON, JSON5-ish (single quotes with escapes, bare keys, trailing
// commas, comments, fences, prose around), broken JSON and markup artefacts.
import { fc } from '@fast-check/vitest';
import { freeText, jsonWs as ws, word } from './text.js';

const jsonString = (s: string): string => JSON.stringify(s);
const singleQuoted = (s: string): string => `'${s.replace(/'/g, "\\'")}'`;

/** A key in one of the styles models use. */
const key = fc.tuple(word, fc.constantFrom('json', 'json', 'single', 'bare', 'markup')).map(([k, style]) => {
  switch (style) {
    case 'json':
      return jsonString(k);
    case 'single':
      return `'${k}'`;
    case 'bare':
      return k;
    default:
      return jsonString(`${k}</arg_key><arg_value>${k}.ts`);
  }
});

/** A scalar in one of the styles models use. */
const scalar: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -100000, max: 100000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.constantFrom('true', 'false', 'null', '1e999', '0.5', '-0'),
  { weight: 3, arbitrary: freeText.map(jsonString) },
  freeText.map(singleQuoted),
  word.map((s) => `'${s}'`),
  fc.constantFrom('"http://a.b/c"', "'http://a.b/c'", '"a // b"', '"/* c */"', '"ls</arg_key><arg_value>-la"', '"x</arg_key><arg_value>k1</arg_key><arg_value>v1"'),
);

/** A JSON-ish value text, nested to `depth`. */
function valueText(depth: number): fc.Arbitrary<string> {
  if (depth <= 0) return scalar;
  const inner = valueText(depth - 1);
  const sep = fc.tuple(ws, fc.constantFrom(',', ',', ', ', ',\n'), ws).map((a) => a.join(''));
  const comment = fc.constantFrom('', '', '', ' // note\n', '/* c */', ' // http://x\n');
  const trailing = fc.constantFrom('', '', ',', ', ', ',\n');
  const member = fc.tuple(ws, key, ws, fc.constantFrom(':', ': '), ws, inner, comment).map((a) => a.join(''));
  const object = fc.tuple(fc.array(member, { maxLength: 4 }), sep, trailing).map(([ms, s, t]) => `{${ms.join(s)}${ms.length ? t : ''}}`);
  const array = fc.tuple(fc.array(inner, { maxLength: 4 }), sep, trailing).map(([xs, s, t]) => `[${xs.join(s)}${xs.length ? t : ''}]`);
  const command = fc.array(fc.oneof(word.map(jsonString), word.map((w) => `'${w}'`), fc.constantFrom('1', 'null', '[1,2]', '{}')), { maxLength: 4 }).map((xs) => `{command:[${xs.join(',')}]}`);
  return fc.oneof({ weight: 2, arbitrary: scalar }, { weight: 3, arbitrary: object }, { weight: 1, arbitrary: array }, { weight: 1, arbitrary: command });
}

/** Text around a value: fences, prose, whitespace. */
const wrapped = fc.tuple(valueText(3), fc.constantFrom('plain', 'plain', 'fence', 'fenceJson', 'prose', 'prefix', 'emptyFence', 'twoFences'), freeText).map(([v, how, prose]) => {
  switch (how) {
    case 'fence':
      return '```\n' + v + '\n```';
    case 'fenceJson':
      return '```JSON ' + v + ' ```';
    case 'prose':
      return `${prose} ${v} ${prose}`;
    case 'prefix':
      return `${prose}${v}`;
    case 'emptyFence':
      return '```json\n```' + v;
    case 'twoFences':
      return '```' + prose + '```\n```json\n' + v + '\n```';
    default:
      return v;
  }
});

/** Broken text: a valid JSON text cut or with one character changed. */
const broken = fc.tuple(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.nat(), fc.constantFrom('cut', 'insert', 'delete'), fc.constantFrom('"', "'", '{', '}', ',', ':', '\\', '/', '\n')).map(([t, n, how, c]) => {
  const at = t.length === 0 ? 0 : n % t.length;
  if (how === 'cut') return t.slice(0, at);
  if (how === 'insert') return t.slice(0, at) + c + t.slice(at);
  return t.slice(0, at) + t.slice(at + 1);
});

const patchLine = fc.oneof(fc.constantFrom('@@', '+added', '-removed', ' context', 'plain line', '', '<<<<<<< ours', '=======', '>>>>>>> theirs', '@@ -1 +1 @@', '\\ No newline at end of file'), freeText.map((s) => `+${s}`));
const path = fc.constantFrom('a.txt', 'src/x.ts', 'dir/', '/dev/null', '"q.ts"', '`b.md`', 'a b.txt', 'x.ts\t2024-01-01');

/** The apply_patch form, with every header and marker variant llms normalizes. */
const applyPatchForm = fc
  .tuple(
    fc.constantFrom('*** Begin Patch', '*** begin patch', '***Begin Patch', '  *** Begin Patch ***', '*** Begin Patch *** Update File: x.ts ***', '*** Begin Patch Create File: n.md', '*** BEGIN PATCH\n*** Add File: k.txt', ''),
    fc.constantFrom('*** Add File: a.txt', '*** Update File: src/x.ts', '*** Delete File: old', '*** Create File: n.md', '*** Update File: "q.ts" ***', '*** Add File:   ', '*** Update File: a.ts\n*** Move to: b.ts'),
    fc.array(patchLine, { maxLength: 6 }),
    fc.constantFrom('*** End Patch', '*** end patch', '', '*** End Patch\ntrailing', '*** End Patch","input":"*** Begin Patch'),
  )
  .map(([begin, header, lines, end]) => [begin, header, ...lines, end].join('\n'));

/** git and GNU unified diffs (renames, new/deleted files, binary), bare or inside Begin/End markers. */
const unifiedForm = fc
  .tuple(fc.constantFrom('git', 'git', 'plain', 'wrapped'), path, path, fc.constantFrom('', 'new file mode 100644\n', 'deleted file mode 100644\n', 'rename from a.txt\nrename to b.txt\n', 'similarity index 90%\n', 'Binary files differ\n', 'index 1..2 100644\n'), fc.array(patchLine, { maxLength: 5 }))
  .map(([kind, a, b, meta, lines]) => {
    const body = `--- a/${a}\n+++ b/${b}\n${lines.join('\n')}`;
    if (kind === 'git') return `diff --git a/${a} b/${b}\n${meta}${body}`;
    if (kind === 'wrapped') return `*** Begin Patch\n${body}\n*** End Patch`;
    return body;
  });

/** Classic context diffs and "*** a / --- b" star-header diffs. */
const contextForm = fc
  .tuple(path, path, fc.array(fc.constantFrom('  same', '! changed', '- gone', '+ new', 'x'), { maxLength: 4 }), fc.array(fc.constantFrom('  same', '! changed2', '+ added', '- odd'), { maxLength: 4 }), fc.boolean())
  .map(([a, b, olds, news, star]) =>
    star ? `*** ${a}\n--- ${b}\n@@ -1 +1 @@\n${olds.join('\n')}` : `*** ${a}\n--- ${b}\n***************\n*** 1,3 ****\n${olds.join('\n')}\n--- 1,4 ----\n${news.join('\n')}`,
  );

/** apply_patch payloads as text: every form, sometimes fenced, sometimes with escaped newlines. */
export const patchText: fc.Arbitrary<string> = fc
  .tuple(fc.oneof({ weight: 4, arbitrary: applyPatchForm }, { weight: 2, arbitrary: unifiedForm }, { weight: 1, arbitrary: contextForm }), fc.constantFrom('plain', 'plain', 'plain', 'fence', 'fenceDiff', 'escaped', 'crlf'))
  .map(([text, how]) => {
    if (how === 'fence') return '```\n' + text + '\n```';
    if (how === 'fenceDiff') return '```diff\n' + text + '\n```\nmore';
    if (how === 'escaped') return text.replace(/\n/g, '\\n');
    if (how === 'crlf') return text.replace(/\n/g, '\r\n');
    return text;
  });

/** Arguments text of every kind above. */
export const argumentsText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: wrapped },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v, null, 2)) },
  { weight: 2, arbitrary: broken },
  { weight: 1, arbitrary: patchText },
  { weight: 1, arbitrary: patchText.map((p) => JSON.stringify({ patch: p })) },
  { weight: 1, arbitrary: freeText },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.array(fc.tuple(word, fc.constantFrom('=', ': ', ':', ' = '), fc.oneof(word, freeText)), { maxLength: 4 }), fc.constantFrom('\n', ', ', ',', '\r\n')).map(([ps, sep]) => ps.map((p) => p.join('')).join(sep)) },
);

/** Arguments as emitted: text, or any JSON value (objects, arrays, numbers, booleans, null). */
export const argumentsValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 5, arbitrary: argumentsText }, { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) });
