// Converts tiktoken's own rank files (node_modules/tiktoken/encoders/<name>.json, field `bpe_ranks`)
// into one compact binary blob per distinct rank table (dist/ranks/<table>.bin), plus
// dist/ranks/manifest.json for the host and assembly/generated/encodings.ts (encoding ids, the
// encoding -> table and encoding -> pre-tokenizer maps, the special tokens).
//
// bpe_ranks format (read off the data): lines "! <firstRank> <base64 token> <base64 token> ...";
// tokens on a line take consecutive ranks from firstRank. Ranks not listed are unused.
//
// Blob format "BPE1" (little-endian), documented in docs/decisions/0003-bpe-in-assemblyscript.md:
//   0  u8[4] magic "BPE1"        4  u32 version (1)       8  u32 nRanks (max rank + 1)
//  12  u32 nTokens               16 u32 maxTokenLen       20 u32 bytesLen
//  24  u32 checksum of bytes [32, end) (see checksum())  28 u32 reserved (0)
//  32  u8 tokenLen[nRanks]   (0 = rank unused)
//  32+nRanks  u8 tokenBytes[bytesLen]   (the tokens' bytes in rank order)
//
// Usage: node scripts/gen-ranks.mjs   (run by scripts/build-wasm.mjs)
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkgRoot = join(here, '..');
const require = createRequire(join(pkgRoot, 'package.json'));

/** The encodings the WASM core supports, in id order. */
const ENCODINGS = ['r50k_base', 'p50k_base', 'p50k_edit', 'cl100k_base', 'o200k_base'];

/** The pre-tokenizer patterns assembly/bpe/pretokenize-*.ts implement, by family id. */
const PATTERNS = [
  ['gpt2', "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"],
  [
    'cl100k',
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
  ],
  [
    'o200k',
    "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
  ],
];

const HEADER = 32;
const MAGIC = [0x42, 0x50, 0x45, 0x31];

/**
 * The blob checksum (also computed by assembly/bpe/ranks.ts): over the little-endian u32 words of
 * the bytes (zero-padded to a multiple of 4), h = rotl(h ^ w, 13) * 0x9e3779b1, from 0x811c9dc5.
 */
export function checksum(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i += 4) {
    const w = (bytes[i] | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24)) >>> 0;
    const x = (h ^ w) >>> 0;
    h = Math.imul(((x << 13) | (x >>> 19)) >>> 0, 0x9e3779b1) >>> 0;
  }
  return h >>> 0;
}

/** Parses `bpe_ranks` into an array indexed by rank (undefined = unused rank). */
export function parseBpeRanks(text) {
  const byRank = [];
  const seen = new Map();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const fields = line.split(' ');
    if (fields[0] !== '!' || fields.length < 2 || !/^\d+$/.test(fields[1])) {
      throw new Error(`unexpected bpe_ranks line start: ${JSON.stringify(line.slice(0, 40))}`);
    }
    let rank = Number(fields[1]);
    for (let i = 2; i < fields.length; i++, rank++) {
      const b64 = fields[i];
      const bytes = Buffer.from(b64, 'base64');
      if (bytes.length === 0 || bytes.toString('base64') !== b64) throw new Error(`bad base64 token ${b64}`);
      if (byRank[rank] !== undefined) throw new Error(`rank ${rank} listed twice`);
      const key = bytes.toString('latin1');
      if (seen.has(key)) throw new Error(`token ${b64} has ranks ${seen.get(key)} and ${rank}`);
      seen.set(key, rank);
      byRank[rank] = bytes;
    }
  }
  for (let b = 0; b < 256; b++) {
    if (!seen.has(String.fromCharCode(b))) throw new Error(`single byte ${b} has no rank`);
  }
  return byRank;
}

export function buildBlob(byRank) {
  const nRanks = byRank.length;
  let bytesLen = 0;
  let nTokens = 0;
  let maxTokenLen = 0;
  for (const t of byRank) {
    if (!t) continue;
    if (t.length > 255) throw new Error('token longer than 255 bytes: the BPE1 length field is a u8');
    nTokens++;
    bytesLen += t.length;
    maxTokenLen = Math.max(maxTokenLen, t.length);
  }
  const blob = Buffer.alloc(HEADER + nRanks + bytesLen);
  blob.set(MAGIC, 0);
  blob.writeUInt32LE(1, 4);
  blob.writeUInt32LE(nRanks, 8);
  blob.writeUInt32LE(nTokens, 12);
  blob.writeUInt32LE(maxTokenLen, 16);
  blob.writeUInt32LE(bytesLen, 20);
  let off = HEADER + nRanks;
  for (let r = 0; r < nRanks; r++) {
    const t = byRank[r];
    if (!t) continue;
    blob[HEADER + r] = t.length;
    blob.set(t, off);
    off += t.length;
  }
  blob.writeUInt32LE(checksum(blob.subarray(HEADER)), 24);
  return { blob, nRanks, nTokens, maxTokenLen, bytesLen };
}

function asBytes(str) {
  return Array.from(Buffer.from(str, 'utf8'));
}

export function generateRanks({
  distDir = join(pkgRoot, 'dist', 'ranks'),
  genDir = join(pkgRoot, 'assembly', 'generated'),
} = {}) {
  const tiktokenDir = dirname(require.resolve('tiktoken')); // the package root holds tiktoken.cjs
  const tiktokenVersion = JSON.parse(readFileSync(join(tiktokenDir, 'package.json'), 'utf8')).version;
  const tables = []; // { name, rankText, ... }
  const encodings = [];
  for (const [id, name] of ENCODINGS.entries()) {
    const json = JSON.parse(readFileSync(join(tiktokenDir, 'encoders', `${name}.json`), 'utf8'));
    const family = PATTERNS.findIndex(([, pat]) => pat === json.pat_str);
    if (family < 0) throw new Error(`${name}: pat_str is not one the WASM pre-tokenizers implement: ${json.pat_str}`);
    let table = tables.findIndex((t) => t.rankText === json.bpe_ranks);
    if (table < 0) {
      table = tables.length;
      tables.push({ name, rankText: json.bpe_ranks });
    }
    const specials = Object.entries(json.special_tokens).sort((a, b) => a[1] - b[1]);
    for (const [tok] of specials) {
      if (!tok.startsWith('<|')) throw new Error(`${name}: special token ${tok} does not start with "<|" (the scan relies on it)`);
    }
    encodings.push({ id, name, table, family, familyName: PATTERNS[family][0], specials });
  }

  mkdirSync(distDir, { recursive: true });
  const manifestTables = tables.map((t, id) => {
    const { blob, nRanks, nTokens, maxTokenLen, bytesLen } = buildBlob(parseBpeRanks(t.rankText));
    const file = `${t.name}.bin`;
    writeFileSync(join(distDir, file), blob);
    return {
      id,
      name: t.name,
      file,
      nRanks,
      nTokens,
      maxTokenLen,
      bytesLen,
      size: blob.length,
      sha256: createHash('sha256').update(blob).digest('hex'),
    };
  });
  const manifest = {
    format: 'BPE1',
    source: `tiktoken@${tiktokenVersion}/encoders`,
    encodings: encodings.map((e) => ({
      id: e.id,
      name: e.name,
      table: e.table,
      pattern: e.familyName,
      specialTokens: Object.fromEntries(e.specials),
    })),
    tables: manifestTables,
  };
  writeFileSync(join(distDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  // Special tokens: one byte pool, and per encoding a run of (offset, length, id) u32 triples.
  const pool = [];
  const triples = [];
  const encRuns = [];
  for (const e of encodings) {
    encRuns.push([triples.length / 3, e.specials.length]);
    for (const [tok, tokId] of e.specials) {
      const b = asBytes(tok);
      triples.push(pool.length, b.length, tokId);
      pool.push(...b);
    }
  }
  const constName = (s) => s.toUpperCase();
  const src = `// GENERATED by scripts/gen-ranks.mjs from tiktoken@${tiktokenVersion}/encoders — do not edit, not committed.

${encodings.map((e) => `/** ${e.name}: rank table ${e.table}, ${e.familyName} pre-tokenizer, ${e.specials.length} special token(s). */\nexport const ENC_${constName(e.name)}: i32 = ${e.id};`).join('\n')}
export const ENC_COUNT: i32 = ${encodings.length};

${manifestTables.map((t) => `/** Rank table in dist/ranks/${t.file} (${t.nTokens} tokens). */\nexport const TABLE_${constName(t.name)}: i32 = ${t.id};`).join('\n')}
export const TABLE_COUNT: i32 = ${manifestTables.length};

export const PAT_GPT2: u32 = 0;
export const PAT_CL100K: u32 = 1;
export const PAT_O200K: u32 = 2;

/** Encoding id -> rank table id. */
export const ENC_TABLE: usize = memory.data<u8>([${encodings.map((e) => e.table).join(', ')}]);
/** Encoding id -> pre-tokenizer (PAT_*). */
export const ENC_PATTERN: usize = memory.data<u8>([${encodings.map((e) => e.family).join(', ')}]);
/** Encoding id -> (first special triple, count) as two u32. */
export const ENC_SPECIALS: usize = memory.data<u32>([${encRuns.flat().join(', ')}]);
/** Special tokens as (byte offset in SPECIAL_POOL, byte length, token id) u32 triples. */
export const SPECIAL_TRIPLES: usize = memory.data<u32>([${triples.join(', ')}]);
export const SPECIAL_POOL: usize = memory.data<u8>([${pool.join(', ')}]);
`;
  mkdirSync(genDir, { recursive: true });
  writeFileSync(join(genDir, 'encodings.ts'), src);
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const m = generateRanks();
  for (const t of m.tables) console.log(`gen-ranks: dist/ranks/${t.file} ${t.nTokens} tokens, ${t.size} bytes`);
}
