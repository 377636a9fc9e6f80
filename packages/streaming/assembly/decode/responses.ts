// Responses SSE -> JSON as rcc-llmswitch-core@0.4.2 computes it (ResponsesResponseBuilder driven by
// ResponsesSseToJsonConverter; docs/llms-facts.md, "Decoders"). JavaScript's value semantics come from
// js/values.ts; a handler that would throw in JavaScript returns the error message instead.
import { JsonArray, JsonNull, JsonObject, JsonValue, jsonArray, jsonBool, jsonNumber, jsonObject, jsonString, stringify } from '@llms-wasm/module-kit/assembly';
import { Ordered, setDefined } from '../js/ordered';
import { Val, asObj, get, isNullish, isObjectType, isStr, isString, jsAdd, jsToString, mapKey, nullishOr, plusOne, propertyKey, readError, str, truthyOr } from '../js/values';
import { isTruthy } from '@llms-wasm/module-kit/assembly';
import { DecodeOutcome, Decoder } from './decoder';
import { ItemState, ItemTable } from './responses-state';
import { PendingDeltas } from './responses-pending';
import { mapContentPartAdded, mapFunctionCallArgumentsDelta, mapFunctionCallArgumentsDone, mapOutputItemAdded, mapOutputTextDelta, mapOutputTextDone, mapReasoningDelta } from './responses-map';
import { buildOutput } from './responses-output';
import { found, functionCallDelta, functionCallDone, functionCallStart, notFound, outputItemDone, reasoningDelta, reasoningDone, reasoningStart } from './responses-items';

const MAX_OUTPUT_ITEMS = 50;
const MAX_CONTENT_PARTS = 100;

function s(v: string): JsonValue {
  return jsonString(v);
}

export class ResponsesDecoder extends Decoder {
  private state: string = 'initial';
  private error: string = '';
  private response: Ordered = new Ordered();
  readonly items: ItemTable = new ItemTable();

  // Fast-path deltas not yet written back (decode/responses-pending.ts): every other entry point flushes first.
  readonly pending: PendingDeltas = new PendingDeltas();

  /** Releases the pending buffers (raw memory) with the session. */
  dispose(): void {
    this.pending.dispose();
  }

  onEvent(type: string, data: JsonValue): void {
    this.pending.flush();
    this.state = 'building';
    const err = this.dispatch(type, data);
    if (err !== null) {
      this.error = err;
      this.state = 'error';
    }
  }

  /** The fast path (decode/responses-fast.ts): an event starts; the builder's state is `building` again (pending deltas stay pending). */
  begin(): void {
    this.state = 'building';
  }

  /** The fast path: the event failed with `message` (as a handler's throw would). */
  fail(message: string): void {
    this.pending.flush();
    this.settle(message);
  }

  private settle(err: string | null): void {
    if (err !== null) {
      this.error = err;
      this.state = 'error';
    }
  }

  private dispatch(type: string, data: Val): string | null {
    if (type == 'response.created') return this.responseStart(nullishOr(get(data, 'response'), data));
    if (type == 'response.in_progress') {
      if (isNullish(data)) return readError(data, 'status');
      this.response.set('status', nullishOr(get(data, 'status'), nullishOr(this.response.get('status'), s('in_progress'))));
      return null;
    }
    if (type == 'response.output_item.added') return isNullish(data) ? readError(data, 'item') : this.outputItemStart(mapOutputItemAdded(data));
    if (type == 'response.content_part.added') return isNullish(data) ? readError(data, 'part') : this.contentPartStart(mapContentPartAdded(data));
    if (type == 'response.output_text.delta') return isNullish(data) ? readError(data, 'item_id') : this.contentPartDelta(mapOutputTextDelta(data));
    if (type == 'response.output_text.done') return isNullish(data) ? readError(data, 'item_id') : this.contentPartDone(mapOutputTextDone(data));
    if (type == 'response.function_call_arguments.delta') return isNullish(data) ? readError(data, 'delta') : functionCallDelta(this.items, mapFunctionCallArgumentsDelta(data));
    if (type == 'response.function_call_arguments.done') return isNullish(data) ? readError(data, 'delta') : functionCallDone(this.items, mapFunctionCallArgumentsDone(data));
    if (type == 'response.reasoning_text.delta' || type == 'response.reasoning_signature.delta' || type == 'response.reasoning_image.delta') {
      return isNullish(data) ? readError(data, 'item_id') : reasoningDelta(this.items, mapReasoningDelta(type, data), 'outputItemState');
    }
    if (type == 'response.reasoning_text.done' || type == 'reasoning.done') return reasoningDone(this.items, data);
    if (type == 'response.completed') return this.responseCompleted(data);
    if (type == 'response.start') return this.responseStart(data);
    if (type == 'output_item.start') return this.outputItemStart(data);
    if (type == 'content_part.start') return this.contentPartStart(data);
    if (type == 'content_part.delta') return this.contentPartDelta(data);
    if (type == 'content_part.done' || type == 'response.content_part.done') return this.contentPartDone(data);
    if (type == 'function_call.start') return functionCallStart(this.items, data);
    if (type == 'function_call.delta') return functionCallDelta(this.items, data);
    if (type == 'function_call.done') return functionCallDone(this.items, data);
    if (type == 'reasoning.start') return reasoningStart(this.items, data);
    if (type == 'reasoning.delta') return reasoningDelta(this.items, data, 'outputItemState');
    if (type == 'output_item.done') return outputItemDone(this.items, data);
    if (type == 'response.done') return this.responseDone(data);
    // required_action (not implemented in 0.4.2), error (always recovered), anything else: nothing.
    return null;
  }

  private responseStart(data: Val): string | null {
    if (isNullish(data)) return readError(data, 'id');
    const prev = this.response;
    const r = new Ordered();
    r.set('id', nullishOr(get(data, 'id'), prev.get('id')));
    r.set('object', s('response'));
    r.set('created_at', nullishOr(get(data, 'created_at'), prev.get('created_at')));
    r.set('status', nullishOr(get(data, 'status'), s('in_progress')));
    r.set('model', nullishOr(get(data, 'model'), prev.get('model')));
    r.set('user', nullishOr(get(data, 'user'), prev.get('user')));
    r.set('temperature', nullishOr(get(data, 'temperature'), prev.get('temperature')));
    r.set('top_p', nullishOr(get(data, 'top_p'), prev.get('top_p')));
    r.set('max_output_tokens', nullishOr(get(data, 'max_output_tokens'), prev.get('max_output_tokens')));
    r.set('metadata', nullishOr(get(data, 'metadata'), prev.get('metadata')));
    r.set('output', nullishOr(prev.get('output'), jsonArray()));
    this.response = r;
    return null;
  }

  private outputItemStart(data: Val): string | null {
    if (this.items.size >= MAX_OUTPUT_ITEMS) return 'Maximum output items exceeded';
    if (isNullish(data)) return readError(data, 'item_id');
    const st = new ItemState();
    st.id = get(data, 'item_id');
    st.type = get(data, 'type');
    st.role = get(data, 'role');
    st.callId = get(data, 'call_id');
    st.name = get(data, 'name');
    this.items.set(mapKey(st.id), st);
    return null;
  }

  private contentPartStart(data: Val): string | null {
    if (isNullish(data)) return readError(data, 'item_id');
    const st = found(this.items, data);
    if (st === null) return notFound(data);
    const contentIndexIn = get(data, 'content_index');
    if (st.parts.length >= MAX_CONTENT_PARTS && contentIndexIn === null) return 'Maximum content parts exceeded';
    const contentIndex = nullishOr(contentIndexIn, jsonNumber(<f64>st.parts.length));
    const dtype = get(data, 'type');
    const typeKey = propertyKey(dtype);
    const byType = get(data, typeKey);
    let lookup = '';
    if (isTruthy(byType)) lookup = typeKey;
    else if (isTruthy(get(data, 'text'))) lookup = 'text';
    else if (isTruthy(get(data, 'output_text'))) lookup = 'output_text';
    let contentPart: Val = byType;
    if (!isTruthy(contentPart) && lookup == 'text') {
      const t = get(data, 'text');
      const tv = isString(t) ? t : get(t, 'text');
      const o = jsonObject();
      o.set('type', changetype<JsonValue>(nullishOr(dtype, s('output_text'))));
      o.set('text', changetype<JsonValue>(nullishOr(tv, s(''))));
      contentPart = o;
    } else if (!isTruthy(contentPart) && lookup == 'output_text') {
      const t = get(data, 'output_text');
      const tv = isString(t) ? t : get(t, 'text');
      const o = jsonObject();
      o.set('type', s('output_text'));
      o.set('text', changetype<JsonValue>(nullishOr(tv, s(''))));
      contentPart = o;
    } else if (!isTruthy(contentPart) && isString(get(data, 'text'))) {
      const o = jsonObject();
      o.set('type', changetype<JsonValue>(nullishOr(dtype, s('output_text'))));
      o.set('text', changetype<JsonValue>(get(data, 'text')));
      contentPart = o;
    }
    if (!isTruthy(contentPart)) {
      const alt = get(data, isStr(dtype, 'input_text') ? 'text' : typeKey);
      if (isTruthy(alt)) contentPart = alt;
      else {
        const o = jsonObject();
        o.set('type', changetype<JsonValue>(nullishOr(dtype, s('output_text'))));
        o.set('text', s(''));
        contentPart = o;
      }
    }
    if (contentIndexIn !== null && get(contentPart, 'text') !== null) {
      const o = changetype<JsonObject>(asObj(contentPart));
      o.set('_initialText', changetype<JsonValue>(truthyOr(o.get('text'), s(''))));
      o.set('_hasDelta', jsonBoolFalse());
      o.set('text', s(''));
    }
    st.parts.set(propertyKey(contentIndex), changetype<JsonValue>(contentPart));
    st.current = contentIndex;
    return null;
  }

  private contentPartDelta(data: Val): string | null {
    if (isNullish(data)) return readError(data, 'item_id');
    const st = found(this.items, data);
    if (st === null) return notFound(data);
    const index = nullishOr(get(data, 'part_index'), nullishOr(get(data, 'content_index'), st.current));
    const part = st.parts.get(propertyKey(index));
    if (!isTruthy(part)) return 'Content part not found: ' + jsToString(index);
    const ptype = get(part, 'type');
    const delta = get(data, 'delta');
    if (isStr(ptype, 'input_text') || isStr(ptype, 'output_text')) {
      const chunk = isString(delta) ? delta : get(delta, 'text');
      if (isTruthy(chunk)) {
        const o = changetype<JsonObject>(asObj(part));
        o.set('text', jsAdd(truthyOr(o.get('text'), s('')), chunk));
        o.set('_hasDelta', jsonBoolTrue());
      }
    } else if (isStr(ptype, 'function_call')) {
      const chunk = isString(delta) ? delta : get(delta, 'arguments');
      if (isTruthy(chunk)) {
        const o = changetype<JsonObject>(asObj(part));
        o.set('arguments', jsAdd(truthyOr(o.get('arguments'), s('')), chunk));
      }
    }
    return null;
  }

  private contentPartDone(data: Val): string | null {
    if (isNullish(data)) return readError(data, 'item_id');
    const st = found(this.items, data);
    if (st === null) return notFound(data);
    const index = nullishOr(get(data, 'content_index'), nullishOr(get(data, 'part_index'), st.current));
    if (index !== null) {
      const part = st.parts.get(propertyKey(index));
      if (isTruthy(part) && !isTrue(get(part, '_hasDelta')) && isTruthy(get(part, '_initialText')) && !isTruthy(get(part, 'text'))) {
        changetype<JsonObject>(asObj(part)).set('text', changetype<JsonValue>(get(part, '_initialText')));
      }
      st.current = plusOne(index);
    } else {
      st.current = plusOne(st.current);
    }
    return null;
  }

  private responseDone(raw: Val): string | null {
    const data = nullishOr(get(raw, 'response'), raw);
    const usage = nullishOr(get(data, 'usage'), get(raw, 'usage'));
    const r = this.response.clone();
    r.set('id', nullishOr(get(data, 'id'), this.response.get('id')));
    r.set('status', nullishOr(get(data, 'status'), s('completed')));
    const built = buildOutput(this.items);
    if (built.error !== null) return built.error;
    r.set('output', built.items);
    r.set('usage', nullishOr(usage, this.response.get('usage')));
    this.response = r;
    this.state = 'completed';
    return null;
  }

  private responseCompleted(data: Val): string | null {
    const usage = get(data, 'usage');
    if (isTruthy(usage)) this.response.set('usage', usage);
    const status = get(data, 'status');
    this.response.set('status', isTruthy(data) && !isNullish(status) ? status : s('completed'));
    const err = this.ensureOutput();
    if (err !== null) return err;
    this.state = 'completed';
    return null;
  }

  /** `if (!Array.isArray(cur) || cur.length === 0) output = build()` (a throw retries once, then escapes). */
  private ensureOutput(): string | null {
    const cur = this.response.get('output');
    if (cur !== null && cur.isArray() && changetype<JsonArray>(cur).length > 0) return null;
    const built = buildOutput(this.items);
    if (built.error !== null) return built.error;
    this.response.set('output', built.items);
    return null;
  }

  finish(): DecodeOutcome {
    this.pending.flush();
    const r = this.result();
    if (r !== null) return DecodeOutcome.success(r);
    const msg = this.state == 'error' ? this.error : 'Building not completed';
    return DecodeOutcome.failure('SSE_TO_JSON_ERROR', 'SSE_TO_JSON_ERROR: ' + msg);
  }

  /** ResponsesResponseBuilder#getResult: the response, or null when it failed. */
  private result(): JsonValue | null {
    if (this.state == 'error') return null;
    if (this.state == 'completed') return this.response.toJson();
    if (isStr(this.response.get('status'), 'completed')) {
      return this.ensureOutput() === null ? this.response.toJson() : null;
    }
    let anyCompleted = false;
    for (let i = 0; i < this.items.order.length; i++) if (this.items.order[i].status == 'completed') anyCompleted = true;
    if (!anyCompleted) return null;
    this.response.set('status', s('completed'));
    return this.ensureOutput() === null ? this.response.toJson() : null;
  }
}

function isTrue(v: Val): bool {
  return v !== null && v.isBool() && v.asBool();
}

function jsonBoolTrue(): JsonValue {
  return jsonBool(true);
}
function jsonBoolFalse(): JsonValue {
  return jsonBool(false);
}

