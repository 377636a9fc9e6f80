// llms 0.6 tools/apply-patch/structured/coercion.js and args-normalizer/structured-builders.js: shapes
// models emit instead of `{file, changes}` turned into a structured payload, and the payload built.
import { JsonArray, JsonKind, JsonObject, JsonValue, jsTrim, jsonArray, jsonString } from '@llms-wasm/module-kit/assembly';
import { shallowCopy } from '../../js/json';
import { member } from '../../js/proto';
import { joinStrings, lowerAsciiString, splitChar } from '../../js/strings';
import { tryParseJsonContainer } from './parse-loose';
import { Built, buildStructuredPatch } from './structured';
import { replaceAllOf } from '../../js/find';

/** asString: a string with non-blank content (returned as it is), else null. */
export function asNonBlank(v: JsonValue | null): string | null {
  if (v === null) return null;
  const s = v.asString();
  return s !== null && jsTrim(s).length > 0 ? s : null;
}

function firstNonBlank(o: JsonObject, keys: Array<string>): string | null {
  for (let i = 0; i < keys.length; i++) {
    const s = asNonBlank(member(o, unchecked(keys[i])));
    if (s !== null) return s;
  }
  return null;
}

const FILE_KEYS: Array<string> = ['file', 'path', 'filepath', 'filename'];

/** resolvePathAlias / the file part of resolveTopLevelFile. */
export function resolvePathAlias(o: JsonObject): string | null {
  return firstNonBlank(o, FILE_KEYS);
}

function isObjectLike(v: JsonValue): bool {
  return v.kind == JsonKind.Object || v.kind == JsonKind.Array;
}

function hasStringKind(items: Array<JsonValue>): bool {
  for (let i = 0; i < items.length; i++) {
    const it = unchecked(items[i]);
    if (it.kind != JsonKind.Object) continue;
    const k = member(changetype<JsonObject>(it), 'kind');
    if (k !== null && k.kind == JsonKind.String && jsTrim(changetype<string>(k.asString())).length > 0) return true;
  }
  return false;
}

/** coerceChangesArray: a JSON string holding an array of changes (or `{changes: [...]}`). */
function coerceChangesArray(value: JsonValue | null): JsonArray | null {
  if (value === null || value.kind != JsonKind.String) return null;
  const parsed = tryParseJsonContainer(changetype<string>(value.asString()));
  if (parsed === null) return null;
  let source: Array<JsonValue> | null = null;
  if (parsed.kind == JsonKind.Array) source = changetype<JsonArray>(parsed).items;
  else if (parsed.kind == JsonKind.Object) {
    const changes = member(changetype<JsonObject>(parsed), 'changes');
    if (changes !== null && changes.kind == JsonKind.Array) source = changetype<JsonArray>(changes).items;
  }
  if (source === null) return null;
  const items = new Array<JsonValue>();
  for (let i = 0; i < source.length; i++) if (isObjectLike(unchecked(source[i]))) items.push(unchecked(source[i]));
  if (items.length == 0 || !hasStringKind(items)) return null;
  return jsonArray(items);
}

function payloadWith(file: string | null, changes: JsonArray): JsonObject {
  const o = new JsonObject();
  if (file !== null) o.set('file', jsonString(file));
  o.set('changes', changes);
  return o;
}

/** coerceStructuredPayload(record), or null (undefined). */
export function coerceStructuredPayload(record: JsonObject): JsonObject | null {
  let topLevelFile = resolvePathAlias(record);
  const changes = member(record, 'changes');
  const changesIsArray = changes !== null && changes.kind == JsonKind.Array;
  if (topLevelFile === null) {
    const target = asNonBlank(member(record, 'target'));
    if (target !== null && changesIsArray && changetype<JsonArray>(changes).items.length > 0) topLevelFile = target;
  }
  if (changesIsArray) {
    if (topLevelFile !== null && asNonBlank(member(record, 'file')) === null) {
      const copy = shallowCopy(record);
      copy.set('file', jsonString(topLevelFile));
      return copy;
    }
    return record;
  }
  const fromInstructions = coerceChangesArray(member(record, 'instructions'));
  if (fromInstructions !== null) return payloadWith(topLevelFile, fromInstructions);
  const fromString = coerceChangesArray(changes);
  if (fromString !== null) return payloadWith(topLevelFile, fromString);
  let edits = member(record, 'edits');
  if (edits === null || edits.kind == JsonKind.Null) edits = member(record, 'operations');
  if (edits === null || edits.kind == JsonKind.Null) edits = member(record, 'ops');
  const fromEdits = coerceChangesArray(edits);
  if (fromEdits !== null) return payloadWith(topLevelFile, fromEdits);
  return singleChangePayload(record);
}

/** buildSingleChangePayload: a record that is itself one change. */
function singleChangePayload(record: JsonObject): JsonObject | null {
  const kindRaw = asNonBlank(member(record, 'kind'));
  if (kindRaw === null) return null;
  const change = new JsonObject();
  change.set('kind', jsonString(lowerAsciiString(kindRaw)));
  let lines = member(record, 'lines');
  if (lines === null || lines.kind == JsonKind.Null) lines = member(record, 'text');
  if (lines === null || lines.kind == JsonKind.Null) lines = member(record, 'body');
  if (lines !== null) change.set('lines', lines);
  const target = asNonBlank(member(record, 'target'));
  if (target !== null) change.set('target', jsonString(target));
  const anchor = asNonBlank(member(record, 'anchor'));
  if (anchor !== null) change.set('anchor', jsonString(anchor));
  const indent = member(record, 'use_anchor_indent');
  if (indent !== null && indent.kind == JsonKind.Bool) change.set('use_anchor_indent', indent);
  const changeFile = resolvePathAlias(record);
  if (changeFile !== null) change.set('file', jsonString(changeFile));
  const items = new Array<JsonValue>();
  items.push(change);
  return payloadWith(changeFile, jsonArray(items));
}

/** buildPatchFromChangesArray: the records of an argument array, when one has a string `kind`. */
export function buildFromChangesArray(records: Array<JsonValue>): Built | null {
  if (records.length == 0) return null;
  let any = false;
  for (let i = 0; i < records.length; i++) {
    const k = member(changetype<JsonObject>(unchecked(records[i])), 'kind');
    if (k !== null && k.kind == JsonKind.String) any = true;
  }
  if (!any) return null;
  const payload = new JsonObject();
  payload.set('changes', jsonArray(records));
  return buildStructuredPatch(payload);
}

/** extractConflictPatchAsStructuredReplace: a `<<<<<<< / ======= / >>>>>>>` block as a replace of one file. */
export function conflictAsReplace(filePath: string | null, conflictText: string | null): Built | null {
  const file = filePath === null ? '' : jsTrim(filePath);
  const text = conflictText === null ? '' : conflictText;
  if (file.length == 0 || text.length == 0) return null;
  const lines = splitChar(replaceAllOf(text, '\r\n', '\n').replaceAll('\r', '\n'), 0x0a);
  let start = -1;
  let middle = -1;
  let end = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = unchecked(lines[i]);
    if (start < 0) {
      if (line.startsWith('<<<<<<<')) start = i;
      continue;
    }
    if (middle < 0) {
      if (line.startsWith('=======')) middle = i;
      continue;
    }
    if (line.startsWith('>>>>>>>')) {
      end = i;
      break;
    }
  }
  if (start < 0 || middle <= start || end <= middle) return null;
  const original = joinStrings(lines.slice(start + 1, middle), '\n');
  const updated = joinStrings(lines.slice(middle + 1, end), '\n');
  if (jsTrim(original).length == 0 || jsTrim(updated).length == 0) return null;
  const change = new JsonObject();
  change.set('kind', jsonString('replace'));
  change.set('target', jsonString(original));
  change.set('lines', jsonString(updated));
  const items = new Array<JsonValue>();
  items.push(change);
  return buildStructuredPatch(payloadWith(file, jsonArray(items)));
}
