// llms 0.6 `validateApplyPatchArgs` / `normalizeApplyPatchArgs` (tools/apply-patch/validator.js,
// args-normalizer/*): the default action list run over the raw text and the parsed arguments.
import { JsonArray, JsonKind, JsonObject, JsonValue, jsTrim } from '@llms-wasm/module-kit/assembly';
import { isBeginPatchText } from './extract';
import { looksLikePatch } from './looks-like';
import { normalizeApplyPatchText } from './patch-text';
import { tryParseJsonLoose } from './parse-loose';
import { asNonBlank, buildFromChangesArray, coerceStructuredPayload, conflictAsReplace, resolvePathAlias } from './coercion';
import { Built, buildStructuredPatch } from './structured';
import { member } from '../../js/proto';

/** An extraction result: a patch, a failure reason, or neither (try the next action). */
export class Extracted {
  constructor(
    public patch: string | null,
    public reason: string | null,
  ) {}
  // @ts-ignore: decorator
  @inline get found(): bool {
    return this.patch !== null || this.reason !== null;
  }
}

const NONE = new Extracted(null, null);

function fromBuilt(b: Built | null): Extracted {
  return b === null ? NONE : new Extracted(b.patch, b.reason);
}

/** extractNormalizedPatch(value). */
export function extractNormalizedPatch(value: string | null): Extracted {
  if (value === null || value.length == 0) return NONE;
  const normalized = normalizeApplyPatchText(value);
  if (!(looksLikePatch(value) || looksLikePatch(normalized))) return NONE;
  if (!isBeginPatchText(normalized)) return new Extracted(null, 'unsupported_patch_format');
  return new Extracted(normalized, null);
}

class State {
  constructor(
    public rawArgs: JsonValue,
    public rawTrimmed: string,
    public looksJsonContainer: bool,
    public depth: i32,
  ) {}
}

const A_RAW_NON_JSON = 0;
const A_JSON_CONTAINER = 1;
const A_PATCH_FIELD = 2;
const A_CONFLICT = 3;
const A_TEXT_FIELDS = 4;
const A_RAW_ENVELOPE = 5;
const A_STRUCTURED = 6;
const A_ARRAY_STRUCTURED = 7;
const A_RAW_STRING = 8;
const A_INVALID_JSON = 9;
const ACTION_COUNT = 10;

const TEXT_FIELDS: Array<string> = ['diff', 'patchText', 'body', 'input', 'instructions', 'command'];

function isEmptyRecord(v: JsonValue): bool {
  return v.kind == JsonKind.Object && changetype<JsonObject>(v).size == 0;
}

function textFields(record: JsonObject, fields: Array<string>): Extracted {
  for (let i = 0; i < fields.length; i++) {
    const e = extractNormalizedPatch(asNonBlank(member(record, unchecked(fields[i]))));
    if (e.found) return e;
  }
  return NONE;
}

/** runRecordActions for one record-level action (other actions do nothing on a record). */
function recordAction(action: i32, record: JsonObject, state: State, finalPass: bool): Extracted {
  switch (action) {
    case A_PATCH_FIELD:
      return textFields(record, ['patch']);
    case A_CONFLICT:
      return fromBuilt(conflictAsReplace(resolvePathAlias(record), asNonBlank(member(record, 'patch'))));
    case A_TEXT_FIELDS:
      return textFields(record, TEXT_FIELDS);
    case A_RAW_ENVELOPE: {
      const envelope = asNonBlank(member(record, '_raw'));
      if (envelope === null) return NONE;
      const trimmed = jsTrim(envelope);
      const direct = extractNormalizedPatch(trimmed);
      if (direct.found) return direct;
      if (state.depth >= 3) return NONE;
      const parsed = tryParseJsonLoose(trimmed);
      if (parsed !== null && (parsed.kind == JsonKind.Object || parsed.kind == JsonKind.Array)) {
        const nested = resolve(trimmed, parsed, state.depth + 1, false);
        if (nested.found) return nested;
      }
      return NONE;
    }
    case A_STRUCTURED: {
      const payload = coerceStructuredPayload(record);
      return payload === null ? NONE : fromBuilt(buildStructuredPatch(payload));
    }
    case A_INVALID_JSON:
      if (finalPass && state.looksJsonContainer && isEmptyRecord(state.rawArgs) && state.rawTrimmed.length > 0 && !looksLikePatch(state.rawTrimmed)) return new Extracted(null, 'invalid_json');
      return NONE;
  }
  return NONE;
}

function runAction(action: i32, state: State, finalPass: bool): Extracted {
  const raw = state.rawArgs;
  switch (action) {
    case A_RAW_NON_JSON:
      return state.looksJsonContainer ? NONE : extractNormalizedPatch(state.rawTrimmed);
    case A_JSON_CONTAINER:
      return state.looksJsonContainer && isEmptyRecord(raw) ? extractNormalizedPatch(state.rawTrimmed) : NONE;
    case A_ARRAY_STRUCTURED: {
      if (raw.kind != JsonKind.Array) return NONE;
      const items = changetype<JsonArray>(raw).items;
      if (items.length == 0) return NONE;
      let first: JsonObject | null = null;
      for (let i = 0; i < items.length && first === null; i++) if (unchecked(items[i]).kind == JsonKind.Object) first = changetype<JsonObject>(unchecked(items[i]));
      if (first !== null) {
        const changes = member(first, 'changes');
        if (changes !== null && changes.kind == JsonKind.Array) {
          for (let a = 0; a < ACTION_COUNT; a++) {
            const e = recordAction(a, first, state, finalPass);
            if (e.found) return e;
          }
          return NONE;
        }
      }
      const records = new Array<JsonValue>();
      for (let i = 0; i < items.length; i++) if (unchecked(items[i]).kind == JsonKind.Object) records.push(unchecked(items[i]));
      return fromBuilt(buildFromChangesArray(records));
    }
    case A_RAW_STRING:
      return raw.kind == JsonKind.String ? extractNormalizedPatch(raw.asString()) : NONE;
  }
  return raw.kind == JsonKind.Object ? recordAction(action, changetype<JsonObject>(raw), state, finalPass) : NONE;
}

/** resolveExtraction. */
function resolve(argsString: string, rawArgs: JsonValue, depth: i32, finalPass: bool): Extracted {
  const trimmed = jsTrim(argsString);
  const first = trimmed.length > 0 ? <i32>trimmed.charCodeAt(0) : -1;
  const state = new State(rawArgs, trimmed, first == 0x7b || first == 0x5b, depth);
  for (let a = 0; a < ACTION_COUNT; a++) {
    const e = runAction(a, state, finalPass);
    if (e.found) return e;
  }
  return NONE;
}

/** validateApplyPatchArgs: the normalized patch text, or the failure reason. */
export function validateApplyPatch(argsString: string, rawArgs: JsonValue): Extracted {
  const e = resolve(argsString, rawArgs, 0, true);
  if (e.patch !== null) return e;
  if (e.reason !== null) return e;
  return new Extracted(null, 'missing_changes');
}
