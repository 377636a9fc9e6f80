// llms 0.6 `convertGitDiffToApplyPatch` (tools/apply-patch/patch-text/git-diff.js).
import { isLineTerminator, isWs, matchAt, skipWs } from '../../js/chars';
import { crlfToLf, joinStrings, splitChar } from '../../js/strings';
import { gitExtractPath } from './diff-paths';

class FileDiff {
  path: string = '';
  kind: string = 'update';
  lines: Array<string> = new Array<string>();
  oldPath: string = '';
  newPath: string = '';
  moveTo: string = '';
  binary: bool = false;
}

class DiffHeader {
  constructor(public a: string, public b: string) {}
}

/** /^diff --git\s+a\/(.+?)\s+b\/(.+)$/ on one line (no `\n` in it, other line terminators possible). */
function diffHeader(line: string): DiffHeader | null {
  if (!matchAt(line, 0, 'diff --git')) return null;
  const n = line.length;
  if (10 >= n || !isWs(line.charCodeAt(10))) return null;
  const a = skipWs(line, 10);
  if (!matchAt(line, a, 'a/')) return null;
  const g1 = a + 2;
  for (let e = g1 + 1; e <= n; e++) {
    if (isLineTerminator(line.charCodeAt(e - 1))) return null;
    if (e >= n || !isWs(line.charCodeAt(e))) continue;
    const w = skipWs(line, e);
    if (!matchAt(line, w, 'b/')) continue;
    const g2 = w + 2;
    if (g2 >= n) continue;
    let ok = true;
    for (let k = g2; k < n; k++) {
      if (isLineTerminator(line.charCodeAt(k))) {
        ok = false;
        break;
      }
    }
    if (ok) return new DiffHeader(line.substring(g1, e), line.substring(g2));
  }
  return null;
}

/** /^(deleted|new) file mode\s+/ */
function fileMode(line: string, word: string): bool {
  const lit = word + ' file mode';
  return matchAt(line, 0, lit) && lit.length < line.length && isWs(line.charCodeAt(lit.length));
}

export function convertGitDiffToApplyPatch(text: string): string | null {
  const lines = splitChar(crlfToLf(text), 0x0a);
  const files = new Array<FileDiff>();
  let current: FileDiff | null = null;
  let sawDiff = false;
  for (let i = 0; i < lines.length; i++) {
    const line = unchecked(lines[i]);
    const header = diffHeader(line);
    if (header !== null) {
      sawDiff = true;
      flush(current, files);
      const f = new FileDiff();
      f.path = gitExtractPath(header.b);
      f.oldPath = gitExtractPath(header.a);
      f.newPath = gitExtractPath(header.b);
      current = f;
      continue;
    }
    if (current === null) continue;
    const cur = changetype<FileDiff>(current);
    if (line.startsWith('GIT binary patch') || line.startsWith('Binary files ')) {
      cur.binary = true;
      continue;
    }
    if (fileMode(line, 'deleted')) {
      cur.kind = 'delete';
      continue;
    }
    if (fileMode(line, 'new')) {
      cur.kind = 'add';
      continue;
    }
    if (line.startsWith('rename from ')) {
      const p = gitExtractPath(line.substring(12));
      if (p.length > 0) cur.oldPath = p;
      continue;
    }
    if (line.startsWith('rename to ')) {
      const p = gitExtractPath(line.substring(10));
      if (p.length > 0) {
        cur.newPath = p;
        cur.moveTo = p;
      }
      continue;
    }
    if (line.startsWith('--- ')) {
      const p = gitExtractPath(line.substring(4));
      if (p.length > 0) {
        cur.oldPath = p;
        if (p == '/dev/null') cur.kind = 'add';
      }
      continue;
    }
    if (line.startsWith('+++ ')) {
      const p = gitExtractPath(line.substring(4));
      if (p.length > 0) {
        cur.newPath = p;
        if (p == '/dev/null') cur.kind = 'delete';
      }
      continue;
    }
    if (line.startsWith('index ') || line.startsWith('similarity index ') || line.startsWith('dissimilarity index ')) continue;
    if (line.startsWith('@@') || line.startsWith('+') || line.startsWith('-') || line.startsWith(' ')) cur.lines.push(line);
  }
  flush(current, files);
  if (!sawDiff || files.length == 0) return null;
  for (let i = 0; i < files.length; i++) if (unchecked(files[i]).binary) return null;
  const out = new Array<string>();
  out.push('*** Begin Patch');
  for (let i = 0; i < files.length; i++) {
    const file = unchecked(files[i]);
    const oldPath = file.oldPath;
    const newPath = file.newPath;
    let resolved: string;
    if (file.kind == 'add') resolved = newPath.length > 0 && newPath != '/dev/null' ? newPath : file.path;
    else if (file.kind == 'delete') resolved = oldPath.length > 0 && oldPath != '/dev/null' ? oldPath : file.path;
    else if (file.moveTo.length > 0 && oldPath.length > 0 && oldPath != '/dev/null') resolved = oldPath;
    else resolved = newPath.length > 0 && newPath != '/dev/null' ? newPath : file.path;
    if (file.kind == 'delete') {
      out.push('*** Delete File: ' + resolved);
      continue;
    }
    if (file.kind == 'add') {
      out.push('*** Add File: ' + resolved);
      for (let k = 0; k < file.lines.length; k++) if (unchecked(file.lines[k]).startsWith('+')) out.push(unchecked(file.lines[k]));
      continue;
    }
    out.push('*** Update File: ' + resolved);
    if (file.moveTo.length > 0 && file.moveTo != resolved) out.push('*** Move to: ' + file.moveTo);
    for (let k = 0; k < file.lines.length; k++) out.push(unchecked(file.lines[k]));
  }
  out.push('*** End Patch');
  return joinStrings(out, '\n');
}

function flush(current: FileDiff | null, files: Array<FileDiff>): void {
  if (current === null) return;
  if (current.path.length > 0 && current.kind == 'delete') {
    files.push(current);
    return;
  }
  if (current.path.length > 0 && (current.lines.length > 0 || current.moveTo.length > 0)) files.push(current);
}
