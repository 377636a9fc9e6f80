// Every Unicode scalar value in several contexts: the core's ids equal tiktoken@1.0.22's for the four
// rank tables. By default the Basic Multilingual Plane in five contexts (seconds); with
// BPE_EXHAUSTIVE=1, U+0000..U+10FFFF (minus surrogates) in thirteen contexts, each joined with and
// without a separator (a few minutes):
//   BPE_EXHAUSTIVE=1 pnpm exec vitest run test/bpe-exhaustive.test.ts
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, reference, type Core, type EncodingName } from './bpe-harness.js';

const FULL = process.env['BPE_EXHAUSTIVE'] === '1';
const END = FULL ? 0x110000 : 0x10000;
const CHUNK = 256;

type Context = (c: string) => string;
const CONTEXTS: [string, Context][] = [
  ['alone', (c) => c],
  ['between letters', (c) => `a${c}b`],
  ['after a space', (c) => ` ${c}`],
  ['repeated', (c) => c + c + c],
  ["after 's", (c) => `x'${c}e `],
];
if (FULL) {
  CONTEXTS.push(
    ['between digits', (c) => `1${c}2`],
    ["around 's", (c) => `'s${c}'S`],
    ["before 's", (c) => `${c}'s`],
    ['between CRLF', (c) => `\r\n${c}\r\n`],
    ['upper, lower', (c) => `A${c}a`],
    ['before spaces', (c) => `${c}  `],
    ['after a space, before Ab', (c) => ` ${c}Ab`],
    ['after 中, before A', (c) => `中${c}A`],
  );
}

const TABLES: EncodingName[] = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'];

let core: Core;
beforeAll(async () => {
  core = await loadCore();
});

function same(name: EncodingName, text: string): boolean {
  const a = reference(name, text);
  const b = core.encode(name, text);
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

describe(`every code point below U+${END.toString(16).toUpperCase()}${FULL ? '' : ' (BPE_EXHAUSTIVE=1: all planes, more contexts)'}`, () => {
  it.each(TABLES)('%s', (name) => {
    const failures: string[] = [];
    for (let base = 0; base < END && failures.length < 20; base += CHUNK) {
      const chars: string[] = [];
      for (let cp = base; cp < base + CHUNK; cp++) if (cp < 0xd800 || cp > 0xdfff) chars.push(String.fromCodePoint(cp));
      for (const [label, ctx] of CONTEXTS) {
        for (const sep of ['', '|']) {
          if (same(name, chars.map(ctx).join(sep))) continue;
          // Find the code points that differ on their own; else report the chunk.
          const bad = chars.filter((c) => !same(name, ctx(c)));
          failures.push(
            bad.length > 0
              ? `${label}: ${bad.map((c) => `U+${c.codePointAt(0)?.toString(16)}`).join(' ')}`
              : `${label}, joined by ${JSON.stringify(sep)}: chunk U+${base.toString(16)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
