// sha256Hex against node:crypto; fnv1a32 against a reference written from the FNV definition.
import { fc, test } from '@fast-check/vitest';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Harness, decodeUtf16, fcParams, loadHarness } from './host.js';

let h: Harness;
beforeAll(async () => {
  h = await loadHarness();
});

const params = fcParams();
const sha = (b: Uint8Array) => decodeUtf16(h.callBytes('sha256', b).bytes);
const fnv = (b: Uint8Array) => h.callNumber('fnv1a', b) >>> 0;

function fnvReference(b: Uint8Array): number {
  let x = 0x811c9dc5;
  for (const byte of b) x = Math.imul(x ^ byte, 0x01000193) >>> 0;
  return x;
}

describe('sha256Hex === node:crypto', () => {
  it('every length around the block and padding boundaries', () => {
    for (let n = 0; n <= 300; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 255);
      expect(sha(b)).toBe(createHash('sha256').update(b).digest('hex'));
    }
  });

  it('known vector and 1 MiB', () => {
    expect(sha(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const big = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 7) & 255);
    expect(sha(big)).toBe(createHash('sha256').update(big).digest('hex'));
  });

  test.prop([fc.uint8Array({ maxLength: 500 })], params)('arbitrary bytes', (b) => {
    expect(sha(b)).toBe(createHash('sha256').update(b).digest('hex'));
  });
});

describe('fnv1a32', () => {
  it('published vectors', () => {
    expect(fnv(new Uint8Array())).toBe(0x811c9dc5);
    expect(fnv(new TextEncoder().encode('a'))).toBe(0xe40c292c);
    expect(fnv(new TextEncoder().encode('foobar'))).toBe(0xbf9cf968);
  });

  test.prop([fc.uint8Array({ maxLength: 300 })], params)('matches the definition', (b) => {
    expect(fnv(b)).toBe(fnvReference(b));
  });
});
