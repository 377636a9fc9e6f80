// The Responses decoder's entry points for the session's fast path (session/fast-deltas.ts): plain text
// and argument deltas, with the item already looked up by its Map key (`mapKey(item_id)`) and the delta
// given as the bytes of its JSON string. Each does what the decoder's general path does for the same
// event — contentPartDelta for `{ item_id, part_index, delta: { type: 'output_text', text } }`,
// functionCallDelta for `{ item_id, delta: { arguments } }` — without building those objects.
import { JsonObject, isTruthy } from '@llms-wasm/module-kit/assembly';
import { Val, asObj, get, isStr, jsToString, nullishOr, propertyKey } from '../js/values';
import { ResponsesDecoder } from './responses';

const SMALL_KEYS = new Array<string>();
for (let i = 0; i < 64; i++) SMALL_KEYS.push(i.toString());

/** propertyKey(v), without building the string for the small integers content indices are. */
function smallKey(v: Val): string {
  if (v !== null && v.isNumber()) {
    const x = v.asNumber();
    if (x >= 0 && x < 64 && x == Math.floor(x)) return unchecked(SMALL_KEYS[<i32>x]);
  }
  return propertyKey(v);
}

/** The text part a delta goes to, or null after failing the event as contentPartDelta does. */
function textPart(d: ResponsesDecoder, itemId: Val, key: string, contentIndex: Val): JsonObject | null {
  const st = d.items.get(key);
  if (st === null) {
    d.fail('Output item not found: ' + jsToString(itemId));
    return null;
  }
  const index = nullishOr(contentIndex, st.current);
  const part = st.parts.get(smallKey(index));
  if (!isTruthy(part)) {
    d.fail('Content part not found: ' + jsToString(index));
    return null;
  }
  const ptype = get(part, 'type');
  return isStr(ptype, 'input_text') || isStr(ptype, 'output_text') ? changetype<JsonObject>(asObj(part)) : null;
}

/** An empty text delta (nothing is appended; the lookups and their failures still happen). */
export function emptyTextDelta(d: ResponsesDecoder, itemId: Val, key: string, contentIndex: Val): void {
  d.pending.flush();
  d.begin();
  textPart(d, itemId, key, contentIndex);
}

/** A non-empty text delta (`escaped`: its JSON string has backslash escapes), appended to the part's pending text. */
export function textDeltaBytes(d: ResponsesDecoder, itemId: Val, key: string, contentIndex: Val, p: usize, len: i32, escaped: bool): void {
  d.begin();
  const part = textPart(d, itemId, key, contentIndex);
  if (part !== null) d.pending.appendText(part, p, len, escaped);
}

/** An argument delta, appended to the item's pending arguments. */
export function argumentsDeltaBytes(d: ResponsesDecoder, itemId: Val, key: string, p: usize, len: i32, escaped: bool): void {
  d.begin();
  const st = d.items.get(key);
  if (st === null) {
    d.fail('Output item not found: ' + jsToString(itemId));
    return;
  }
  d.pending.appendArguments(st, p, len, escaped);
}


