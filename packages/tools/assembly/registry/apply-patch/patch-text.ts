// llms 0.6 `normalizeApplyPatchText` (tools/apply-patch/patch-text/normalize.js): any patch-like text ->
// apply_patch's `*** Begin Patch` form (fences and conflict markers dropped, git/unified/context/star
// diffs converted, headers normalized, End marker added, missing line prefixes repaired).
import { jsTrim } from '@llms-wasm/module-kit/assembly';
import { hasLineStarting, hasLineStartingWs, hasLineStartingWsThenText } from '../../js/lines';
import { crlfToLf, joinStrings, splitChar } from '../../js/strings';
import { convertContextDiffToApplyPatch } from './context-diff';
import { convertGitDiffToApplyPatch } from './git-diff';
import { decodeEscapedNewlinesIfNeeded, normalizeBeginEndMarkers, normalizeFileHeader, splitInlineBeginPatchFileHeader, stripCodeFences, stripConflictMarkers } from './patch-headers';
import { convertStarHeaderDiff, convertUnifiedDiff } from './unified-diff';
import { find, replaceAllOf } from '../../js/find';

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';

function has(s: string, lit: string): bool {
  return find(s, lit) >= 0;
}

/** A GNU unified diff wrapped in Begin/End markers, unwrapped and converted. */
function unwrapUnifiedInMarkers(text: string): string {
  if (!(text.startsWith(BEGIN) && !has(text, '*** Update File:') && !has(text, '*** Add File:') && !has(text, '*** Delete File:'))) return text;
  if (!(hasLineStartingWs(text, '---') || hasLineStartingWs(text, '+++'))) return text;
  const lines = splitChar(text, 0x0a);
  const kept = new Array<string>();
  const last = lines.length - 1;
  for (let i = 0; i < lines.length; i++) {
    const l = unchecked(lines[i]);
    if (i == 0 && l.startsWith(BEGIN)) continue;
    if (i == last && l.startsWith(END)) continue;
    kept.push(l);
  }
  const converted = convertUnifiedDiff(jsTrim(joinStrings(kept, '\n')));
  return converted !== null ? converted : text;
}

function convertForeignDiffs(input: string): string {
  let text = input;
  if (!has(text, BEGIN) && has(text, 'diff --git')) {
    const converted = convertGitDiffToApplyPatch(text);
    if (converted !== null) text = converted;
  } else if (!has(text, BEGIN) && !has(text, 'diff --git')) {
    const converted = convertStarHeaderDiff(text);
    if (converted !== null) text = converted;
  }
  if (!has(text, BEGIN) && !has(text, 'diff --git') && has(text, '***************') && hasLineStartingWsThenText(text, '***') && hasLineStartingWsThenText(text, '---')) {
    const converted = convertContextDiffToApplyPatch(text);
    if (converted !== null) text = converted;
  } else if (!has(text, BEGIN) && !has(text, 'diff --git')) {
    const converted = convertUnifiedDiff(text);
    if (converted !== null) text = converted;
  }
  return text;
}

/** The first/last End marker cut: keep up to the first one when patches were concatenated, else up to the last. */
function cutAtEnd(text: string): string {
  const first = find(text, END);
  const concatenated =
    has(text, END + '","input":"' + BEGIN) ||
    has(text, END + '","patch":"' + BEGIN) ||
    has(text, END + '\\",\\"input\\":\\"' + BEGIN) ||
    has(text, END + '\\",\\"patch\\":\\"' + BEGIN);
  if (concatenated && first >= 0) return text.substring(0, first + END.length);
  const last = text.lastIndexOf(END);
  if (last >= 0 && jsTrim(text.substring(last + END.length)).length > 0) return text.substring(0, last + END.length);
  return text;
}

/** Lines of Update sections without a prefix become context; Add-section lines get their `+`. */
function repairSections(text: string): string {
  const lines = splitChar(text, 0x0a);
  const out = new Array<string>();
  let inUpdate = false;
  let inAdd = false;
  let afterUpdateHeader = false;
  for (let i = 0; i < lines.length; i++) {
    const line = unchecked(lines[i]);
    if (line.startsWith(BEGIN) || line.startsWith(END) || line.startsWith('*** Delete File:')) {
      out.push(line);
      inUpdate = false;
      inAdd = false;
      afterUpdateHeader = false;
      continue;
    }
    if (line.startsWith('*** Update File:')) {
      out.push(line);
      inUpdate = true;
      inAdd = false;
      afterUpdateHeader = true;
      continue;
    }
    if (line.startsWith('*** Add File:')) {
      out.push(line);
      inUpdate = false;
      inAdd = true;
      afterUpdateHeader = false;
      continue;
    }
    if (inUpdate) {
      if (afterUpdateHeader && jsTrim(line).length == 0) continue;
      afterUpdateHeader = false;
      if (line.startsWith('@@') || line.startsWith('+') || line.startsWith('-') || line.startsWith(' ')) out.push(line);
      else out.push(' ' + line);
      continue;
    }
    if (inAdd) {
      out.push(line.startsWith('+') ? line : '+' + line);
      continue;
    }
    out.push(line);
  }
  return joinStrings(out, '\n');
}

/** `normalizeApplyPatchText(raw)` for a non-empty string (the caller handles ''). */
export function normalizeApplyPatchText(raw: string): string {
  if (raw.length == 0) return raw;
  let text = crlfToLf(raw);
  text = decodeEscapedNewlinesIfNeeded(text);
  text = stripCodeFences(text);
  text = jsTrim(text);
  if (text.length == 0) return raw;
  text = stripConflictMarkers(text);
  text = splitInlineBeginPatchFileHeader(text);
  text = normalizeBeginEndMarkers(text);
  text = unwrapUnifiedInMarkers(text);
  text = convertForeignDiffs(text);
  text = replaceAllOf(text, '*** Create File:', '*** Add File:');
  const headerLines = splitChar(text, 0x0a);
  for (let i = 0; i < headerLines.length; i++) headerLines[i] = normalizeFileHeader(unchecked(headerLines[i]));
  text = joinStrings(headerLines, '\n');
  const hasBegin = has(text, BEGIN);
  if (hasBegin && !has(text, END)) text = text + '\n' + END;
  if (!hasBegin && (hasLineStarting(text, '*** Add File:') || hasLineStarting(text, '*** Update File:') || hasLineStarting(text, '*** Delete File:'))) {
    text = BEGIN + '\n' + text + '\n' + END;
  }
  if (!has(text, BEGIN)) return text;
  const beginIndex = find(text, BEGIN);
  if (beginIndex > 0) text = text.substring(beginIndex);
  return repairSections(cutAtEnd(text));
}
