// The README's error table is the declaration in src/errors.ts, code for code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tokenizerErrors } from '../src/index.js';

describe('README', () => {
  it('lists exactly the declared error codes, with their descriptions', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Error codes'), readme.indexOf('\n## ', readme.indexOf('## Error codes') + 1));
    const rows = [...section.matchAll(/^\| `([A-Z_]+)` \| (.+) \|$/gm)].map((m) => [m[1], (m[2] ?? '').replace(/\\\|/g, '|')]);
    expect(rows).toEqual(tokenizerErrors.codes.map((code) => [code, tokenizerErrors.descriptions[code]]));
  });
});
