// llms 0.6.3689's countRequestTokens (router token counter), step for step: role, content (JSON-looking
// strings parsed and counted structurally, media parts skipped), tool_calls, name, tool_call_id per
// message; then tools and parameters. Blank texts count 0. A special token anywhere fails the count.
import {
  JsonArray,
  JsonKind,
  JsonObject,
  JsonValue,
  isBlank,
  jsTrim,
  jsonObject,
  numberToJsString,
  parse,
  isTruthy,
} from '@llms-wasm/module-kit/assembly';
import { InputError } from '../input-error';
import { lowerAsciiString } from '../segment/lower-ascii';
import { SPECIAL_FOUND, countJson, countString } from './encode-text';

/** A count that failed: a special token (SPECIAL_FOUND), a bpe error, or bad input (see errors). */
export const COUNT_FAILED: i64 = -1;

const EMPTY_OBJECT = jsonObject();

class Counter {
  total: i64 = 0;
  failure: i32 = 0;

  constructor(public id: i32, public errors: InputError) {}

  /** Adds a count; false once anything failed. */
  add(n: i32): bool {
    if (n < 0) {
      this.failure = n;
      return false;
    }
    this.total += n;
    return true;
  }

  /** encodeText: blank texts count 0. */
  text(s: string): bool {
    return isBlank(s) ? true : this.add(countString(this.id, s));
  }

  json(v: JsonValue): bool {
    return this.add(countJson(this.id, v));
  }

  get ok(): bool {
    return this.failure == 0 && !this.errors.failed;
  }
}

function startsWithDataMedia(v: JsonValue | null): bool {
  if (v === null || v.kind != JsonKind.String) return false;
  const data = lowerAsciiString(jsTrim(changetype<string>(v.asString())));
  return data.startsWith('data:video/') || data.startsWith('data:image/');
}

/** llms's detectMediaKind: image or video parts are not counted. */
function isMedia(record: JsonObject): bool {
  const type = record.get('type');
  if (type !== null && type.kind == JsonKind.String) {
    const t = lowerAsciiString(jsTrim(changetype<string>(type.asString())));
    if (t.includes('video') || t.includes('image')) return true;
  }
  if (record.has('video_url') || record.has('image_url')) return true;
  return startsWithDataMedia(record.get('data'));
}

/** `JSON.parse(trimmed)` when the text looks like a JSON object or array and parses; else null. */
function parseStructured(raw: string): JsonValue | null {
  const trimmed = jsTrim(raw);
  if (trimmed.length == 0) return null;
  const first = trimmed.charCodeAt(0);
  const last = trimmed.charCodeAt(trimmed.length - 1);
  if (!((first == 0x7b && last == 0x7d) || (first == 0x5b && last == 0x5d))) return null;
  const parsed = parse(trimmed);
  return parsed.ok ? parsed.value : null;
}

function countContent(c: Counter, content: JsonValue): bool {
  switch (content.kind) {
    case JsonKind.Null:
      return true;
    case JsonKind.String: {
      const s = changetype<string>(content.asString());
      const structured = parseStructured(s);
      return structured !== null ? countContent(c, structured) : c.text(s);
    }
    case JsonKind.Array: {
      const parts = changetype<JsonArray>(content);
      for (let i = 0; i < parts.length && c.ok; i++) {
        const part = changetype<JsonValue>(parts.at(i));
        if (part.kind == JsonKind.String) c.text(changetype<string>(part.asString()));
        else if (part.kind == JsonKind.Object) {
          const record = changetype<JsonObject>(part);
          if (isMedia(record)) continue;
          const text = record.get('text');
          if (text !== null && text.kind == JsonKind.String) c.text(changetype<string>(text.asString()));
          else c.json(part);
        } else if (part.kind == JsonKind.Array) c.json(part); // an array has no type, text or media keys
      }
      return c.ok;
    }
    case JsonKind.Object:
      return isMedia(changetype<JsonObject>(content)) ? true : c.json(content);
    case JsonKind.Bool:
      return c.text(content.asBool() ? 'true' : 'false');
    default:
      return c.text(numberToJsString(content.asNumber()));
  }
}

function optionalString(c: Counter, message: JsonObject, key: string, path: string): string | null {
  const v = message.get(key);
  if (v === null) return null;
  const s = v.asString();
  if (s === null) c.errors.fail(path + '/' + key, 'must be a string');
  return s;
}

function countMessage(c: Counter, value: JsonValue, path: string): bool {
  const message = value.asObject();
  if (message === null) {
    c.errors.fail(path, 'must be an object');
    return false;
  }
  const role = optionalString(c, message, 'role', path);
  if (role !== null && !c.text(role)) return false;
  const content = message.get('content');
  if (content !== null && !countContent(c, content)) return false;
  const calls = message.get('tool_calls');
  if (calls !== null) {
    const list = calls.asArray();
    if (list === null) {
      c.errors.fail(path + '/tool_calls', 'must be an array');
      return false;
    }
    for (let i = 0; i < list.length && c.ok; i++) {
      const call = changetype<JsonValue>(list.at(i));
      c.json(call.isNull() ? EMPTY_OBJECT : call);
    }
  }
  const name = optionalString(c, message, 'name', path);
  if (name !== null && name.length > 0) c.text(name);
  const toolCallId = optionalString(c, message, 'tool_call_id', path);
  if (toolCallId !== null && toolCallId.length > 0) c.text(toolCallId);
  return c.ok;
}

/** Token count of a chat request under encoding name id `id`; COUNT_FAILED with the reason in `failure`/`errors`. */
export function countRequestTokens(input: JsonObject, id: i32, errors: InputError): i64 {
  const c = new Counter(id, errors);
  const messages = input.get('messages');
  if (messages === null || messages.kind != JsonKind.Array) {
    errors.fail('/messages', 'must be an array');
    return COUNT_FAILED;
  }
  const list = changetype<JsonArray>(messages);
  for (let i = 0; i < list.length; i++) {
    if (!countMessage(c, changetype<JsonValue>(list.at(i)), '/messages/' + i.toString())) break;
  }
  const tools = input.get('tools');
  if (c.ok && tools !== null) {
    const toolList = tools.asArray();
    if (toolList === null) errors.fail('/tools', 'must be an array');
    else for (let i = 0; i < toolList.length && c.ok; i++) {
      const tool = changetype<JsonValue>(toolList.at(i));
      c.json(tool.isNull() ? EMPTY_OBJECT : tool);
    }
  }
  const parameters = input.get('parameters');
  if (c.ok && isTruthy(parameters)) c.json(changetype<JsonValue>(parameters));
  if (!c.ok) {
    lastFailure = c.failure;
    return COUNT_FAILED;
  }
  return c.total;
}

let lastFailure: i32 = 0;

/** Why the last countRequestTokens failed: SPECIAL_FOUND, a negative bpe error, or 0 for bad input. */
export function lastCountFailure(): i32 {
  return lastFailure;
}

export { SPECIAL_FOUND };
