// llms 0.6 `looksLikePatch` (tools/apply-patch/patch-text/looks-like-patch.js) and the Begin-Patch
// line test of extract-patch.js, as scanners.
import { jsTrim } from '@llms-wasm/module-kit/assembly';
import { isWordChar, isWs, matchAt, skipWs } from '../../js/chars';
import { findAfterWsLineStart, hasLineStarting, hasLineStartingWs } from '../../js/lines';

/** /^(?:\s*)\*\*\*\s*Begin Patch\b/m */
export function hasBeginPatchLine(s: string): bool {
  let j = findAfterWsLineStart(s, '***', 0);
  while (j >= 0) {
    const k = skipWs(s, j + 3);
    if (matchAt(s, k, 'Begin Patch') && !(k + 11 < s.length && isWordChar(s.charCodeAt(k + 11)))) return true;
    j = findAfterWsLineStart(s, '***', j + 1);
  }
  return false;
}

/** /^(?:\s*)\*\*\*\s*(?:Update|Add|Create|Delete)\s+File:/m */
function hasFileHeaderLine(s: string): bool {
  let j = findAfterWsLineStart(s, '***', 0);
  while (j >= 0) {
    const k = skipWs(s, j + 3);
    let m = -1;
    if (matchAt(s, k, 'Update')) m = k + 6;
    else if (matchAt(s, k, 'Add')) m = k + 3;
    else if (matchAt(s, k, 'Create')) m = k + 6;
    else if (matchAt(s, k, 'Delete')) m = k + 6;
    if (m >= 0 && m < s.length && isWs(s.charCodeAt(m)) && matchAt(s, skipWs(s, m), 'File:')) return true;
    j = findAfterWsLineStart(s, '***', j + 1);
  }
  return false;
}

/** `looksLikePatch(text)`. */
export function looksLikePatch(text: string | null): bool {
  if (text === null || text.length == 0) return false;
  const t = jsTrim(text);
  if (t.length == 0) return false;
  return hasBeginPatchLine(t) || hasFileHeaderLine(t) || hasLineStartingWs(t, 'diff --git') || hasLineStarting(t, '@@') || hasLineStartingWs(t, '+++') || hasLineStartingWs(t, '---');
}
