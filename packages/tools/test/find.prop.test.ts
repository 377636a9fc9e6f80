// The port's substring search (assembly/js/find.ts, a SIMD scan) against JavaScript's String#indexOf
// and a literal replace-all, through dist/tools-harness.wasm: every position, clamped starts, matches
// that overlap, lone surrogates, texts long enough for the eight-units-a-step loop.
import { readFileSync } from 'node:fs';
import { WasmHost } from '@llms-wasm/module-kit';
import { fc } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';

let harness: WasmHost;

beforeAll(async () => {
  harness = await WasmHost.load({ name: 'tools-harness', wasm: new Uint8Array(readFileSync(new URL('../dist/tools-harness.wasm', import.meta.url))) });
});

/** The string as the module sees it after UTF-8 (lone surrogates become U+FFFD). */
const asSent = (x: string): string => new TextDecoder().decode(new TextEncoder().encode(x));

/** Calls a harness export with a JSON array and reads its UTF-16 text record. */
function text(op: string, args: unknown[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(args));
  const rec = (harness.exports[op] as (p: number, l: number) => number)(harness.writeInput(bytes), bytes.length);
  const view = new DataView(harness.bytes().buffer, rec, 8);
  return new TextDecoder('utf-16le').decode(harness.bytes().subarray(rec + 8, rec + 8 + view.getUint32(4, true)));
}

// Few distinct units, so matches, near-matches and overlaps are frequent; surrogates included.
const unit = fc.constantFrom('a', 'a', 'b', 'ab', '\n', '\r\n', '*', '\ud800', '\udc00', '😀', 'é');
const str = (max: number) => fc.array(unit, { maxLength: max }).map((a) => a.join(''));
const haystack = fc.oneof(str(12), str(80), str(300));

describe('find / replaceAllOf == String#indexOf / literal replace', () => {
  it('find(s, search, from) is s.indexOf(search, from) (an empty search gives 0)', () => {
    fc.assert(
      fc.property(haystack, str(4), fc.integer({ min: -3, max: 320 }), (s, search, from) => {
        // TextEncoder turns lone surrogates into U+FFFD on the way in: compare on what the module sees.
        const hs = asSent(s);
        const ss = asSent(search);
        const want = ss.length === 0 ? 0 : hs.indexOf(ss, from);
        expect(Number(text('findOf', [hs, ss, from]))).toBe(want);
      }),
    );
  });

  it('replaceAllOf(s, search, r) replaces every non-overlapping match, left to right, literally', () => {
    fc.assert(
      fc.property(haystack, str(4).filter((x) => x.length > 0), fc.oneof(str(3), fc.constantFrom('$&', '$1', '')), (s, search, r) => {
        const hs = asSent(s);
        const ss = asSent(search);
        const rs = asSent(r);
        expect(text('replaceAllOfText', [hs, ss, rs])).toBe(hs.split(ss).join(rs));
      }),
    );
  });
});
