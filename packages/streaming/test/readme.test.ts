// The README's error table is the declared errors (src/errors.ts), line for line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { streamingErrors } from '../src/errors.js';

describe('README', () => {
  it('lists exactly the declared error codes with their descriptions', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = readme.slice(readme.indexOf('<!-- errors:begin'), readme.indexOf('<!-- errors:end -->'));
    const rows = block.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toEqual(streamingErrors.codes.map((c) => `| \`${c}\` | ${streamingErrors.descriptions[c]} |`));
  });
});
