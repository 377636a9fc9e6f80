// Gemini SSE -> JSON as @jsonstudio/llms 0.6.3689 computes it (GeminiSseToJsonConverter): only its own
// gemini.data / gemini.done events (a refused frame fails the stream with the parser's message),
// parts accumulated per candidate with adjacent text (and reasoning) parts merged, the done payload's
// candidates giving finishReason / safetyRatings.
import { JsonArray, JsonObject, JsonValue, jsonArray, jsonObject, jsonString, numberToJsString } from '@llms-wasm/module-kit/assembly';
import { setDefined } from '../js/ordered';
import { Val, get, isNumber, isObjectType, isString, jsAdd, jsToString, str } from '../js/values';
import { isTruthy } from '@llms-wasm/module-kit/assembly';
import { DecodeOutcome, Decoder } from './decoder';
import { reasoningChannel } from './reasoning';

const CODE = 'GEMINI_SSE_TO_JSON_FAILED';

class Candidate {
  constructor(public role: JsonValue, public parts: JsonArray) {}
}

/** `key in value` for a value known to be an object or array (arrays have no text/reasoning). */
function hasKey(v: JsonValue, key: string): bool {
  const o = v.asObject();
  return o !== null && o.has(key);
}

/** V8's TypeError for `'key' in primitive`. */
function inError(key: string, v: JsonValue): string {
  return "Cannot use 'in' operator to search for '" + key + "' in " + jsToString(v);
}

export class GeminiDecoder extends Decoder {
  private readonly keys: Array<f64> = new Array<f64>();
  private readonly candidates: Map<f64, Candidate> = new Map<f64, Candidate>();
  private done: Val = null;
  private thrown: string | null = null;

  onRejected(error: string): void {
    if (this.thrown === null && error.length > 0) this.thrown = error;
  }

  onEvent(type: string, data: JsonValue): void {
    if (this.thrown !== null) return;
    if (type == 'gemini.data') this.chunk(data);
    else if (type == 'gemini.done') this.done = data;
  }

  private chunk(payload: JsonValue): void {
    const ci = get(payload, 'candidateIndex');
    let index: f64 = isNumber(ci) ? changetype<JsonValue>(ci).asNumber() : 0;
    if (index == 0) index = 0; // -0 and 0 are one Map key
    const part = get(payload, 'part');
    if (!isTruthy(part)) return;
    const r = get(payload, 'role');
    const role = isString(r) ? changetype<JsonValue>(r) : jsonString('model');
    if (!this.candidates.has(index)) {
      this.keys.push(index);
      this.candidates.set(index, new Candidate(role, jsonArray()));
    }
    const cand = this.candidates.get(index);
    const p = changetype<JsonValue>(part);
    const normalized = new Array<JsonValue>();
    const reasoning = isObjectType(p) ? get(p, 'reasoning') : null;
    if (isObjectType(p) && isString(reasoning) && str(reasoning).length > 0) {
      const channel = reasoningChannel(str(reasoning));
      if (channel !== null) {
        const o = jsonObject();
        o.set('reasoning', jsonString(channel));
        normalized.push(o);
      }
    } else normalized.push(p);
    for (let i = 0; i < normalized.length; i++) {
      const np = normalized[i];
      if (!isObjectType(np)) {
        this.thrown = inError('text', np);
        return;
      }
      const parts = cand.parts;
      const last: JsonValue | null = parts.length > 0 ? parts.items[parts.length - 1] : null;
      if (hasKey(np, 'text') && isString(get(np, 'text'))) {
        if (last !== null && isTruthy(last) && hasKey(last, 'text') && isString(get(last, 'text'))) {
          changetype<JsonObject>(last.asObject()).set('text', jsAdd(get(last, 'text'), get(np, 'text')));
        } else parts.push(np);
      } else if (hasKey(np, 'reasoning') && isString(get(np, 'reasoning'))) {
        if (last !== null && isTruthy(last) && hasKey(last, 'reasoning') && isString(get(last, 'reasoning'))) {
          changetype<JsonObject>(last.asObject()).set('reasoning', jsAdd(get(last, 'reasoning'), get(np, 'reasoning')));
        } else parts.push(np);
      } else parts.push(np);
    }
  }

  finish(): DecodeOutcome {
    const thrown = this.thrown;
    if (thrown !== null) return DecodeOutcome.failure(CODE, thrown);
    const done = this.done;
    if (!isTruthy(done)) return DecodeOutcome.failure(CODE, 'Gemini SSE stream missing done event');
    const meta = new Map<string, JsonValue>();
    const list = get(done, 'candidates');
    if (list !== null && list.isArray()) {
      const a = changetype<JsonArray>(list);
      for (let i = 0; i < a.length; i++) {
        const entry = a.items[i];
        const idx = get(entry, 'index');
        if (!isTruthy(entry) || !isNumber(idx)) continue;
        meta.set(numberToJsString(changetype<JsonValue>(idx).asNumber()), entry);
      }
    }
    const sorted = this.keys.slice(0);
    sorted.sort((a: f64, b: f64): i32 => (a < b ? -1 : a > b ? 1 : 0));
    const candidates = jsonArray();
    for (let i = 0; i < sorted.length; i++) {
      const c = this.candidates.get(sorted[i]);
      const content = jsonObject();
      content.set('role', c.role);
      content.set('parts', c.parts);
      const o = jsonObject();
      o.set('content', content);
      const key = numberToJsString(sorted[i]);
      const m: JsonValue | null = meta.has(key) ? meta.get(key) : null;
      setDefined(o, 'finishReason', m === null ? null : get(m, 'finishReason'));
      setDefined(o, 'safetyRatings', m === null ? null : get(m, 'safetyRatings'));
      candidates.push(o);
    }
    const out = jsonObject();
    out.set('candidates', candidates);
    setDefined(out, 'promptFeedback', get(done, 'promptFeedback'));
    setDefined(out, 'usageMetadata', get(done, 'usageMetadata'));
    setDefined(out, 'modelVersion', get(done, 'modelVersion'));
    return DecodeOutcome.success(out);
  }
}
