// The unified-diff and "*** a / --- b" star-header converters of llms 0.6
// tools/apply-patch/patch-text/normalize.js.
import { jsTrim } from '@llms-wasm/module-kit/assembly';
import { isLineTerminator, isWs, lineEnd, skipWs } from '../../js/chars';
import { crlfToLf, joinStrings, splitChar } from '../../js/strings';
import { beforeTab, starHeaderPath, unifiedHeaderPath } from './diff-paths';
import { convertGitDiffToApplyPatch } from './git-diff';
import { find } from '../../js/find';

/** Group 1 of the first match of /^LIT\s+(.*)$/m, or null. */
function firstHeaderRest(text: string, lit: string): string | null {
  let j = find(text, lit);
  while (j >= 0) {
    if (j == 0 || isLineTerminator(text.charCodeAt(j - 1))) {
      const k = j + lit.length;
      if (k < text.length && isWs(text.charCodeAt(k))) {
        const start = skipWs(text, k);
        return text.substring(start, lineEnd(text, start));
      }
    }
    j = find(text, lit, j + 1);
  }
  return null;
}

/** convertUnifiedDiffToApplyPatchIfPossible. */
export function convertUnifiedDiff(text: string): string | null {
  if (text.length == 0) return null;
  if (find(text, 'diff --git') >= 0) return convertGitDiffToApplyPatch(text);
  const minus = firstHeaderRest(text, '---');
  const plus = firstHeaderRest(text, '+++');
  if (minus === null || plus === null) return null;
  const minusPath = unifiedHeaderPath(beforeTab(minus));
  const plusPath = unifiedHeaderPath(beforeTab(plus));
  const filePath = plusPath == '/dev/null' ? minusPath : plusPath;
  if (filePath.length == 0) return null;
  return convertGitDiffToApplyPatch('diff --git a/' + filePath + ' b/' + filePath + '\n' + text);
}

/** convertStarHeaderDiffToApplyPatchIfPossible. */
export function convertStarHeaderDiff(text: string): string | null {
  if (text.length == 0 || find(text, '*** Begin Patch') >= 0 || find(text, 'diff --git') >= 0) return null;
  const lines = splitChar(crlfToLf(text), 0x0a);
  if (lines.length < 3) return null;
  const first = jsTrim(unchecked(lines[0]));
  const second = jsTrim(unchecked(lines[1]));
  if (!first.startsWith('*** ') || !second.startsWith('--- ')) return null;
  if (first.startsWith('*** Add File:') || first.startsWith('*** Update File:') || first.startsWith('*** Delete File:')) return null;
  let hunk = false;
  for (let i = 0; i < lines.length; i++) {
    if (unchecked(lines[i]).startsWith('@@')) {
      hunk = true;
      break;
    }
  }
  if (!hunk) return null;
  const oldPath = starHeaderPath(first.substring(4));
  const newPath = starHeaderPath(second.substring(4));
  const out = new Array<string>();
  out.push('*** Begin Patch');
  if (oldPath == '/dev/null' && newPath.length > 0 && newPath != '/dev/null') {
    out.push('*** Add File: ' + newPath);
    for (let i = 2; i < lines.length; i++) if (unchecked(lines[i]).startsWith('+')) out.push(unchecked(lines[i]));
    out.push('*** End Patch');
    return joinStrings(out, '\n');
  }
  if (newPath == '/dev/null' && oldPath.length > 0 && oldPath != '/dev/null') {
    out.push('*** Delete File: ' + oldPath);
    out.push('*** End Patch');
    return joinStrings(out, '\n');
  }
  const filePath = newPath.length > 0 ? newPath : oldPath;
  if (filePath.length == 0) return null;
  out.push('*** Update File: ' + filePath);
  for (let i = 2; i < lines.length; i++) out.push(unchecked(lines[i]));
  out.push('*** End Patch');
  return joinStrings(out, '\n');
}
