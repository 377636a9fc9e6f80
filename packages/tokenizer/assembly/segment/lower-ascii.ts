// JavaScript's toLowerCase, for comparisons against ASCII words without the letter k: the only
// non-ASCII characters whose lower case contains ASCII letters are U+0130 (-> "i\u0307", which can
// never complete such a word) and U+212A KELVIN SIGN (-> "k"), so ASCII folding gives the same answer.

/** `s` with A-Z lowered; other code units unchanged. */
export function lowerAsciiString(s: string): string {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) break;
    i++;
  }
  if (i == n) return s;
  const out = new Array<string>();
  let kept = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      out.push(s.substring(kept, i));
      out.push(String.fromCharCode(c + 32));
      kept = i + 1;
    }
  }
  out.push(s.substring(kept));
  return out.join('');
}
