// The memo in front of the redactor changes no result: the same identifiers and the same redacted text
// as the redactor itself, on first sight and when remembered, and after the memo starts over.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { memoRedactor } from '../src/redact/memo-redactor.js';
import { createRedactor } from '../src/redact/redactor.js';

const real = createRedactor({ key: 'memo-redactor-test-key-0123456789' });
const secretish = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.constantFrom('chatcmpl-AbC9xYz8', 'acme', 'ann@example.com', 'Bearer sk-abcdefghijklmnopqrstuvwx', 'api_key=abcdef123456', '@jsonstudio/llms@0.6.3689'),
);

describe('memoRedactor', () => {
  test.prop([fc.array(secretish, { maxLength: 50 })])('gives what the redactor gives, remembered or not', (values) => {
    const memo = memoRedactor(real);
    for (const round of [1, 2]) {
      for (const v of values) {
        expect(memo.identifier(v), `identifier, round ${round}`).toBe(real.identifier(v));
        expect(memo.redact(v), `redact, round ${round}`).toEqual(real.redact(v));
      }
    }
  });

  test.prop([fc.string({ maxLength: 20 })], { numRuns: 20 })('starts over when full, still giving the same results', (v) => {
    const memo = memoRedactor(real);
    for (let i = 0; i < 5000; i += 1) memo.identifier(`req-${i}`);
    expect(memo.identifier(v)).toBe(real.identifier(v));
    expect(memo.config).toBe(real.config);
  });
});
