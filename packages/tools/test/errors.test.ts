// The module's error codes are declared once (src/errors.ts): the WASM side's constants are generated
// from them, and the README's table lists exactly them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toolsErrors } from '../src/index.js';

describe('declared error codes', () => {
  it('the README error table lists every declared code and no other', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Error codes'), readme.indexOf('## Quirks kept'));
    const listed = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(listed).toEqual([...toolsErrors.codes]);
  });

  it('the WASM side reports the generated constants', () => {
    const generated = readFileSync(new URL('../assembly/generated/errors.ts', import.meta.url), 'utf8');
    for (const code of toolsErrors.codes) expect(generated).toContain(`export const ${code}: string = '${code}';`);
  });
});
