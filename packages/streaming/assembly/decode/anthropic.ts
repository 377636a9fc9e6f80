// Anthropic SSE -> JSON as @jsonstudio/llms 0.6.3689 computes it (AnthropicSseToJsonConverter with
// createAnthropicResponseBuilder): error events end the stream with llms's message (unless it says the
// stream was terminated, when the partial message is salvaged), usage is merged key-wise, thinking
// blocks keep only their `text` deltas, a missing message_stop still returns what was received.
import { JsonArray, JsonObject, JsonValue, jsTrim, jsonArray, jsonNumber, jsonObject, jsonString, numberToJsString, parse } from '@llms-wasm/module-kit/assembly';
import { setDefined } from '../js/ordered';
import { Val, asObj, get, isNullish, isNumber, isObjectType, isStr, isString, nullishOr, str } from '../js/values';
import { isTruthy } from '@llms-wasm/module-kit/assembly';
import { DecodeOutcome, Decoder } from './decoder';
import { reasoningChannel } from './reasoning';

const CODE = 'ANTHROPIC_SSE_TO_JSON_FAILED';

class Block {
  kind: string = '';
  buffer: string = '';
  id: Val = null;
  name: Val = null;
  toolUseId: Val = null;
  content: Val = null;
  isError: Val = null;
}

/** `{ ...current, ...incoming }` with nested plain objects merged one level (mergeAnthropicUsage). */
function mergeUsage(current: Val, incoming: Val): Val {
  if (!isTruthy(incoming) || !isObjectType(incoming)) return current;
  const base = new JsonObject();
  const cur = asObj(current);
  if (cur !== null) {
    const ks = cur.keys();
    for (let i = 0; i < ks.length; i++) base.set(ks[i], changetype<JsonValue>(cur.get(ks[i])));
  }
  const inc = changetype<JsonValue>(incoming);
  const keys = new Array<string>();
  const vals = new Array<JsonValue>();
  if (inc.isArray()) {
    const a = changetype<JsonArray>(inc);
    for (let i = 0; i < a.length; i++) {
      keys.push(i.toString());
      vals.push(a.items[i]);
    }
  } else {
    const o = changetype<JsonObject>(inc);
    const ks = o.keys();
    for (let i = 0; i < ks.length; i++) {
      keys.push(ks[i]);
      vals.push(changetype<JsonValue>(o.get(ks[i])));
    }
  }
  for (let i = 0; i < keys.length; i++) {
    const v = vals[i];
    // `base.__proto__ = v` sets the prototype (or does nothing for a primitive): never an own member.
    if (keys[i] == '__proto__') continue;
    if (v.isObject()) {
      const merged = new JsonObject();
      const prev = base.get(keys[i]);
      if (prev !== null && prev.isObject()) copyInto(merged, changetype<JsonObject>(prev));
      copyInto(merged, changetype<JsonObject>(v));
      base.set(keys[i], merged);
    } else base.set(keys[i], v);
  }
  return base;
}

function copyInto(to: JsonObject, from: JsonObject): void {
  const ks = from.keys();
  for (let i = 0; i < ks.length; i++) to.set(ks[i], changetype<JsonValue>(from.get(ks[i])));
}

/** extractAnthropicErrorEventMessage for an `error` event. */
function errorMessage(data: JsonValue): string {
  if (data.isString()) {
    const t = jsTrim(str(data));
    if (t.length > 0) return 'Anthropic SSE error event: ' + t;
  }
  const obj = isObjectType(data) && !data.isNull();
  const nested: Val = obj ? get(data, 'error') : null;
  let message = 'Anthropic SSE upstream returned an error event';
  const nm = get(nested, 'message');
  const dm = obj ? get(data, 'message') : null;
  if (isTruthy(nested) && isString(nm) && jsTrim(str(nm)).length > 0) message = jsTrim(str(nm));
  else if (obj && isString(dm) && jsTrim(str(dm)).length > 0) message = jsTrim(str(dm));
  let code = '';
  const nc = get(nested, 'code');
  const dc = obj ? get(data, 'code') : null;
  if (isTruthy(nested) && isString(nc) && jsTrim(str(nc)).length > 0) code = jsTrim(str(nc));
  else if (isTruthy(nested) && isNumber(nc) && numberToJsString(changetype<JsonValue>(nc).asNumber()).length > 0) code = numberToJsString(changetype<JsonValue>(nc).asNumber());
  else if (obj && isString(dc) && jsTrim(str(dc)).length > 0) code = jsTrim(str(dc));
  else if (obj && isNumber(dc)) code = numberToJsString(changetype<JsonValue>(dc).asNumber());
  let requestId = '';
  const r1 = obj ? get(data, 'request_id') : null;
  const r2 = obj ? get(data, 'requestId') : null;
  if (isString(r1) && jsTrim(str(r1)).length > 0) requestId = jsTrim(str(r1));
  else if (isString(r2) && jsTrim(str(r2)).length > 0) requestId = jsTrim(str(r2));
  let out = 'Anthropic SSE error event';
  if (code.length > 0) out += ' [' + code + ']';
  out += ' ' + message;
  if (requestId.length > 0) out += ' (request_id=' + requestId + ')';
  return out;
}

function isTerminated(message: string): bool {
  const m = message.toLowerCase();
  return m.includes('terminated') || m.includes('upstream_stream_idle_timeout') || m.includes('upstream_stream_timeout');
}

export class AnthropicDecoder extends Decoder {
  private content: JsonArray = jsonArray();
  private id: Val = null;
  private model: Val = null;
  private role: Val = jsonString('assistant');
  private usage: Val = null;
  private stopReason: Val = null;
  private stopSequence: Val = null;
  private hasStopSequence: bool = false;
  private completed: bool = false;
  private current: Block | null = null;
  private thrown: string | null = null;

  constructor(private readonly now: f64) {
    super();
  }

  onEvent(type: string, data: JsonValue): void {
    if (this.thrown !== null) return;
    if (type == 'error') {
      this.thrown = errorMessage(data);
      return;
    }
    if (type == 'message_start') {
      const payload = get(data, 'message');
      if (isTruthy(payload)) {
        const id = get(payload, 'id');
        if (isTruthy(id)) this.id = id;
        const model = get(payload, 'model');
        if (isTruthy(model)) this.model = model;
        const role = get(payload, 'role');
        if (isTruthy(role)) this.role = role;
        this.usage = mergeUsage(this.usage, get(payload, 'usage'));
      }
    } else if (type == 'content_block_start') {
      const payload = get(data, 'content_block');
      if (!isTruthy(payload)) return;
      const t = get(payload, 'type');
      const b = new Block();
      if (isStr(t, 'text')) b.kind = 'text';
      else if (isStr(t, 'thinking')) b.kind = 'thinking';
      else if (isStr(t, 'tool_use')) {
        b.kind = 'tool_use';
        b.id = get(payload, 'id');
        b.name = get(payload, 'name');
      } else if (isStr(t, 'tool_result')) {
        b.kind = 'tool_result';
        b.toolUseId = get(payload, 'tool_use_id');
        b.content = get(payload, 'content');
        b.isError = get(payload, 'is_error');
      } else return;
      this.current = b;
    } else if (type == 'content_block_delta') {
      const b = this.current;
      if (b === null) return;
      const delta = get(data, 'delta');
      if (!isTruthy(delta)) return;
      const text = get(delta, 'text');
      const pj = get(delta, 'partial_json');
      if ((b.kind == 'text' || b.kind == 'thinking') && isString(text)) b.buffer += str(text);
      else if (b.kind == 'tool_use' && isString(pj)) b.buffer += str(pj);
    } else if (type == 'content_block_stop') {
      this.flush();
    } else if (type == 'message_delta') {
      const d: Val = isNullish(data) ? jsonObject() : data;
      const delta = get(d, 'delta');
      const sr = get(delta, 'stop_reason');
      if (isTruthy(sr)) this.stopReason = sr;
      const ss = get(delta, 'stop_sequence');
      if (isString(ss) || (ss !== null && ss.isNull())) {
        this.stopSequence = ss;
        this.hasStopSequence = true;
      }
      const first: Val = isTruthy(delta) ? get(delta, 'usage') : delta;
      const node = nullishOr(first, get(d, 'usage'));
      if (isTruthy(node)) this.usage = mergeUsage(this.usage, node);
    } else if (type == 'message_stop') {
      this.completed = true;
      this.flush();
    }
  }

  private flush(): void {
    const b = this.current;
    if (b === null) return;
    if (b.kind == 'text' && b.buffer.length > 0) {
      const o = jsonObject();
      o.set('type', jsonString('text'));
      o.set('text', jsonString(b.buffer));
      this.content.push(o);
    } else if (b.kind == 'thinking' && b.buffer.length > 0) {
      const channel = reasoningChannel(b.buffer);
      if (channel !== null) {
        const o = jsonObject();
        o.set('type', jsonString('thinking'));
        o.set('text', jsonString(channel));
        this.content.push(o);
      }
    } else if (b.kind == 'tool_use') {
      let input: JsonValue = jsonObject();
      if (b.buffer.length > 0) {
        const r = parse(b.buffer);
        if (r.ok) input = r.value;
        else {
          const raw = jsonObject();
          raw.set('_raw', jsonString(b.buffer));
          input = raw;
        }
      }
      const o = jsonObject();
      o.set('type', jsonString('tool_use'));
      setDefined(o, 'id', b.id);
      setDefined(o, 'name', b.name);
      o.set('input', input);
      this.content.push(o);
    } else if (b.kind == 'tool_result') {
      const o = jsonObject();
      o.set('type', jsonString('tool_result'));
      setDefined(o, 'tool_use_id', b.toolUseId);
      setDefined(o, 'content', b.content);
      setDefined(o, 'is_error', b.isError);
      this.content.push(o);
    }
    this.current = null;
  }

  /** builder.getResult(): the message, or null (`Anthropic SSE stream incomplete`). */
  private result(): JsonValue | null {
    if (!this.completed) {
      this.flush();
      if (this.content.length == 0) return null;
    }
    const o = jsonObject();
    o.set('id', isTruthy(this.id) ? changetype<JsonValue>(this.id) : jsonString('msg_' + numberToJsString(this.now)));
    o.set('type', jsonString('message'));
    o.set('role', isTruthy(this.role) ? changetype<JsonValue>(this.role) : jsonString('assistant'));
    o.set('model', isTruthy(this.model) ? changetype<JsonValue>(this.model) : jsonString('unknown'));
    o.set('content', this.content);
    setDefined(o, 'usage', this.usage);
    o.set('stop_reason', isTruthy(this.stopReason) ? changetype<JsonValue>(this.stopReason) : jsonString(this.hasToolUse() ? 'tool_use' : 'end_turn'));
    if (this.hasStopSequence) setDefined(o, 'stop_sequence', this.stopSequence);
    return o;
  }

  private hasToolUse(): bool {
    const b = this.current;
    if (b !== null && b.kind == 'tool_use') return true;
    for (let i = 0; i < this.content.length; i++) if (isStr(get(this.content.items[i], 'type'), 'tool_use')) return true;
    return false;
  }

  finish(): DecodeOutcome {
    const thrown = this.thrown;
    if (thrown !== null) {
      if (isTerminated(thrown)) {
        const salvaged = this.result();
        if (salvaged !== null) return DecodeOutcome.success(salvaged);
      }
      return DecodeOutcome.failure(CODE, thrown);
    }
    const r = this.result();
    return r !== null ? DecodeOutcome.success(r) : DecodeOutcome.failure(CODE, 'Anthropic SSE stream incomplete');
  }
}

export { jsonNumber };
