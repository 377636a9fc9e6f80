// Benchmark inputs, read at run time: texts from ../shared/corpus/tokenizer.jsonl (chat messages, 100 KB of
// English+code, 100 KB of Chinese, 100 KB of non-repeating Chinese) and synthetic 100k-character runs.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function corpusInputs() {
  const file = join(pkgRoot, '../../../shared/corpus/tokenizer.jsonl');
  if (!existsSync(file)) throw new Error(`corpus not found: ${file}`);
  const leaves = [];
  const texts = [];
  const walk = (v) => {
    if (typeof v === 'string') leaves.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    walk(c.input);
    if (typeof c.input?.text === 'string') texts.push(c.input.text);
  }
  const han = /\p{Script=Han}/gu;
  const hanShare = (s) => (s.match(han)?.length ?? 0) / Math.max(1, [...s].length);
  const clean = (xs) => xs.filter((s) => !s.includes('<|'));
  const fill = (parts, size) => {
    let s = '';
    for (let i = 0; s.length < size && parts.length > 0; i++) s += `${parts[i % parts.length]}\n`;
    return s.slice(0, size);
  };
  const english = clean(leaves.filter((s) => s.length > 40 && hanShare(s) === 0));
  const chinese = clean(leaves.filter((s) => s.length > 20 && hanShare(s) > 0.5));
  // Chinese without repeats: the corpus's Han characters in random clauses (fixed seed).
  const hanChars = [...fill(chinese, 100_000)].filter((c) => /\p{Script=Han}/u.test(c));
  let seed = 7;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  let unique = '';
  while (unique.length < 100_000) {
    const n = 4 + Math.floor(rnd() * 20);
    for (let i = 0; i < n; i++) unique += hanChars[Math.floor(rnd() * hanChars.length)];
    unique += '，。？！、；：'[Math.floor(rnd() * 7)];
  }
  return [
    { name: 'chat messages', list: clean(texts.filter((s) => s.length > 0 && s.length <= 4000)) },
    { name: '100 KB English+code', list: [fill(english, 100_000)] },
    { name: '100 KB Chinese', list: [fill(chinese, 100_000)] },
    { name: '100 KB Chinese, unique', list: [unique] },
  ];
}

export function runInputs() {
  return [
    { name: '100k spaces', list: [' '.repeat(100_000)] },
    { name: "100k 'a'", list: ['a'.repeat(100_000)] },
    { name: '100k digits', list: ['1234567890'.repeat(10_000)] },
    { name: "100k '!'", list: ['!'.repeat(100_000)] },
    { name: "100k '中'", list: ['中'.repeat(100_000)] },
  ];
}

