// Payloads for the boundary benchmark: four synthetic shapes at four sizes, and real provider response
// bodies from ../shared/corpus/compat.jsonl. Deterministic (a fixed-seed generator), so runs compare.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SIZES = [1024, 16 * 1024, 256 * 1024, 4 * 1024 * 1024];

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = ['hello', 'world', 'tool_call', 'arguments', 'Paris', '日本語', 'données', 'привет', '😀', 'a "quoted" word', 'tab\tand\nnewline', 'path/to/file.ts', 'ok'];

/** Grows `make(i)` items in an array until its JSON reaches `bytes`. */
function fill(bytes, make) {
  const items = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const item = make(i);
    size += JSON.stringify(item).length + 1;
    items.push(item);
  }
  return items;
}

const SHAPES = {
  /** Nested objects and arrays, eight levels down, small leaves. */
  deep: (bytes, r) =>
    fill(bytes, (i) => {
      let v = { id: i, ok: r() < 0.5, name: WORDS[i % WORDS.length] };
      for (let d = 0; d < 8; d++) v = d % 2 ? [v, d] : { level: d, child: v };
      return v;
    }),
  /** Objects with many short members. */
  wide: (bytes, r) =>
    fill(bytes, (i) => Object.fromEntries(Array.from({ length: 64 }, (_, k) => [`field_${k}`, k % 3 === 0 ? Math.floor(r() * 1000) : k % 3 === 1 ? `v${i}_${k}` : null]))),
  /** Long strings: prose in several scripts, escapes, emoji. */
  'string-heavy': (bytes, r) =>
    fill(bytes, () => ({ role: 'assistant', content: Array.from({ length: 40 }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ') })),
  /** Doubles and integers. */
  'number-heavy': (bytes, r) => fill(bytes, () => [r() * 1e6 - 5e5, Math.floor(r() * 1e9), r() * 1e-6, -Math.floor(r() * 100), r()]),
};

/** `{ shape, size, text, bytes }` for every shape and size. */
export function syntheticPayloads() {
  const out = [];
  for (const [shape, make] of Object.entries(SHAPES)) {
    for (const size of SIZES) {
      const text = JSON.stringify(make(size, rng(size ^ shape.length)));
      out.push({ shape, size, text, bytes: new TextEncoder().encode(text) });
    }
  }
  return out;
}

/** Every JSON response body in the compat corpus, as the provider sent it. */
export function corpusBodies(corpusDir) {
  const out = [];
  for (const line of readFileSync(join(corpusDir, 'compat.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const body = JSON.parse(line).input?.response?.body;
    if (body === undefined || body === null || typeof body !== 'object') continue;
    const text = JSON.stringify(body);
    out.push({ shape: 'compat body', size: text.length, text, bytes: new TextEncoder().encode(text) });
  }
  return out;
}
