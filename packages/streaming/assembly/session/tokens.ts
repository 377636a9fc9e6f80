// The tokens a canonical event carries and their digest (docs/sse-protocol.md, "Tokens"); the same
// rules as src/internal/tokens.ts, which the comparator uses.
import { ByteSink, JsonArray, JsonObject, JsonValue, fnv1a32, jsonString, numberToJsString, utf8EncodeInto } from '@llms-wasm/module-kit/assembly';

export const P_RESPONSES = 0;
export const P_CHAT = 1;
export const P_ANTHROPIC = 2;
export const P_GEMINI = 3;

function keyOf(v: JsonValue | null): string {
  if (v === null) return '';
  if (v.isString()) return changetype<string>(v.asString());
  if (v.isNumber()) return numberToJsString(v.asNumber());
  return '';
}

const HEX = '0123456789abcdef';

function objOf(v: JsonValue | null): JsonObject | null {
  return v === null ? null : v.asObject();
}
const scratch = new ByteSink(256);

/** Collects `stream=<fnv1a32>` entries. */
class DigestBuilder {
  text: string = '';
  count: i32 = 0;

  add(stream: string, value: JsonValue | null): void {
    if (value === null || !value.isString()) return;
    scratch.reset();
    utf8EncodeInto(changetype<string>(value.asString()), scratch);
    const h = fnv1a32(scratch.ptr, scratch.length);
    let hex = '';
    for (let i = 28; i >= 0; i -= 4) hex += HEX.charAt(<i32>((h >> <u32>i) & 15));
    this.text += (this.count > 0 ? ',' : '') + stream + '=' + hex;
    this.count++;
  }
}

function responsesDigest(type: string, p: JsonObject, d: DigestBuilder): void {
  const delta = p.get('delta');
  if (delta === null || !delta.isString()) return;
  const item = keyOf(p.get('item_id'));
  if (type == 'response.output_text.delta') d.add('text/' + item + '/' + keyOf(p.get('content_index')), delta);
  else if (type == 'response.function_call_arguments.delta') d.add('arguments/' + item, delta);
  else if (type == 'response.reasoning_text.delta') d.add('reasoning/' + item + '/' + keyOf(p.get('content_index')), delta);
  else if (type == 'response.reasoning_summary_text.delta') d.add('summary/' + item + '/' + keyOf(p.get('summary_index')), delta);
}

function chatDigest(p: JsonObject, d: DigestBuilder): void {
  const choices = p.get('choices');
  if (choices === null || !choices.isArray()) return;
  const list = changetype<JsonArray>(choices);
  for (let c = 0; c < list.length; c++) {
    const choice = list.items[c].asObject();
    if (choice === null) continue;
    const delta = choice.get('delta');
    const dobj = objOf(delta);
    if (dobj === null) continue;
    const i = keyOf(choice.get('index'));
    d.add('content/' + i, dobj.get('content'));
    d.add('reasoning/' + i, dobj.get('reasoning'));
    d.add('reasoning_content/' + i, dobj.get('reasoning_content'));
    const calls = dobj.get('tool_calls');
    if (calls === null || !calls.isArray()) continue;
    const cl = changetype<JsonArray>(calls);
    for (let k = 0; k < cl.length; k++) {
      const call = cl.items[k].asObject();
      if (call === null) continue;
      const fn = call.get('function');
      const fo = objOf(fn);
      if (fo === null) continue;
      d.add('arguments/' + i + '/' + keyOf(call.get('index')), fo.get('arguments'));
    }
  }
}

function anthropicDigest(type: string, p: JsonObject, d: DigestBuilder): void {
  if (type != 'content_block_delta') return;
  const delta = p.get('delta');
  const dobj = objOf(delta);
  if (dobj === null) return;
  const i = keyOf(p.get('index'));
  d.add('text/' + i, dobj.get('text'));
  d.add('thinking/' + i, dobj.get('thinking'));
  d.add('input/' + i, dobj.get('partial_json'));
}

function geminiDigest(type: string, p: JsonObject, d: DigestBuilder): void {
  if (type != 'gemini.data') return;
  const part = p.get('part');
  const po = objOf(part);
  if (po === null) return;
  d.add('text/' + keyOf(p.get('candidateIndex')), po.get('text'));
}

/** The digest of an event carrying one token run. */
export function digestOne(stream: string, text: string): string {
  const d = new DigestBuilder();
  d.add(stream, jsonString(text));
  return d.text;
}

/** A stream key part: strings as they are, numbers as JavaScript prints them, anything else empty. */
export function keyPart(v: JsonValue | null): string {
  return keyOf(v);
}

/** The token digest of one event, or null when it carries no tokens. */
export function tokenDigest(protocol: i32, type: string, payload: JsonValue): string | null {
  const p = payload.asObject();
  if (p === null) return null;
  const d = new DigestBuilder();
  if (protocol == P_RESPONSES) responsesDigest(type, p, d);
  else if (protocol == P_CHAT) {
    if (type == 'chat_chunk') chatDigest(p, d);
  } else if (protocol == P_ANTHROPIC) anthropicDigest(type, p, d);
  else geminiDigest(type, p, d);
  return d.count == 0 ? null : d.text;
}
