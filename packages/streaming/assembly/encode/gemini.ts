// Gemini JSON -> SSE as @jsonstudio/llms 0.6.3689 writes it (GeminiJsonToSseConverter with
// createGeminiSequencer): one gemini.data per part of every candidate (reasoning parts dispatched to the
// channel), then gemini.done with usage, model version and each candidate's finishReason.
import { JsonArray, JsonValue, jsonArray, jsonNumber, jsonObject, jsonString } from '@llms-wasm/module-kit/assembly';
import { isTruthy, jsTrim } from '@llms-wasm/module-kit/assembly';
import { setDefined } from '../js/ordered';
import { Val, get, isObjectType, isString, str, truthyOr } from '../js/values';
import { reasoningChannel } from '../decode/reasoning';
import { Frames } from './frames';

export function encodeGemini(response: JsonValue, f: Frames): string | null {
  if (!isTruthy(response) || !isObjectType(response)) return 'Invalid Gemini response payload';
  const list = get(response, 'candidates');
  const candidates: JsonArray = list !== null && list.isArray() ? changetype<JsonArray>(list) : jsonArray();
  for (let c = 0; c < candidates.length; c++) {
    const candidate = changetype<JsonValue>(truthyOr(candidates.items[c], jsonObject()));
    const content = get(candidate, 'content');
    const r = get(content, 'role');
    const role = isString(r) && jsTrim(str(r)).length > 0 ? changetype<JsonValue>(r) : jsonString('model');
    const partsVal = get(content, 'parts');
    if (partsVal === null || !partsVal.isArray()) continue;
    const all = changetype<JsonArray>(partsVal);
    const parts = new Array<JsonValue>();
    for (let i = 0; i < all.length; i++) if (isTruthy(all.items[i])) parts.push(all.items[i]);
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p];
      const normalized = new Array<JsonValue>();
      const reasoning: Val = isObjectType(part) ? get(part, 'reasoning') : null;
      if (isObjectType(part) && isString(reasoning) && str(reasoning).length > 0) {
        const channel = reasoningChannel(str(reasoning));
        if (channel !== null) {
          const o = jsonObject();
          o.set('reasoning', jsonString(channel));
          normalized.push(o);
        }
      } else normalized.push(part);
      for (let k = 0; k < normalized.length; k++) {
        const data = jsonObject();
        data.set('kind', jsonString('part'));
        data.set('candidateIndex', jsonNumber(c));
        data.set('partIndex', jsonNumber(p));
        data.set('role', role);
        data.set('part', normalized[k]);
        f.add('gemini.data', data);
      }
    }
  }
  const done = jsonObject();
  done.set('kind', jsonString('done'));
  setDefined(done, 'usageMetadata', get(response, 'usageMetadata'));
  setDefined(done, 'promptFeedback', get(response, 'promptFeedback'));
  setDefined(done, 'modelVersion', get(response, 'modelVersion'));
  const metas = jsonArray();
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates.items[c];
    const m = jsonObject();
    m.set('index', jsonNumber(c));
    setDefined(m, 'finishReason', get(candidate, 'finishReason'));
    setDefined(m, 'safetyRatings', get(candidate, 'safetyRatings'));
    metas.push(m);
  }
  done.set('candidates', metas);
  f.add('gemini.done', done);
  return null;
}
