import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, readCorpus, tagValue } from '../src/corpus.js';

describe('corpus reader', () => {
  it('finds ../shared/corpus from inside the repository and reads every case', () => {
    const dir = corpusDir();
    const cases = readCorpus('tokenizer', dir);
    expect(cases.length).toBe(182);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(tagValue(cases[0]!, 'kind')).toBeDefined();
  });

  it('refuses a malformed line, naming file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    writeFileSync(join(dir, 'm.jsonl'), '{"id":"a","tags":[],"input":{}}\n{oops\n');
    expect(() => readCorpus('m', dir)).toThrowError(/m\.jsonl:2 is not JSON/);
    writeFileSync(join(dir, 'n.jsonl'), '{"id":"a"}\n');
    expect(() => readCorpus('n', dir)).toThrowError(expect.objectContaining({ code: 'CORPUS_INVALID' }) as Error);
    rmSync(dir, { recursive: true, force: true });
  });
});
