// The BPE core (assembly/bpe) against tiktoken@1.0.22: rank blobs, loading errors, hand-picked
// pre-tokenizer edge cases, special tokens, long runs and the tokenizer corpus.
import { readCorpus } from '@llms-wasm/module-kit/corpus';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENCODINGS, expectSame, instantiate, loadCore, put, readBlob, readManifest, tiktoken, type Core, type EncodingName } from './bpe-harness.js';

let core: Core;
beforeAll(async () => {
  core = await loadCore();
});

const ERR = {
  BAD_TABLE: -1,
  ALREADY_LOADED: -2,
  BLOB_SHORT: -3,
  BLOB_MAGIC: -4,
  BLOB_VERSION: -5,
  BLOB_SIZE: -6,
  BLOB_CHECKSUM: -7,
  BLOB_FORMAT: -8,
  BLOB_DUPLICATE: -9,
  BLOB_MISSING_BYTE: -10,
  BAD_ENCODING: -11,
  NOT_LOADED: -12,
  BAD_ARGUMENT: -13,
} as const;

/** The BPE1 checksum (scripts/gen-ranks.mjs): h = rotl(h ^ w, 13) * 0x9e3779b1 over LE u32 words. */
function checksum(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i += 4) {
    const w = ((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24)) >>> 0;
    const x = (h ^ w) >>> 0;
    h = Math.imul(((x << 13) | (x >>> 19)) >>> 0, 0x9e3779b1) >>> 0;
  }
  return h;
}

/** A BPE1 blob for tokens in rank order (undefined = unused rank). */
function makeBlob(tokens: (Uint8Array | undefined)[], patch?: (view: DataView) => void): Uint8Array {
  const bytesLen = tokens.reduce((a, t) => a + (t?.length ?? 0), 0);
  const blob = new Uint8Array(32 + tokens.length + bytesLen);
  const view = new DataView(blob.buffer);
  blob.set([0x42, 0x50, 0x45, 0x31]);
  view.setUint32(4, 1, true);
  view.setUint32(8, tokens.length, true);
  view.setUint32(12, tokens.filter(Boolean).length, true);
  view.setUint32(16, Math.max(...tokens.map((t) => t?.length ?? 0)), true);
  view.setUint32(20, bytesLen, true);
  let off = 32 + tokens.length;
  tokens.forEach((t, r) => {
    if (!t) return;
    blob[32 + r] = t.length;
    blob.set(t, off);
    off += t.length;
  });
  view.setUint32(24, checksum(blob.subarray(32)), true);
  patch?.(view);
  return blob;
}

const allBytes = (): Uint8Array[] => Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('rank blobs (scripts/gen-ranks.mjs)', () => {
  it('map encodings to the four distinct rank tables', () => {
    const m = readManifest();
    expect(m.encodings.map((e) => [e.name, e.table, e.pattern])).toEqual([
      ['r50k_base', 0, 'gpt2'],
      ['p50k_base', 1, 'gpt2'],
      ['p50k_edit', 1, 'gpt2'],
      ['cl100k_base', 2, 'cl100k'],
      ['o200k_base', 3, 'o200k'],
    ]);
    for (const e of m.encodings) expect(core.x.bpeTableOf(e.id)).toBe(e.table);
    expect(core.x.bpeTableOf(5)).toBe(ERR.BAD_ENCODING);
    expect(core.x.bpeTableOf(-1)).toBe(ERR.BAD_ENCODING);
  });

  it.each([
    ['r50k_base', 0],
    ['p50k_base', 1],
    ['cl100k_base', 2],
    ['o200k_base', 3],
  ] as const)('%s: every rank holds the bytes tiktoken decodes it to', (name, table) => {
    const blob = readBlob(table);
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    const nRanks = view.getUint32(8, true);
    const t = tiktoken(name);
    const specials = new Map(Object.entries(readManifest().encodings.find((e) => e.name === name)?.specialTokens ?? {}).map(([k, v]) => [v, k]));
    let off = 32 + nRanks;
    let tokens = 0;
    for (let r = 0; r < nRanks; r++) {
      const len = blob[32 + r] ?? 0;
      if (len === 0) {
        // An unused rank: nothing, or a special token's id (not a mergeable rank).
        const special = specials.get(r);
        if (special === undefined) expect(() => t.decode_single_token_bytes(r), `rank ${r} is unused`).toThrow();
        else expect(new TextDecoder().decode(t.decode_single_token_bytes(r))).toBe(special);
        continue;
      }
      const mine = blob.subarray(off, off + len);
      const theirs = t.decode_single_token_bytes(r);
      if (Buffer.compare(mine, theirs) !== 0) expect.fail(`rank ${r}: ${Buffer.from(mine).toString('hex')} != ${Buffer.from(theirs).toString('hex')}`);
      off += len;
      tokens++;
    }
    expect(off).toBe(blob.length);
    expect(tokens).toBe(view.getUint32(12, true));
  });
});

describe('bpeLoad', () => {
  const cases: [string, Uint8Array, number][] = [
    ['too short', new Uint8Array(31), ERR.BLOB_SHORT],
    ['bad magic', makeBlob(allBytes(), (v) => v.setUint8(3, 0x32)), ERR.BLOB_MAGIC],
    ['bad version', makeBlob(allBytes(), (v) => v.setUint32(4, 2, true)), ERR.BLOB_VERSION],
    ['size mismatch', makeBlob(allBytes(), (v) => v.setUint32(20, 257, true)), ERR.BLOB_SIZE],
    ['checksum mismatch', makeBlob([...allBytes(), ascii('abc')], (v) => v.setUint8(v.byteLength - 1, 0x64)), ERR.BLOB_CHECKSUM],
    ['token count mismatch', makeBlob([...allBytes(), ascii('abc')], (v) => v.setUint32(12, 256, true)), ERR.BLOB_FORMAT],
    ['duplicate byte', makeBlob([...allBytes(), Uint8Array.of(7), ascii('abc')]), ERR.BLOB_DUPLICATE],
    ['duplicate long token', makeBlob([...allBytes(), ascii('abcdefghij'), undefined, ascii('abcdefghij')]), ERR.BLOB_DUPLICATE],
    ['duplicate 3-byte token', makeBlob([...allBytes(), ascii('abc'), ascii('abc')]), ERR.BLOB_DUPLICATE],
    ['missing byte', makeBlob([...allBytes().slice(1), ascii('ab'), ascii('abc')]), ERR.BLOB_MISSING_BYTE],
  ];

  it.each(cases)('rejects a blob: %s', async (_, blob, code) => {
    const x = await instantiate();
    const p = put(x, blob);
    expect(x.bpeLoad(0, p, blob.length)).toBe(code);
    x.free(p);
    expect(x.bpeIsLoaded(0)).toBe(0);
  });

  it('rejects a bad table id and a second load; refuses to encode without a table', async () => {
    const x = await instantiate();
    const blob = readBlob(0);
    const p = put(x, blob);
    expect(x.bpeLoad(4, p, blob.length)).toBe(ERR.BAD_TABLE);
    expect(x.bpeLoad(-1, p, blob.length)).toBe(ERR.BAD_TABLE);
    expect(x.bpeCount(0, p, 4)).toBe(ERR.NOT_LOADED);
    expect(x.bpeLoad(0, p, blob.length)).toBe(0);
    expect(x.bpeLoad(0, p, blob.length)).toBe(ERR.ALREADY_LOADED);
    x.free(p);
    expect(x.bpeIsLoaded(0)).toBe(1);
    expect(x.bpeCount(3, 0, 0)).toBe(ERR.NOT_LOADED);
  });

  it('a custom table: merges by rank, leftmost on ties', async () => {
    const x = await instantiate();
    const base = allBytes();
    // ranks 256.. : "ab", "bc", "abc"; "aa"
    const blob = makeBlob([...base, ascii('bc'), ascii('ab'), ascii('abc'), ascii('aa')]);
    const p = put(x, blob);
    expect(x.bpeLoad(0, p, blob.length)).toBe(0);
    x.free(p);
    const enc = (s: string): number[] => {
      const bytes = ascii(s);
      const q = put(x, bytes);
      const out = x.alloc(4 * (bytes.length + 1));
      const n = x.bpeEncode(0, q, bytes.length, out, bytes.length + 1);
      const ids = Array.from(new Uint32Array(x.memory.buffer, out, n));
      x.free(q);
      x.free(out);
      return ids;
    };
    expect(enc('abc')).toEqual([258]); // the piece is itself a token
    expect(enc('abcd')).toEqual([258, 100]); // "bc" (256) first, then "a"+"bc" = "abc"
    expect(enc('aaa')).toEqual([259, 97]); // leftmost "aa"
    expect(enc('aaaaa')).toEqual([259, 259, 97]);
  });
});

describe('API', () => {
  it('bpeEncode returns the full count and writes at most outCap ids', () => {
    const text = 'Hello world, this is a test.';
    const bytes = new TextEncoder().encode(text);
    const x = core.x;
    const p = put(x, bytes);
    const out = x.alloc(4 * 4);
    const n = x.bpeEncode(core.id('cl100k_base'), p, bytes.length, out, 3);
    const ref = Array.from(tiktoken('cl100k_base').encode(text));
    expect(n).toBe(ref.length);
    expect(Array.from(new Uint32Array(x.memory.buffer, out, 3))).toEqual(ref.slice(0, 3));
    expect(x.bpeCount(core.id('cl100k_base'), p, bytes.length)).toBe(ref.length);
    expect(x.bpeCount(core.id('cl100k_base'), p, -1)).toBe(ERR.BAD_ARGUMENT);
    expect(x.bpeCount(9, p, bytes.length)).toBe(ERR.BAD_ENCODING);
    expect(x.bpeFindSpecial(9, p, bytes.length)).toBe(ERR.BAD_ENCODING);
    expect(x.bpeCount(core.id('cl100k_base'), p, 0)).toBe(0);
    x.free(p);
    x.free(out);
  });
});

/** Pre-tokenizer edge cases: each alternative of each pattern, its backtracking, its neighbours. */
const EDGE_CASES: string[] = [
  '',
  'hello world',
  "it's we're they've I'm you'll he'd don't",
  "IT'S WE'RE THEY'VE I'M YOU'LL HE'D DON'T",
  "It'S we'Re they'vE I'M you'Ll he'D",
  "x'ſ x'ſx Iſ'ſ 'ſ ſ'S'ſ", // U+017F folds to s
  "'s 't 're 've 'm 'll 'd 'x '' ''s ' s",
  "abc's'd'll'",
  "'llama 'reve 'mm 'dd",
  'a  b   c    d',
  'trailing   ',
  '   leading',
  'a\r\n\r\n b',
  '  \n\n  x',
  '\n\n\n',
  '\r\n',
  'x \r\n y',
  'x\t\r\n\t y',
  'a \u00a0b\u3000c\u2028d\u2029e\u0085f\u1680g\u2000h\u200ai\u202fj\u205fk',
  '\u000b\u000c\u001c\u001d\u001e\u001f\u200b\u180e\ufeff',
  'end with spaces  \u3000',
  '1 12 123 1234 12345 123456 1234567',
  '١٢٣٤٥ ۱۲۳ ௧௨௩ Ⅻ ½ ² ³ ⑳',
  'x1 1x a1b2c3 ab123cd',
  'Hello, World! How are you?? ... !!!',
  '((foo)) [bar] {baz} <qux>',
  ' !!!\n\n ???\r\n//',
  'path/to/file\n/\n//x',
  'a/\n/\n/b',
  'ab.\n\n\ncd',
  'e\u0301 a\u0301b \u0301 \u0301\u0301 1\u0301 !\u0301',
  '\u0301ABC \u0301abc A\u0301B a\u0301B',
  'ǅungla ǅ Ǆ ǆ',
  'ʰello ʰ ab ʰAB ABʰ Aʰb',
  'HTTPServer XMLHttpRequest iOS McDonald',
  "HELLO'S Hello's hello's HELLO'll",
  '中文测试，我们今天去哪里？',
  '中A 中Aa A中 a中A 中\'s A\'S',
  '日本語のテキストです。カタカナ ひらがな',
  '한국어 텍스트입니다',
  'Привет, мир! ПРИВЕТ',
  'Γειά σου Κόσμε ΣΊΣΥΦΟΣ ς',
  'नमस्ते दुनिया',
  'مرحبا بالعالم',
  'שלום עולם',
  'ไทย ภาษา',
  '😀 😀😀 👨‍👩‍👧‍👦 🇺🇸🇬🇧 👍🏽 ❤️ ☺︎',
  '\u{1D400}\u{1D401} \u{10400}\u{10428} \u{20000}\u{2A6D6} \u{E0100} \u{F0000} \u{10FFFF}',
  '\ufffd \ufffd\ufffd a\ufffdb',
  '\u0000\u0001\u007f\u0080\u009f',
  'def f(x):\n    return x // 2\n\n\tif x:\n\t\tpass\n',
  'const a = {"k": [1, 2, 3]}; // comment\r\n',
  '<|endoftext|',
  '<|endofprompt',
  '<||>',
  '<|im_start|>user',
];

describe('pre-tokenizer edge cases', () => {
  it.each(ENCODINGS)('%s: ids equal tiktoken', (name) => {
    for (const text of EDGE_CASES) expectSame(core, name, text);
  });
});

describe('special tokens', () => {
  const texts = [
    'a<|endoftext|>b',
    'x<|fim_prefix|>y<|fim_middle|>z<|fim_suffix|>',
    '<|endofprompt|>',
    'two <|endofprompt|> then <|endoftext|>',
    '<|<|endoftext|>',
    '<<|fim_suffix|>',
    '中文<|endoftext|>',
    '<|endoftext|',
    '|endoftext|>',
  ];
  it.each(ENCODINGS)('%s: refuses exactly where tiktoken does, naming the same token', (name) => {
    for (const text of texts) expectSame(core, name, text);
  });

  it('reports the first occurrence by byte offset', () => {
    expect(core.findSpecial('cl100k_base', 'é <|fim_middle|> <|endoftext|>')).toEqual({ offset: 3, id: 100259, length: 14 });
    expect(core.findSpecial('o200k_base', 'x<|fim_middle|>y<|endofprompt|>')).toEqual({ offset: 16, id: 200018, length: 15 });
    expect(core.findSpecial('p50k_base', '<|fim_prefix|>')).toBeNull();
    expect(core.findSpecial('p50k_edit', '<|fim_prefix|>')).toEqual({ offset: 0, id: 50281, length: 14 });
  });
});

describe('long runs (linear-time merge, same ids)', () => {
  const runs: [string, string][] = [
    ['spaces', ' '],
    ['letters', 'a'],
    ['digits', '7'],
    ['punctuation', '!'],
    ['newlines', '\n'],
    ['CJK', '中'],
    ['ideographic space', '\u3000'],
    ['mark', '\u0301'],
    ['emoji', '😀'],
  ];
  it.each(runs)('%s', (_, unit) => {
    for (const n of [1, 2, 3, 17, 97, 255, 256, 257, 4000]) {
      for (const name of ['cl100k_base', 'o200k_base', 'r50k_base'] as const) expectSame(core, name, unit.repeat(n));
    }
  });

  it('mixed long pieces', () => {
    const texts = ['ab'.repeat(3000), 'a b'.repeat(2000), ' '.repeat(5000) + 'x', '\r\n'.repeat(3000), 'abc123'.repeat(1000), '中文'.repeat(2000) + 'A'];
    for (const text of texts) for (const name of ENCODINGS) expectSame(core, name, text);
  });
});

describe('piece cache', () => {
  it('gives the same ids on repeats, after clearing, and for look-alike long pieces', () => {
    const long = 'a'.repeat(5000);
    const lookAlike = `${'a'.repeat(1000)}b${'a'.repeat(3999)}`; // same length, ends and middle
    const texts = ['tokenization', ' 中文分词测试', long, lookAlike, `x ${long}`, 'é'.repeat(300)];
    for (const name of ['cl100k_base', 'o200k_base', 'r50k_base'] as const) {
      for (let round = 0; round < 3; round++) {
        for (const text of texts) expectSame(core, name, text);
        if (round === 1) core.x.bpeCacheClear();
      }
    }
  });
});

describe('tokenizer corpus (../shared/corpus/tokenizer.jsonl)', () => {
  const strings = (value: unknown, out: string[]): string[] => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) for (const v of value) strings(v, out);
    else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
    return out;
  };
  const cases = readCorpus('tokenizer');

  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  // cl100k and o200k (what llms uses): every string in a case and the case's whole input as JSON;
  // the legacy encodings: every string.
  it.each([
    ['cl100k_base', true],
    ['o200k_base', true],
    ['r50k_base', false],
    ['p50k_edit', false],
  ] satisfies [EncodingName, boolean][])('%s: corpus texts', (name, whole) => {
    for (const c of cases) {
      const texts = strings(c.input, []);
      if (whole) texts.push(JSON.stringify(c.input));
      for (const text of texts) {
        try {
          expectSame(core, name, text);
        } catch (e) {
          throw new Error(`case ${c.id}: ${(e as Error).message}`);
        }
      }
    }
  });
});
