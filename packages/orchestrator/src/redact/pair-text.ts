/**
 * Header pairs written out as text — `"name":"Authorization","value":"…"` (HAR) or the same with the
 * value first, also escaped inside JSON strings (`\"name\":\"Cookie\",\"value\":\"…\"`) — as found in diff
 * previews and logged payloads. When the pair's name is a credential, its value goes: a quoted string to
 * its closing quote (or to a preview cut, or the end of the line), an array to its closing bracket.
 * Structured pairs are handled by the walker; this is the text form of the same rule.
 */
import { structureEnd } from './structure-end.js';

const MARKER = '[secret]';
const CUT = String.raw`…\(\d+ chars\)`;
/** `(\\*)(["'])` opens a quoted token; `\1\2` closes it at the same escape level. */
const QUOTED = String.raw`\1\2((?:(?!\1\2)[^\r\n])*?)\1\2`;

const NAME_FIRST = new RegExp(
  String.raw`(\\*)(["'])(?:name|key)\1\2\s*:\s*\1\2((?:(?!\1\2)[^\r\n]){1,128}?)\1\2\s*,\s*\1\2values?\1\2\s*:\s*(?:\1\2((?:(?!\1\2)[^\r\n])*?)(?=\1\2|${CUT}|[\r\n]|$)|(?=\[))`,
  'g',
);
const VALUE_FIRST = new RegExp(String.raw`(\\*)(["'])values?\1\2\s*:\s*${QUOTED}\s*,\s*\1\2(?:name|key)\1\2\s*:\s*\1\2((?:(?!\1\2)[^\r\n]){1,128}?)\1\2`, 'g');

/** Removes the values of credential-named pairs written as text; `hit` once per removal. */
export function removePairValues(text: string, isCredential: (name: string) => boolean, hit: () => void): string {
  if (!/value/.test(text) || !/name|key/.test(text)) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(NAME_FIRST)) {
    const [whole, slashes = '', , name = '', value] = m;
    if (m.index < last || !isCredential(name)) continue;
    const start = m.index + whole.length;
    if (value !== undefined) {
      if (value === '' || value === MARKER) continue;
      out += text.slice(last, start - value.length) + MARKER;
      last = start;
    } else {
      // An array of values: inside an escaped JSON string its end cannot be told reliably, so all goes.
      out += text.slice(last, start) + MARKER;
      last = slashes === '' ? structureEnd(text, start) : text.length;
    }
    hit();
  }
  const first = out + text.slice(last);
  return first.replace(VALUE_FIRST, (whole: string, _slashes: string, _quote: string, value: string, name: string) => {
    if (!isCredential(name) || value === '' || value === MARKER) return whole;
    hit();
    const at = whole.indexOf(value, whole.indexOf(':'));
    return `${whole.slice(0, at)}${MARKER}${whole.slice(at + value.length)}`;
  });
}
