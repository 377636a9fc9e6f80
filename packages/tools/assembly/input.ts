// Reading an operation's input: size, UTF-8 and JSON checks, and the first problem with its shape,
// reported as an error record naming the field (JSON pointer), never a trap.
import { JsonArray, JsonKind, JsonObject, JsonReader, JsonValue, jsonBool, jsonNull, jsonNumber, jsonString, parse, utf8Decode } from '@llms-wasm/module-kit/assembly';
import { badJsonResult, errorResult } from '@llms-wasm/module-kit/assembly/result';
import { codePointCount } from './js/strings';
import { replaceAllOf } from './js/find';

/** Inputs larger than this are refused with INPUT_TOO_LARGE (the host refuses at 64 MiB by default). */
export const MAX_INPUT_BYTES: i32 = 256 << 20;
/** The contract's longest string, in code points. */
export const MAX_TEXT: i32 = 4 * 1024 * 1024;

/** Collects the first problem with an input's shape. */
export class InputError {
  failed: bool = false;
  path: string = '';
  message: string = '';

  /** Records the problem (the first one wins). */
  fail(path: string, message: string): void {
    if (!this.failed) {
      this.failed = true;
      this.path = path;
      this.message = message;
    }
  }

  record(): usize {
    return errorResult('BAD_INPUT', 'input' + this.path + ' ' + this.message, this.path.length > 0 ? this.path : '/');
  }
}

/** Escapes one JSON-pointer segment. */
export function seg(key: string): string {
  return '/' + replaceAllOf(key, '~', '~0').replaceAll('/', '~1');
}

/** The JSON pointer of the value (or the object, for a key) holding byte `target`, by scanning the raw JSON. */
function pointerAt(ptr: usize, len: i32, target: i32): string {
  const keys = new Array<string>(); // per open container: its key/index segment in the parent ('' for the root)
  const isArray = new Array<bool>();
  const index = new Array<i32>();
  const pending = new Array<string>(); // per open object: the last key read
  let expectKey = false;
  let i = 0;
  while (i < len) {
    const c = <i32>load<u8>(ptr + <usize>i);
    if (c == 0x22) {
      let j = i + 1;
      while (j < len) {
        const d = <i32>load<u8>(ptr + <usize>j);
        if (d == 0x5c) j += 2;
        else if (d == 0x22) break;
        else j++;
      }
      const inside = target > i && target < j;
      const depth = isArray.length;
      const isKey = depth > 0 && !unchecked(isArray[depth - 1]) && expectKey;
      if (isKey) {
        if (inside) return joinPath(keys, '');
        const parsed = parse(utf8Decode(ptr + <usize>i, j + 1 - i));
        const k = parsed.ok ? parsed.value.asString() : null;
        pending[depth - 1] = k === null ? '' : k;
        expectKey = false;
      } else if (inside) {
        return joinPath(keys, current(isArray, index, pending));
      }
      i = j + 1;
      continue;
    }
    if (c == 0x7b || c == 0x5b) {
      const seg0 = isArray.length == 0 ? '' : current(isArray, index, pending);
      keys.push(seg0);
      isArray.push(c == 0x5b);
      index.push(0);
      pending.push('');
      expectKey = c == 0x7b;
    } else if (c == 0x7d || c == 0x5d) {
      if (isArray.length > 0) {
        keys.pop();
        isArray.pop();
        index.pop();
        pending.pop();
      }
      expectKey = false;
    } else if (c == 0x2c) {
      const depth = isArray.length;
      if (depth > 0) {
        if (unchecked(isArray[depth - 1])) index[depth - 1] = unchecked(index[depth - 1]) + 1;
        else expectKey = true;
      }
    } else if (i >= target) {
      return joinPath(keys, isArray.length == 0 ? '' : current(isArray, index, pending));
    }
    i++;
  }
  return joinPath(keys, '');
}

function current(isArray: Array<bool>, index: Array<i32>, pending: Array<string>): string {
  const d = isArray.length - 1;
  return unchecked(isArray[d]) ? '/' + unchecked(index[d]).toString() : seg(unchecked(pending[d]));
}

function joinPath(keys: Array<string>, last: string): string {
  let s = '';
  for (let i = 0; i < keys.length; i++) s += unchecked(keys[i]);
  return s + last;
}

/** A parsed input object, or the error record to return instead. */
export class Parsed {
  constructor(public input: JsonObject | null, public record: usize) {}
}

/** The reader holding the current input's tape (valid until the next operation call). */
export const reader = new JsonReader();

/** Tape node `root` of the reader as a value (iterative: nesting depth does not grow the stack). */
function toValue(r: JsonReader, root: i32): JsonValue {
  const rk = r.kind(root);
  if (rk != JsonKind.Object && rk != JsonKind.Array) return scalar(r, root);
  const containers = new Array<JsonValue>();
  const remaining = new Array<i32>();
  const cursors = new Array<i32>();
  const top = rk == JsonKind.Object ? <JsonValue>new JsonObject(r.size(root)) : <JsonValue>new JsonArray();
  containers.push(top);
  remaining.push(r.size(root));
  cursors.push(root + 1);
  while (containers.length > 0) {
    const d = containers.length - 1;
    if (unchecked(remaining[d]) == 0) {
      containers.pop();
      remaining.pop();
      cursors.pop();
      continue;
    }
    remaining[d] = unchecked(remaining[d]) - 1;
    const parent = unchecked(containers[d]);
    let node = unchecked(cursors[d]);
    let key = '';
    if (parent.kind == JsonKind.Object) {
      key = r.string(node);
      node = node + 1;
    }
    cursors[d] = r.next(node);
    const k = r.kind(node);
    let child: JsonValue;
    if (k == JsonKind.Object || k == JsonKind.Array) child = k == JsonKind.Object ? <JsonValue>new JsonObject(r.size(node)) : <JsonValue>new JsonArray();
    else child = scalar(r, node);
    if (parent.kind == JsonKind.Object) changetype<JsonObject>(parent).set(key, child);
    else changetype<JsonArray>(parent).push(child);
    if (k == JsonKind.Object || k == JsonKind.Array) {
      containers.push(child);
      remaining.push(r.size(node));
      cursors.push(node + 1);
    }
  }
  return top;
}

function scalar(r: JsonReader, n: i32): JsonValue {
  switch (r.kind(n)) {
    case JsonKind.String:
      return jsonString(r.string(n));
    case JsonKind.Number:
      return jsonNumber(r.number(n));
    case JsonKind.Bool:
      return jsonBool(r.bool(n));
    default:
      return jsonNull();
  }
}

/** Size, UTF-8 and JSON checks (module-kit's reader) and an object root: 0, or the error record to return. */
export function readTape(ptr: usize, len: i32): usize {
  if (len > MAX_INPUT_BYTES) return errorResult('INPUT_TOO_LARGE', 'input is ' + len.toString() + ' bytes, the limit is ' + MAX_INPUT_BYTES.toString());
  if (!reader.parse(ptr, len)) {
    if (reader.error.startsWith('Invalid UTF-8')) {
      const path = pointerAt(ptr, len, reader.errorAt);
      return errorResult('BAD_INPUT', 'input' + path + ' is not valid UTF-8 (byte ' + reader.errorAt.toString() + ')', path.length > 0 ? path : '/');
    }
    return badJsonResult(reader);
  }
  if (reader.kind(0) != JsonKind.Object) return errorResult('BAD_INPUT', 'input must be an object', '/');
  return 0;
}

/** Node `n` of the current tape as a value. */
export function nodeValue(n: i32): JsonValue {
  return toValue(reader, n);
}

/** Fails when the root object has a member outside `allowed` (read from the tape; a key is decoded only to name it). */
export function onlyRootKeys(allowed: StaticArray<string>, errors: InputError): void {
  let k = 1;
  for (let i = 0, m = reader.size(0); i < m; i++) {
    let known = false;
    for (let j = 0; j < allowed.length && !known; j++) known = reader.stringIs(k, unchecked(allowed[j]));
    if (!known) {
      errors.fail(seg(reader.string(k)), 'is not allowed here');
      return;
    }
    k = reader.next(k + 1);
  }
}

/** The root member `key` as a string within the contract's length (null after a failure, or when absent and optional). */
export function rootString(key: string, errors: InputError, required: bool = true): string | null {
  const n = reader.get(0, key);
  if (n < 0) {
    if (required) errors.fail('/' + key, 'must be a string');
    return null;
  }
  if (reader.kind(n) != JsonKind.String) {
    errors.fail('/' + key, 'must be a string');
    return null;
  }
  const s = reader.string(n);
  if (s.length > MAX_TEXT && codePointCount(s) > MAX_TEXT) errors.fail('/' + key, 'must be at most ' + MAX_TEXT.toString() + ' characters');
  return s;
}

/** Size, UTF-8 and JSON checks (module-kit's reader); the input must be an object. */
export function readInput(ptr: usize, len: i32): Parsed {
  if (len > MAX_INPUT_BYTES) return new Parsed(null, errorResult('INPUT_TOO_LARGE', 'input is ' + len.toString() + ' bytes, the limit is ' + MAX_INPUT_BYTES.toString()));
  if (!reader.parse(ptr, len)) {
    if (reader.error.startsWith('Invalid UTF-8')) {
      const path = pointerAt(ptr, len, reader.errorAt);
      return new Parsed(null, errorResult('BAD_INPUT', 'input' + path + ' is not valid UTF-8 (byte ' + reader.errorAt.toString() + ')', path.length > 0 ? path : '/'));
    }
    return new Parsed(null, badJsonResult(reader));
  }
  if (reader.kind(0) != JsonKind.Object) return new Parsed(null, errorResult('BAD_INPUT', 'input must be an object', '/'));
  return new Parsed(changetype<JsonObject>(toValue(reader, 0)), 0);
}

/** Fails unless `v` is a string within the contract's length; returns it (or '' after a failure). */
export function needString(v: JsonValue | null, path: string, errors: InputError): string {
  if (v === null || v.kind != JsonKind.String) {
    errors.fail(path, 'must be a string');
    return '';
  }
  const s = changetype<string>(v.asString());
  if (s.length > MAX_TEXT && codePointCount(s) > MAX_TEXT) errors.fail(path, 'must be at most ' + MAX_TEXT.toString() + ' characters');
  return s;
}

/** Like needString for an optional member (absent gives null). */
export function optString(o: JsonObject, key: string, path: string, errors: InputError): string | null {
  const v = o.get(key);
  if (v === null) return null;
  return needString(v, path, errors);
}

/** Fails unless `v` is an object; returns it or null. */
export function needObject(v: JsonValue | null, path: string, errors: InputError): JsonObject | null {
  if (v === null || v.kind != JsonKind.Object) {
    errors.fail(path, 'must be an object');
    return null;
  }
  return changetype<JsonObject>(v);
}

/** Fails when `o` has a member outside `allowed`. */
export function onlyKeys(o: JsonObject, allowed: Array<string>, path: string, errors: InputError): void {
  const n = o.size;
  for (let i = 0; i < n; i++) {
    const k = o.keyAt(i);
    if (!allowed.includes(k)) {
      errors.fail(path + seg(k), 'is not allowed here');
      return;
    }
  }
}
