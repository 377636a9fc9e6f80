// Shell tool arguments for packShellArgs: command strings with quotes, escapes, `cd` prefixes and
// control operators; command arrays; odd command values; workdir truthy and falsy; other members.
import { fc } from '@fast-check/vitest';
import { freeText, spaceChar, word } from './text.js';

const token = fc.oneof(
  word,
  fc.constantFrom('cd', 'cd', '&&', ';', '|', '||', '/tmp', '"a b"', "'c d'", '"x\\"y"', '"\\\\"', "'it'\\''s'", '""', "''", '"unterminated', "'open", '\\', '$HOME', '*.ts'),
  freeText,
);

/** A command line built from tokens joined by whitespace of every kind. */
export const commandLine: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(token, spaceChar), { maxLength: 8 }), fc.boolean())
  .map(([parts, cd]) => (cd ? 'cd /repo ' : '') + parts.map(([t, s]) => t + s).join(''));

/** Arguments as a shell tool receives them. */
export const shellArgs = fc.record(
  {
    command: fc.oneof(
      { weight: 5, arbitrary: commandLine },
      { weight: 3, arbitrary: fc.array(fc.oneof(token, fc.constantFrom(1, null, true, [1, 2], {})), { maxLength: 5 }) },
      { weight: 1, arbitrary: fc.array(word, { maxLength: 4 }).map((ws) => ['cd', ...ws]) },
      { weight: 1, arbitrary: fc.constantFrom(null, 5, true, {}, '', '   ') },
    ),
    workdir: fc.oneof(fc.constantFrom('/w', '', null, 0, false, 1), word),
    timeout_ms: fc.integer(),
    justification: freeText,
  },
  { requiredKeys: [] },
);
