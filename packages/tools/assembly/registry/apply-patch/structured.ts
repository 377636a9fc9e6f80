// llms 0.6 `buildStructuredPatch` (tools/apply-patch/structured.js): a `{file?, changes: [...]}` payload
// -> apply_patch text, or the StructuredApplyPatchError reason it throws.
import { JsonArray, JsonKind, JsonObject, JsonValue, jsTrim } from '@llms-wasm/module-kit/assembly';
import { lowerEquals, joinStrings } from '../../js/strings';
import { member } from '../../js/proto';
import { Failure, applyAnchorIndent, coalesce, findSubsequence, normalizeLines, splitTextIntoLines, toSafeString } from './structured-lines';
import { replaceAllOf } from '../../js/find';

const ANCHOR_KEYS: Array<string> = ['anchor', 'target', 'context', 'from', 'old', 'oldText', 'old_text', 'beforeText', 'before_text'];
const TARGET_KEYS: Array<string> = ['target', 'anchor', 'context', 'from', 'old', 'oldText', 'old_text', 'beforeText', 'before_text'];
const LINES_KEYS: Array<string> = ['lines', 'text', 'content', 'body', 'replacement', 'newText', 'new_text', 'afterText', 'after_text'];
const CREATE_KEYS: Array<string> = ['lines', 'text', 'content', 'body', 'replacement'];
const KINDS: Array<string> = ['insert_after', 'insert_before', 'replace', 'delete', 'create_file', 'delete_file'];

const T_UPDATE = 0;
const T_ADD = 1;
const T_DELETE = 2;
const T_REPLACE = 3;

class Section {
  type: i32;
  lines: Array<string> = new Array<string>();
  hunks: Array<Array<string>> = new Array<Array<string>>();
  constructor(type: i32) {
    this.type = type;
  }
}

/** The outcome: the patch text, or the failure reason. */
export class Built {
  constructor(
    public patch: string | null,
    public reason: string | null,
  ) {}
}

/** normalizeFilePath (a blank path fails with invalid_file; only the first line of a multi-line path counts). */
function normalizeFilePath(raw: string, failure: Failure): string {
  let t = jsTrim(raw);
  if (t.length == 0) {
    failure.fail('invalid_file');
    return '';
  }
  let cut = -1;
  for (let i = 0; i < t.length; i++) {
    const c = <i32>t.charCodeAt(i);
    if (c == 0x0a || c == 0x0d) {
      cut = i;
      break;
    }
  }
  if (cut >= 0) t = jsTrim(t.substring(0, cut));
  return replaceAllOf(t, '\\', '/');
}

/** readStringish: a string, a one-string array, or an object's path/file/filename/filepath (null = undefined). */
function readStringish(value: JsonValue | null): string | null {
  if (value === null) return null;
  if (value.kind == JsonKind.String) return value.asString();
  if (value.kind == JsonKind.Array) {
    const a = changetype<JsonArray>(value);
    if (a.items.length == 1 && unchecked(a.items[0]).kind == JsonKind.String) return unchecked(a.items[0]).asString();
    return null;
  }
  if (value.kind == JsonKind.Object) {
    const o = changetype<JsonObject>(value);
    const nested = readStringish(coalesce(o, ['path', 'file', 'filename', 'filepath']));
    if (nested !== null && nested.length > 0) return nested;
  }
  return null;
}

function prefixed(lines: Array<string>, prefix: string): Array<string> {
  const out = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) out[i] = prefix + unchecked(lines[i]);
  return out;
}

function concat(a: Array<string>, b: Array<string>): Array<string> {
  const out = a.slice(0);
  for (let i = 0; i < b.length; i++) out.push(unchecked(b[i]));
  return out;
}

function splice(lines: Array<string>, at: i32, remove: i32, insert: Array<string>): Array<string> {
  const out = lines.slice(0, at);
  for (let i = 0; i < insert.length; i++) out.push(unchecked(insert[i]));
  for (let i = at + remove; i < lines.length; i++) out.push(unchecked(lines[i]));
  return out;
}

/** tryApplyToFileLines: a structured edit applied to the lines of a file created earlier in the payload. */
function tryApplyToFileLines(section: Section, kind: string, change: JsonObject, failure: Failure): bool {
  const lines = section.lines;
  if (kind == 'insert_after' || kind == 'insert_before') {
    const anchor = toSafeString(coalesce(change, ANCHOR_KEYS), failure);
    if (failure.failed) return false;
    const anchorLines = splitTextIntoLines(anchor);
    const at = findSubsequence(lines, anchorLines);
    if (at < 0) return false;
    const additions = normalizeLines(coalesce(change, LINES_KEYS), failure);
    if (failure.failed) return false;
    if (additions.length == 0) {
      failure.fail('invalid_lines');
      return false;
    }
    const prepared = applyAnchorIndent(additions, anchorLines, kind == 'insert_before', member(change, 'use_anchor_indent'));
    section.lines = splice(lines, kind == 'insert_after' ? at + anchorLines.length : at, 0, prepared);
    return true;
  }
  if (kind == 'replace' || kind == 'delete') {
    const target = toSafeString(coalesce(change, TARGET_KEYS), failure);
    if (failure.failed) return false;
    const targetLines = splitTextIntoLines(target);
    const at = findSubsequence(lines, targetLines);
    if (at < 0) return false;
    if (kind == 'delete') {
      section.lines = splice(lines, at, targetLines.length, new Array<string>());
      return true;
    }
    const replacements = replacementLines(change, failure);
    if (failure.failed) return false;
    section.lines = splice(lines, at, targetLines.length, replacements);
    return true;
  }
  return false;
}

/** The replacement lines of a `replace` (anchor used as the body when only anchor and target are given). */
function replacementLines(change: JsonObject, failure: Failure): Array<string> {
  const source = coalesce(change, LINES_KEYS);
  const anchor = member(change, 'anchor');
  const target = member(change, 'target');
  if (source === null && anchor !== null && anchor.kind == JsonKind.String && target !== null && target.kind == JsonKind.String) {
    return splitTextIntoLines(changetype<string>(anchor.asString()));
  }
  return normalizeLines(source, failure);
}

function topLevelFileOf(payload: JsonObject, failure: Failure): string | null {
  const keys = ['file', 'path', 'filepath', 'filename'];
  for (let i = 0; i < keys.length; i++) {
    const v = member(payload, unchecked(keys[i]));
    const s: string | null = v === null ? null : v.asString();
    if (s !== null && jsTrim(s).length > 0) return normalizeFilePath(s, failure);
  }
  return null;
}

/** buildStructuredPatch(payload). */
export function buildStructuredPatch(payload: JsonObject): Built {
  const failure = new Failure();
  const changesValue = member(payload, 'changes');
  if (changesValue === null || changesValue.kind != JsonKind.Array || changetype<JsonArray>(changesValue).items.length == 0) return new Built(null, 'missing_changes');
  const changes = changetype<JsonArray>(changesValue).items;
  const topLevelFile = topLevelFileOf(payload, failure);
  const order = new Array<string>();
  const sections = new Map<string, Section>();
  for (let index = 0; index < changes.length; index++) {
    const raw = unchecked(changes[index]);
    if (raw.kind != JsonKind.Object && raw.kind != JsonKind.Array) return new Built(null, 'invalid_change');
    if (raw.kind == JsonKind.Array) return new Built(null, 'invalid_change_kind'); // an array has no `kind`
    const change = changetype<JsonObject>(raw);
    const kindValue = member(change, 'kind');
    const kindText: string | null = kindValue === null ? null : kindValue.asString();
    const kindTrim = kindText === null ? '' : jsTrim(kindText);
    if (kindTrim.length == 0) return new Built(null, 'invalid_change_kind');
    let kind = '';
    for (let k = 0; k < KINDS.length; k++) if (lowerEquals(kindTrim, unchecked(KINDS[k]))) kind = unchecked(KINDS[k]);
    if (kind.length == 0) return new Built(null, 'invalid_change_kind');
    let fileSource: string | null = null;
    const fileKeys = ['file', 'path', 'filepath', 'filename', 'file_path'];
    for (let k = 0; k < fileKeys.length && fileSource === null; k++) fileSource = readStringish(member(change, unchecked(fileKeys[k])));
    let file: string | null = topLevelFile;
    if (fileSource !== null && fileSource.length > 0) {
      file = normalizeFilePath(fileSource, failure);
      if (failure.failed) return new Built(null, failure.reason);
    }
    if (file === null || file.length == 0) return new Built(null, 'invalid_file');
    const f = changetype<string>(file);
    if (kind == 'create_file') {
      const lines = normalizeLines(coalesce(change, CREATE_KEYS), failure);
      if (failure.failed) return new Built(null, failure.reason);
      const existing = sections.has(f) ? sections.get(f) : null;
      const section = new Section(existing === null || existing.type == T_ADD ? T_ADD : T_REPLACE);
      section.lines = lines;
      if (existing === null) order.push(f);
      sections.set(f, section);
      continue;
    }
    if (kind == 'delete_file') {
      const existing = sections.has(f) ? sections.get(f) : null;
      if (existing === null) {
        order.push(f);
        sections.set(f, new Section(T_DELETE));
      } else if (existing.type == T_ADD) {
        sections.delete(f);
        const at = order.indexOf(f);
        if (at >= 0) order.splice(at, 1);
      } else sections.set(f, new Section(T_DELETE));
      continue;
    }
    if (kind == 'replace') {
      const targetSource = coalesce(change, TARGET_KEYS);
      const targetText: string | null = targetSource === null ? null : targetSource.asString();
      const hasTarget = targetText !== null && jsTrim(targetText).length > 0;
      const linesSource = coalesce(change, LINES_KEYS);
      if (!hasTarget && linesSource !== null) {
        const lines = normalizeLines(linesSource, failure);
        if (failure.failed) return new Built(null, failure.reason);
        if (!sections.has(f)) order.push(f);
        const section = new Section(T_REPLACE);
        section.lines = lines;
        sections.set(f, section);
        continue;
      }
    }
    const existing = sections.has(f) ? sections.get(f) : null;
    if (existing !== null && (existing.type == T_ADD || existing.type == T_REPLACE)) {
      if (tryApplyToFileLines(existing, kind, change, failure)) continue;
      return new Built(null, failure.failed ? failure.reason : 'invalid_change_sequence');
    }
    let section: Section;
    if (existing !== null) {
      if (existing.type != T_UPDATE) return new Built(null, 'invalid_change_sequence');
      section = existing;
    } else {
      section = new Section(T_UPDATE);
      order.push(f);
      sections.set(f, section);
    }
    const hunk = hunkOf(kind, change, failure);
    if (failure.failed) return new Built(null, failure.reason);
    section.hunks.push(hunk);
  }
  if (order.length == 0) return new Built(null, 'missing_changes');
  const out = new Array<string>();
  out.push('*** Begin Patch');
  for (let i = 0; i < order.length; i++) {
    const file = unchecked(order[i]);
    if (!sections.has(file)) continue;
    const section = sections.get(file);
    if (section.type == T_ADD || section.type == T_REPLACE) {
      if (section.type == T_REPLACE) out.push('*** Delete File: ' + file);
      out.push('*** Add File: ' + file);
      for (let k = 0; k < section.lines.length; k++) out.push('+' + unchecked(section.lines[k]));
    } else if (section.type == T_DELETE) out.push('*** Delete File: ' + file);
    else {
      out.push('*** Update File: ' + file);
      for (let h = 0; h < section.hunks.length; h++) {
        const hunk = unchecked(section.hunks[h]);
        for (let k = 0; k < hunk.length; k++) if (!unchecked(hunk[k]).startsWith('@@')) out.push(unchecked(hunk[k]));
      }
    }
  }
  out.push('*** End Patch');
  return new Built(joinStrings(out, '\n'), null);
}

/** The hunk of one structured edit on an Update section. */
function hunkOf(kind: string, change: JsonObject, failure: Failure): Array<string> {
  if (kind == 'insert_after' || kind == 'insert_before') {
    const anchor = toSafeString(coalesce(change, ANCHOR_KEYS), failure);
    if (failure.failed) return new Array<string>();
    const anchorLines = splitTextIntoLines(anchor);
    const additions = normalizeLines(coalesce(change, LINES_KEYS), failure);
    if (failure.failed) return new Array<string>();
    if (additions.length == 0) {
      failure.fail('invalid_lines');
      return new Array<string>();
    }
    const prepared = applyAnchorIndent(additions, anchorLines, kind == 'insert_before', member(change, 'use_anchor_indent'));
    const context = prefixed(splitTextIntoLines(anchor), ' ');
    return kind == 'insert_after' ? concat(context, prefixed(prepared, '+')) : concat(prefixed(prepared, '+'), context);
  }
  const target = toSafeString(coalesce(change, TARGET_KEYS), failure);
  if (failure.failed) return new Array<string>();
  if (kind == 'replace') {
    const replacements = replacementLines(change, failure);
    if (failure.failed) return new Array<string>();
    return concat(prefixed(splitTextIntoLines(target), '-'), prefixed(replacements, '+'));
  }
  return prefixed(splitTextIntoLines(target), '-');
}
