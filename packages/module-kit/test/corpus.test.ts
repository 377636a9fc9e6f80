import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, readCorpus, tagValue } from '../src/corpus.js';

describe('corpus reader', () => {
  it('finds ../shared/corpus from inside the repository and reads every case of every module', () => {
    const dir = corpusDir();
    for (const module of ['tokenizer', 'tools', 'compat', 'streaming', 'routing']) {
      const cases = readCorpus(module, dir);
      expect(cases.length, module).toBeGreaterThan(0);
      expect(new Set(cases.map((c) => c.id)).size, `${module}: ids are unique`).toBe(cases.length);
      expect(cases.every((c) => c.module === module), `${module}: every case names its module`).toBe(true);
    }
    expect(tagValue(readCorpus('tokenizer', dir)[0]!, 'kind')).toBeDefined();
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
