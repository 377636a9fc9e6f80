// llms 0.6 `convertContextDiffToApplyPatch` (tools/apply-patch/patch-text/context-diff.js). The range
// numbers it parses are never used in its output, so only the header shapes matter here.
import { jsTrim } from '@llms-wasm/module-kit/assembly';
import { crlfToLf, joinStrings, splitChar } from '../../js/strings';
import { beforeTab } from './diff-paths';
import { find } from '../../js/find';

const KIND_CONTEXT = 0;
const KIND_DELETE = 1;
const KIND_ADD = 2;

class Op {
  constructor(public kind: i32, public text: string) {}
}

function lineAt(lines: Array<string>, i: i32): string {
  return i >= 0 && i < lines.length ? unchecked(lines[i]) : '';
}

function decode(raw: string, newHalf: bool): Op {
  const lead = raw.length > 0 ? <i32>raw.charCodeAt(0) : -1;
  let kind = -1;
  if (lead == 0x20) kind = KIND_CONTEXT;
  else if (lead == 0x21 || lead == 0x2d) kind = KIND_DELETE;
  else if (lead == 0x2b) kind = KIND_ADD;
  let text = raw;
  if (kind >= 0) {
    text = raw.substring(1);
    if (text.startsWith(' ')) text = text.substring(1);
  } else kind = KIND_CONTEXT;
  // In the new half, "!" (and "-") mean the added side.
  if (newHalf && kind == KIND_DELETE) kind = KIND_ADD;
  return new Op(kind, text);
}

export function convertContextDiffToApplyPatch(text: string): string | null {
  const lines = splitChar(crlfToLf(text), 0x0a);
  const out = new Array<string>();
  out.push('*** Begin Patch');
  const n = lines.length;
  let i = 0;
  while (i < n) {
    const line = lineAt(lines, i);
    if (!line.startsWith('*** ')) {
      i++;
      continue;
    }
    const oldHeader = jsTrim(line.substring(4));
    const newHeaderLine = lineAt(lines, i + 1);
    if (!newHeaderLine.startsWith('--- ')) {
      i++;
      continue;
    }
    const newHeader = jsTrim(newHeaderLine.substring(4));
    const filePathRaw = newHeader.length > 0 && newHeader != '/dev/null' ? newHeader : oldHeader;
    const filePath = jsTrim(beforeTab(filePathRaw));
    if (filePath.length == 0) {
      i += 2;
      continue;
    }
    i += 2;
    const hunksOld = new Array<Array<string>>();
    const hunksNew = new Array<Array<string>>();
    while (i < n) {
      const marker = lineAt(lines, i);
      if (marker.startsWith('*** ') && lineAt(lines, i + 1).startsWith('--- ')) break;
      if (marker.startsWith('***************')) {
        i++;
        if (!lineAt(lines, i).startsWith('*** ')) continue;
        i++;
        const oldLines = new Array<string>();
        while (i < n && !lineAt(lines, i).startsWith('--- ')) {
          const l = lineAt(lines, i);
          if (l.startsWith('***************')) break;
          if (l.startsWith('*** ') && lineAt(lines, i + 1).startsWith('--- ')) break;
          oldLines.push(l);
          i++;
        }
        if (!lineAt(lines, i).startsWith('--- ')) continue;
        i++;
        const newLines = new Array<string>();
        while (i < n) {
          const l = lineAt(lines, i);
          if (l.startsWith('***************')) break;
          if (l.startsWith('*** ') && lineAt(lines, i + 1).startsWith('--- ')) break;
          newLines.push(l);
          i++;
        }
        hunksOld.push(oldLines);
        hunksNew.push(newLines);
        continue;
      }
      i++;
    }
    if (hunksOld.length == 0) continue;
    out.push('*** Update File: ' + filePath);
    for (let h = 0; h < hunksOld.length; h++) {
      out.push('@@');
      const oldRaw = unchecked(hunksOld[h]);
      const newRaw = unchecked(hunksNew[h]);
      const oldOps = new Array<Op>();
      for (let k = 0; k < oldRaw.length; k++) oldOps.push(decode(unchecked(oldRaw[k]), false));
      const newOps = new Array<Op>();
      for (let k = 0; k < newRaw.length; k++) newOps.push(decode(unchecked(newRaw[k]), true));
      let oi = 0;
      let ni = 0;
      while (oi < oldOps.length || ni < newOps.length) {
        const o: Op | null = oi < oldOps.length ? unchecked(oldOps[oi]) : null;
        const nw: Op | null = ni < newOps.length ? unchecked(newOps[ni]) : null;
        if (o !== null && nw !== null && o.kind == KIND_CONTEXT && nw.kind == KIND_CONTEXT && o.text == nw.text) {
          out.push(' ' + o.text);
          oi++;
          ni++;
          continue;
        }
        if (o !== null && o.kind == KIND_DELETE) {
          out.push('-' + o.text);
          oi++;
          if (nw !== null && nw.kind == KIND_ADD) {
            out.push('+' + nw.text);
            ni++;
          }
          continue;
        }
        if (nw !== null && nw.kind == KIND_ADD) {
          out.push('+' + nw.text);
          ni++;
          continue;
        }
        if (o !== null && o.kind == KIND_CONTEXT) {
          out.push(' ' + o.text);
          oi++;
          continue;
        }
        if (nw !== null && nw.kind == KIND_CONTEXT) {
          out.push(' ' + nw.text);
          ni++;
          continue;
        }
        if (o !== null) oi++;
        if (nw !== null) ni++;
      }
    }
  }
  out.push('*** End Patch');
  const result = jsTrim(joinStrings(out, '\n'));
  return find(result, '*** Update File:') >= 0 ? result : null;
}
