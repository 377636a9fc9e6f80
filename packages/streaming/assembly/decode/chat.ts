// Chat Completions SSE -> JSON as rcc-llmswitch-core 0.4.2 computes it (ChatSseToJsonConverter): chunks
// aggregated per choice (reasoning appended into content), tool calls keyed by index and emitted only
// with an id, finish_reason defaulting to stop, errors wrapped exactly as llms wraps them.
import { JsonArray, JsonObject, JsonValue, jsonArray, jsonNull, jsonNumber, jsonObject, jsonString, numberToJsString, parse, utf8Decode } from '@llms-wasm/module-kit/assembly';
import { setDefined } from '../js/ordered';
import { v8JsonMessage } from '../js/v8-json-error';
import { Val, get, isNullish, jsAdd, jsToString, mapKey, propertyKey, readError, truthyOr, arrayIndex } from '../js/values';
import { isTruthy } from '@llms-wasm/module-kit/assembly';
import { DecodeOutcome, Decoder } from './decoder';

class ToolCall {
  id: JsonValue = jsonString('');
  type: JsonValue = jsonString('function');
  fn: JsonObject = jsonObject();
  constructor() {
    this.fn.set('name', jsonString(''));
    this.fn.set('arguments', jsonString(''));
  }
}

class ChoiceBuilder {
  role: Val = null;
  content: JsonValue = jsonString('');
  functionCall: JsonObject | null = null;
  finishReason: JsonValue = jsonNull();
  readonly calls: Array<ToolCall> = new Array<ToolCall>();
  readonly callIndex: Map<string, i32> = new Map<string, i32>();
}

class Failure {
  constructor(public code: string, public message: string) {}
}

export class ChatDecoder extends Decoder {
  private id: Val = jsonString('');
  private created: Val = jsonNumber(0);
  private model: Val;
  private readonly choices: JsonArray = jsonArray();
  private readonly builders: Map<string, ChoiceBuilder> = new Map<string, ChoiceBuilder>();
  private failure: Failure | null = null;

  constructor(private readonly requestId: string, model: string | null, private readonly now: f64) {
    super();
    this.model = model === null ? null : jsonString(model);
  }

  onEvent(type: string, data: JsonValue): void {}

  /** A framed event with its raw data text. */
  onChat(type: string, data: string): void {
    if (this.failure !== null) return;
    let f: Failure | null = null;
    if (type == 'chat_chunk') {
      const err = this.chunk(data);
      if (err !== null) f = new Failure('UNKNOWN', 'Failed to parse chat_chunk: ' + err);
    } else if (type == 'chat.done' || type == 'ping') {
      return;
    } else if (type == 'error') {
      f = new Failure('CHAT_STREAM_ERROR', 'SSE error event: ' + data);
    } else {
      f = new Failure('CHAT_PARSE_ERROR', 'Unknown SSE event type: ' + type);
    }
    if (f !== null) this.failure = new Failure(f.code, 'SSE to JSON conversion failed: Failed to process SSE event: ' + type + ': ' + f.message);
  }

  /** A frame without an event name: the framing throws, unwrapped by processSseEvent. */
  onFramingError(message: string): void {
    if (this.failure === null) this.failure = new Failure('CHAT_VALIDATION_ERROR', 'SSE to JSON conversion failed: ' + message);
  }

  private chunk(data: string): string | null {
    const r = parse(data);
    if (!r.ok) return v8JsonMessage(data, r);
    const chunk = r.value;
    if (isNullish(chunk)) return readError(chunk, 'id');
    const cid = get(chunk, 'id');
    if (!isTruthy(this.id) && isTruthy(cid)) {
      this.id = cid;
      this.created = get(chunk, 'created');
      this.model = get(chunk, 'model');
    }
    const choices = get(chunk, 'choices');
    if (isTruthy(choices) && choices !== null && choices.isArray()) {
      const list = changetype<JsonArray>(choices);
      for (let i = 0; i < list.length; i++) {
        const err = this.choice(list.items[i]);
        if (err !== null) return err;
      }
    }
    return null;
  }

  private choice(choice: JsonValue): string | null {
    if (isNullish(choice)) return readError(choice, 'index');
    const index = changetype<JsonValue>(truthyOr(get(choice, 'index'), jsonNumber(0)));
    const key = mapKey(index);
    let b: ChoiceBuilder;
    if (this.builders.has(key)) b = this.builders.get(key);
    else {
      b = new ChoiceBuilder();
      this.builders.set(key, b);
      const c = jsonObject();
      c.set('index', index);
      c.set('message', jsonObject());
      c.set('finish_reason', jsonNull());
      setDefined(c, 'logprobs', get(choice, 'logprobs'));
      this.choices.push(c);
    }
    const delta = get(choice, 'delta');
    if (isTruthy(delta)) {
      const err = this.delta(changetype<JsonValue>(delta), b);
      if (err !== null) return err;
    }
    const fr = get(choice, 'finish_reason');
    if (isTruthy(fr)) b.finishReason = changetype<JsonValue>(fr);
    this.update(index, b);
    return null;
  }

  private delta(delta: JsonValue, b: ChoiceBuilder): string | null {
    const role = get(delta, 'role');
    if (isTruthy(role)) b.role = role;
    const reasoning = get(delta, 'reasoning');
    if (isTruthy(reasoning)) b.content = jsAdd(b.content, reasoning);
    const content = get(delta, 'content');
    if (isTruthy(content)) b.content = jsAdd(b.content, content);
    const fc = get(delta, 'function_call');
    if (isTruthy(fc)) {
      const name = get(fc, 'name');
      if (isTruthy(name)) {
        const o = copyOf(b.functionCall);
        o.set('name', changetype<JsonValue>(name));
        b.functionCall = o;
      }
      const args = get(fc, 'arguments');
      if (isTruthy(args)) {
        let prev: Val = null;
        if (b.functionCall !== null) prev = changetype<JsonObject>(b.functionCall).get('arguments');
        const o = copyOf(b.functionCall);
        o.set('arguments', jsAdd(truthyOr(prev, jsonString('')), args));
        b.functionCall = o;
      }
    }
    const calls = get(delta, 'tool_calls');
    if (isTruthy(calls) && calls !== null && calls.isArray()) {
      const list = changetype<JsonArray>(calls);
      for (let i = 0; i < list.length; i++) {
        const tcd = list.items[i];
        if (isNullish(tcd)) return readError(tcd, 'index');
        const key = mapKey(get(tcd, 'index'));
        let call: ToolCall;
        if (b.callIndex.has(key)) call = b.calls[b.callIndex.get(key)];
        else {
          call = new ToolCall();
          b.callIndex.set(key, b.calls.length);
          b.calls.push(call);
        }
        const id = get(tcd, 'id');
        if (isTruthy(id)) call.id = changetype<JsonValue>(id);
        const type = get(tcd, 'type');
        if (isTruthy(type)) call.type = changetype<JsonValue>(type);
        const fn = get(tcd, 'function');
        if (isTruthy(fn)) {
          const n = get(fn, 'name');
          if (isTruthy(n)) call.fn.set('name', changetype<JsonValue>(n));
          const a = get(fn, 'arguments');
          if (isTruthy(a)) call.fn.set('arguments', jsAdd(call.fn.get('arguments'), a));
        }
      }
    }
    return null;
  }

  /** updateResponseChoice: the choice at array position `index` (llms indexes its choices array by choice index). */
  private update(index: JsonValue, b: ChoiceBuilder): void {
    const at = arrayIndex(propertyKey(index));
    if (at < 0 || at >= <i64>this.choices.length) return;
    const target = this.choices.items[<i32>at].asObject();
    if (target === null) return;
    const message = jsonObject();
    message.set('role', changetype<JsonValue>(truthyOr(b.role, jsonString('assistant'))));
    if (isTruthy(b.content)) message.set('content', b.content);
    if (b.functionCall !== null) message.set('function_call', changetype<JsonObject>(b.functionCall));
    const calls = jsonArray();
    for (let i = 0; i < b.calls.length; i++) {
      const c = b.calls[i];
      if (!isTruthy(c.id)) continue;
      const o = jsonObject();
      o.set('id', c.id);
      o.set('type', isTruthy(c.type) ? c.type : jsonString('function'));
      o.set('function', c.fn);
      calls.push(o);
    }
    if (calls.length > 0) message.set('tool_calls', calls);
    target.set('message', message);
    target.set('finish_reason', b.finishReason);
  }

  finish(): DecodeOutcome {
    const f = this.failure;
    if (f !== null) return DecodeOutcome.failure(f.code, f.message);
    for (let i = 0; i < this.choices.length; i++) {
      const c = changetype<JsonObject>(this.choices.items[i].asObject());
      if (!isTruthy(c.get('finish_reason'))) c.set('finish_reason', jsonString('stop'));
    }
    const out = jsonObject();
    out.set('id', isTruthy(this.id) ? changetype<JsonValue>(this.id) : jsonString('chat_' + this.requestId));
    out.set('object', jsonString('chat.completion'));
    out.set('created', isTruthy(this.created) ? changetype<JsonValue>(this.created) : jsonNumber(Math.floor(this.now / 1000)));
    setDefined(out, 'model', this.model);
    out.set('choices', this.choices);
    return DecodeOutcome.success(out);
  }
}

function copyOf(o: JsonObject | null): JsonObject {
  const c = jsonObject();
  if (o === null) return c;
  const ks = o.keys();
  for (let i = 0; i < ks.length; i++) c.set(ks[i], changetype<JsonValue>(o.get(ks[i])));
  return c;
}

export { jsToString, numberToJsString, utf8Decode };
