// Doubles through numberToJsString and number texts through the parser, compared with V8: 20 000 per
// generator in every run (seeded by FC_SEED); a soak of millions with SOAK_CASES. Prints the counts.
//   SOAK_CASES=2000000 pnpm exec vitest run test/assembly/number-soak.test.ts
import { beforeAll, describe, expect, it } from 'vitest';
import { type Harness, loadHarness } from './host.js';
import { fromBits, jsStrings, parseNumbersUtf8, toBits, upperHalfway } from './numbers.js';

const cases = Number(process.env['SOAK_CASES'] ?? 20_000);

let h: Harness;
beforeAll(async () => {
  h = await loadHarness();
});

// Deterministic xorshift so a failure can be replayed.
let state = BigInt(process.env['FC_SEED'] ?? 0x2545f4914f6cdd1d) | 1n;
function next64(): bigint {
  state ^= (state << 13n) & 0xffffffffffffffffn;
  state ^= state >> 7n;
  state ^= (state << 17n) & 0xffffffffffffffffn;
  return state;
}
const rnd = () => Number(next64() >> 11n) / 2 ** 53;
const ri = (n: number) => Math.floor(rnd() * n);

const doubleGens: Record<string, () => number> = {
  bits: () => fromBits(next64()),
  subnormal: () => fromBits(next64() & 0x800fffffffffffffn),
  unitRange: () => fromBits((next64() & 0x800fffffffffffffn) | (BigInt(1023 + ri(140) - 70) << 52n)),
  decimal: () => Math.round(rnd() * 10 ** (1 + ri(17))) / 10 ** ri(20),
  nearPow10: () => fromBits(toBits(Number(`1e${ri(630) - 315}`)) + BigInt(ri(21) - 10)),
  ints: () => 2 ** 53 + (ri(2 ** 21) - 2 ** 20) * 2 ** ri(12),
};

const digits = (n: number) => {
  let s = String(1 + ri(9));
  for (let i = 1; i < n; i++) s += String(ri(10));
  return s;
};
const textGens: Record<string, () => string> = {
  sig17: () => `${digits(1 + ri(17))}e${ri(700) - 350}`,
  sig19to25: () => `${digits(17 + ri(9))}e${ri(660) - 340}`,
  fraction: () => `${ri(100000)}.${digits(1 + ri(25))}`,
  halfway: () => upperHalfway(fromBits(next64() & 0x7fefffffffffffffn)),
};

describe('numbers against V8', () => {
  it(`numberToJsString over ${cases} doubles per generator`, { timeout: 3_600_000 }, () => {
    for (const [name, gen] of Object.entries(doubleGens)) {
      let bad = 0;
      for (let done = 0; done < cases; done += 100_000) {
        const xs = Array.from({ length: Math.min(100_000, cases - done) }, gen);
        const got = jsStrings(h, xs);
        for (let i = 0; i < xs.length; i++) if (got[i] !== String(xs[i])) bad++;
      }
      console.log(`numberToJsString ${name}: ${cases} cases, ${bad} mismatches`);
      expect(bad).toBe(0);
    }
  });

  it(`number parsing over ${cases} texts per generator`, { timeout: 3_600_000 }, () => {
    for (const [name, gen] of Object.entries(textGens)) {
      const n = name === 'halfway' ? Math.ceil(cases / 10) : cases;
      let bad = 0;
      for (let done = 0; done < n; done += 50_000) {
        const texts = Array.from({ length: Math.min(50_000, n - done) }, gen);
        const got = parseNumbersUtf8(h, texts);
        for (let i = 0; i < texts.length; i++) if (!Object.is(got[i], Number(texts[i]))) bad++;
      }
      console.log(`parse ${name}: ${n} cases, ${bad} mismatches`);
      expect(bad).toBe(0);
    }
  });
});
