// Substring search for the ported code: the results of AssemblyScript's String#indexOf / #includes /
// #replaceAll (which the port was written against), found with a SIMD scan for the first code unit
// instead of a full comparison at every position (the standard library's loop calls compareImpl once
// per character, which dominated the apply_patch and markup paths in profiles).

/** Index of the first `search` in `s` at or after `from` (clamped to 0..length); `search` empty gives 0, as String#indexOf does here. */
export function find(s: string, search: string, from: i32 = 0): i32 {
  const m = search.length;
  if (m == 0) return 0;
  const n = s.length;
  if (n == 0) return -1;
  let i = from < 0 ? 0 : from > n ? n : from;
  const last = n - m; // the last position a match can start at
  if (i > last) return -1;
  const p = changetype<usize>(s);
  const q = changetype<usize>(search);
  const first = load<u16>(q);
  const restBytes = <usize>(m - 1) << 1;
  const splat = i16x8.splat(first);
  // Eight candidate positions a step while all eight can start a match.
  while (i + 8 <= last + 1) {
    let mask = i16x8.bitmask(i16x8.eq(v128.load(p + (<usize>i << 1)), splat));
    while (mask != 0) {
      const at = i + <i32>ctz(mask);
      if (m == 1 || memory.compare(p + (<usize>at << 1) + 2, q + 2, restBytes) == 0) return at;
      mask &= mask - 1;
    }
    i += 8;
  }
  for (; i <= last; i++) {
    if (load<u16>(p + (<usize>i << 1)) == first && (m == 1 || memory.compare(p + (<usize>i << 1) + 2, q + 2, restBytes) == 0)) return i;
  }
  return -1;
}

/** `s.includes(search, from)`. */
// @ts-ignore: decorator
@inline
export function contains(s: string, search: string, from: i32 = 0): bool {
  return find(s, search, from) >= 0;
}

/** `s.replaceAll(search, replacement)` (the same string when nothing matches). */
export function replaceAllOf(s: string, search: string, replacement: string): string {
  const m = search.length;
  if (m == 0 || s.length <= m) return s.replaceAll(search, replacement);
  let next = find(s, search, 0);
  if (next < 0) return s;
  const n = s.length;
  const r = replacement.length;
  const p = changetype<usize>(s);
  let outLen = 0;
  let cap = n + (r > m ? (r - m) * 4 : 0);
  let out = __new(<usize>cap << 1, idof<string>());
  let prev = 0;
  while (next >= 0) {
    const chunk = next - prev;
    if (outLen + chunk + r > cap) {
      cap = max(cap << 1, outLen + chunk + r);
      out = __renew(out, <usize>cap << 1);
    }
    memory.copy(out + (<usize>outLen << 1), p + (<usize>prev << 1), <usize>chunk << 1);
    outLen += chunk;
    memory.copy(out + (<usize>outLen << 1), changetype<usize>(replacement), <usize>r << 1);
    outLen += r;
    prev = next + m;
    next = find(s, search, prev);
  }
  const tail = n - prev;
  if (outLen + tail > cap) {
    cap = outLen + tail;
    out = __renew(out, <usize>cap << 1);
  }
  memory.copy(out + (<usize>outLen << 1), p + (<usize>prev << 1), <usize>tail << 1);
  outLen += tail;
  if (outLen != cap) out = __renew(out, <usize>outLen << 1);
  return changetype<string>(out);
}
