// Property tests: the BPE core's ids equal tiktoken@1.0.22's for cl100k_base and o200k_base (and its
// counts for r50k_base and p50k_base) on generated text. Seed and run count from FC_SEED /
// FC_NUM_RUNS (default 1000); fast-check prints the seed and the shrunk counterexample on failure.
import { fc, test } from '@fast-check/vitest';
import { propertyParameters } from '@llms-wasm/module-kit/testing';
import { beforeAll, describe } from 'vitest';
import { ENCODINGS, expectSame, loadCore, reference, type Core } from './bpe-harness.js';

let core: Core;
beforeAll(async () => {
  core = await loadCore();
});

const params = propertyParameters();

/** ids for what llms uses, counts for the legacy encodings. */
function check(text: string): void {
  expectSame(core, 'cl100k_base', text);
  expectSame(core, 'o200k_base', text);
  expectSame(core, 'r50k_base', text, true);
  expectSame(core, 'p50k_base', text, true);
}

const joined = (parts: fc.Arbitrary<string>, maxLength = 40): fc.Arbitrary<string> =>
  fc.array(parts, { maxLength }).map((xs) => xs.join(''));

/** Every White_Space character (Unicode 16) and what sits next to white space in practice. */
const WHITE_SPACE = ['\t', '\n', '\u000b', '\f', '\r', ' ', '\u0085', '\u00a0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];
const NOT_WHITE_SPACE = ['\u200b', '\u180e', '\ufeff', '\u001c', '\u0000'];

/** Letters of each class the o200k pattern distinguishes (Lu, Ll, Lt, Lm, Lo), marks, numbers. */
const LETTERS = {
  Lu: ['A', 'Z', 'É', 'Σ', 'Д', 'Ǆ', '\u{10400}', '\u{1D400}'],
  Ll: ['a', 'z', 'é', 'σ', 'ς', 'д', 'ǆ', 'ß', 'ſ', '\u{10428}', '\u{1D41A}'],
  Lt: ['ǅ', 'ǈ', 'ᾈ'],
  Lm: ['ʰ', 'ˆ', 'ー', 'ᵃ', '々'],
  Lo: ['中', '文', 'あ', 'ア', '한', 'ا', 'א', 'ก', '\u{20000}'],
  M: ['\u0301', '\u0300', '\u093f', '\u0e31', '\u20dd', '\u0488', '\u{E0100}', '\ufe0f'],
  N: ['0', '7', '٣', '७', 'Ⅻ', '½', '²', '①', '\u{1D7CE}'],
};
const PUNCT = ['.', ',', '!', '?', "'", '"', '/', '\\', '(', ')', '-', '_', '<', '|', '>', '#', '$', '中。', '，', '…', '—'];

describe('BPE core == tiktoken (generated text)', () => {
  test.prop([fc.string({ unit: 'binary', maxLength: 40 })], params)('any code points, all planes', (text) => check(text));

  test.prop([fc.string({ unit: 'grapheme', maxLength: 30 })], params)('graphemes', (text) => check(text));

  test.prop([fc.string({ unit: 'binary-ascii', maxLength: 60 })], params)('ASCII', (text) => check(text));

  test.prop([joined(fc.constantFrom('\r', '\n', '\r\n', '\n\n', ' ', '  ', '\t', 'a', 'B', '1', '!', '/', '\u3000', '\u0085'))], params)(
    'CR/LF runs',
    (text) => check(text),
  );

  test.prop(
    [
      fc.oneof(
        fc.constantFrom(' ', 'a', 'A', '1', '!', '\n', '\r\n', '中', '\u3000', '\u0301', '😀', "'", '/', 'ſ', 'ʰ'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }),
      ),
      fc.integer({ min: 1, max: 400 }),
      fc.constantFrom('', ' ', 'x', '\n', 'A'),
    ],
    { ...params, numRuns: Math.min(params.numRuns, 200) },
  )('long single-character runs', (unit, n, tail) => check(unit.repeat(n) + tail));

  test.prop(
    [
      joined(
        fc.constantFrom(
          'hello', 'World', ' ', '中文', '日本語', 'カタカナ', '한국어', 'Привет', 'Ελληνικά', 'नमस्ते', 'مرحبا', 'שלום', 'ไทย',
          '123', '٣٤', ',', '。', '!', '\n', 'e\u0301', 'İ', 'ı', 'ǅ', 'ʰ', "'s", "'LL",
        ),
        25,
      ),
    ],
    params,
  )('mixed scripts', (text) => check(text));

  test.prop(
    [
      joined(
        fc.constantFrom(
          '😀', '👨', '👩', '👧', '\u200d', '\ufe0f', '\u{1F3FB}', '\u{1F3FF}', '🇺', '🇸', '#', '\u20e3', '❤', '☺', '\u{E0067}', '\u{E007F}', '🏴', ' ', 'a',
        ),
        30,
      ),
    ],
    params,
  )('emoji and ZWJ sequences', (text) => check(text));

  test.prop([joined(fc.constantFrom(...WHITE_SPACE, ...WHITE_SPACE, ...NOT_WHITE_SPACE, 'a', 'Z', '1', '!', '中', '\u0301'), 30)], params)(
    'white-space soups',
    (text) => check(text),
  );

  test.prop(
    [
      joined(
        fc.constantFrom("'", "'", 's', 'S', 'ſ', 't', 'T', 're', 'RE', 'rE', 'Re', 've', 'VE', 'vE', 'm', 'M', 'll', 'LL', 'lL', 'Ll', 'd', 'D', 'e', 'K', 'x', ' ', 'a', 'A', '中', '\u0301', '1', '\n'),
        25,
      ),
    ],
    params,
  )("apostrophe contractions, any case, with U+017F", (text) => check(text));

  test.prop([joined(fc.constantFrom(...Object.values(LETTERS).flat(), ' ', ' ', '!', "'s", "'S", '\n', '/'), 30)], params)(
    'letter classes and marks (after letters, spaces, digits, punctuation)',
    (text) => check(text),
  );

  test.prop([joined(fc.constantFrom(...PUNCT, ...LETTERS.Ll, ...LETTERS.Lu, ' ', '\n', '\r\n', '\t', '1', '12345'), 40)], params)(
    'punctuation and code-like text',
    (text) => check(text),
  );

  test.prop(
    [joined(fc.constantFrom('<|endoftext|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|endofprompt|>', '<|', '|>', '<', 'endoftext', 'x', ' ', '中'), 12)],
    params,
  )('special tokens: the same refusal on every encoding', (text) => {
    for (const name of ENCODINGS) expectSame(core, name, text);
  });
});

let edge: Core | undefined;

describe('BPE core robustness', () => {
  test.prop([fc.uint8Array({ maxLength: 64 }), fc.constantFrom(...ENCODINGS)], params)('any bytes (even invalid UTF-8): no trap, 0 <= count <= length', (bytes, name) => {
    const x = core.x;
    const p = x.alloc(Math.max(1, bytes.length));
    new Uint8Array(x.memory.buffer, p, bytes.length).set(bytes);
    const n = x.bpeCount(core.id(name), p, bytes.length);
    x.free(p);
    if (n < 0 || n > bytes.length) throw new Error(`count ${n} for ${bytes.length} bytes`);
  });

  test.prop([fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }), fc.constantFrom('cl100k_base', 'o200k_base', 'r50k_base')], {
    ...params,
    numRuns: Math.min(params.numRuns, 300),
  } as const)('text ending at the last byte of linear memory (word reads stay in bounds)', async (text, name) => {
    // A separate instance: each run grows its memory by a page the allocator does not know about.
    edge ??= await loadCore();
    const fresh = edge;
    const x = fresh.x;
    fresh.count(name, 'warm up the cache and scratch 中文 ' + text);
    x.memory.grow(1);
    const bytes = new TextEncoder().encode(text);
    const at = x.memory.buffer.byteLength - bytes.length;
    new Uint8Array(x.memory.buffer, at, bytes.length).set(bytes);
    const out = x.alloc(4 * (bytes.length + 1));
    const n = x.bpeEncode(fresh.id(name), at, bytes.length, out, bytes.length + 1);
    const ids = Array.from(new Uint32Array(x.memory.buffer, out, Math.max(0, n)));
    const ref = reference(name, text);
    if (ids.join() !== ref.join()) throw new Error(`${name}: ${ids.join()} != ${ref.join()} for ${JSON.stringify(text)}`);
  });
});
