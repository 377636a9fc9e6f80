// Rejections carry V8's JSON.parse message and position (code units for parse(string), bytes for
// parseUtf8). V8's "Unexpected token" messages also quote the source; only the prefix is compared.
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { mutatedJsonText } from './arbitraries.js';
import { type Harness, fcParams, loadHarness, roundtripBytes, roundtripString, utf8 } from './host.js';

let h: Harness;
beforeAll(async () => {
  h = await loadHarness();
});

const params = fcParams();

/** V8's error for `text` as { message, offset? }, or null when JSON.parse accepts it. */
function v8Error(text: string): { message: string; offset?: number } | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const m = (e as Error).message;
    let r = /^(.*?) (?:in JSON )?at position (\d+)/s.exec(m);
    if (r) return { message: r[1] as string, offset: Number(r[2]) };
    // The token is one character; lazily matched, so a quoted source holding "', " is not taken for it.
    r = /^Unexpected token '(.+?)', (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/su.exec(m);
    if (r) return { message: `Unexpected token '${r[1]}'` };
    return { message: m };
  }
}

function expectV8Error(text: string): void {
  const want = v8Error(text);
  if (want === null) return;
  const got = roundtripString(h, text);
  expect(got.ok).toBe(false);
  if (got.ok) return;
  expect({ message: got.message, ...(want.offset === undefined ? {} : { offset: got.offset }) }).toEqual(want);
  if (text.isWellFormed?.() ?? !/[\ud800-\udfff]/.test(text)) {
    // Same message on the UTF-8 path, with the position converted to bytes.
    const b = roundtripBytes(h, utf8(text));
    expect(b.ok).toBe(false);
    if (b.ok) return;
    const bytePos = want.offset === undefined ? undefined : utf8(text.slice(0, want.offset)).length;
    expect({ message: b.message, ...(bytePos === undefined ? {} : { offset: b.offset }) }).toEqual({ ...want, ...(bytePos === undefined ? {} : { offset: bytePos }) });
  }
}

describe('error messages and positions match V8', () => {
  test.prop([mutatedJsonText], { ...params, numRuns: params.numRuns * 3 })('mutated texts', expectV8Error);

  it('edge texts', () => {
    for (const t of [
      // a quoted source that itself holds "', " after the bad token (found by seed 101)
      `  [ {"a":")'\\u0059h'" , "b" :[  -1 ]},  {"c":2 , "x" ', false] `,
      '', ' ', 'x', 'NaN', 'Infinity', '-Infinity', 'undefined', '[object Object]', '{', '[', '{"a":1,', '[1,', '"abc\\', '"\\u12"', '"\\uZZZZ"',
      '"\\x"', '"\\\u0100"', '"\\\u00ff"', '"\\\ud800"', '01', '-', '1.', '1e', '1e+', '"\t"', '{"a" 1}', '{"a":1, "b" 1}', '{"a":1, "b" "c"}',
      '{"a":1, "b"', 'nulx', 'nul', 'tr"', 't1', '[1 2]', '{"a":1 2}', '{1:2}', '{"a":1,}', '1 2', '[1]]', '"é\\q"', '"€', '€',
    ]) {
      expectV8Error(t);
    }
  });
});
