// Builder output of rcc-llmswitch-core 0.4.2's Responses builder (buildOutputItems): one item per state
// in insertion order (message parts by reference, function calls, reasoning split into string summary
// and object content), or the TypeError / Error llms throws.
import { JsonArray, JsonNull, JsonValue, jsonArray, jsonObject, jsonString } from '@llms-wasm/module-kit/assembly';
import { setDefined } from '../js/ordered';
import { isObjectType, isStr, jsToString, truthyOr } from '../js/values';
import { ItemTable } from './responses-state';

function s(v: string): JsonValue {
  return jsonString(v);
}

/** A pushed `undefined`: printed as null inside arrays, dropped by filter(typeof === 'object'). */
export const UNDEFINED_SLOT: JsonValue = new JsonNull();

export class Built {
  constructor(public items: JsonArray, public error: string | null) {}
}


export function buildOutput(items: ItemTable): Built {
  const out = jsonArray();
  for (let i = 0; i < items.order.length; i++) {
    const st = items.order[i];
    const t = st.type;
    if (isStr(t, 'message')) {
      const o = jsonObject();
      setDefined(o, 'id', st.id);
      o.set('type', s('message'));
      o.set('status', s('completed'));
      o.set('role', s('assistant'));
      o.set('content', st.parts.array);
      out.push(o);
    } else if (isStr(t, 'function_call')) {
      const o = jsonObject();
      setDefined(o, 'id', st.id);
      o.set('type', s('function_call'));
      o.set('status', s('completed'));
      o.set('call_id', changetype<JsonValue>(truthyOr(st.callId, s(''))));
      o.set('name', changetype<JsonValue>(truthyOr(st.name, s(''))));
      o.set('arguments', changetype<JsonValue>(truthyOr(st.arguments, s(''))));
      out.push(o);
    } else if (isStr(t, 'reasoning')) {
      const acc = st.accumulated.asArray();
      const summary = jsonArray();
      if (acc !== null) for (let k = 0; k < acc.length; k++) if (acc.items[k].isString()) summary.push(acc.items[k]);
      if (acc === null) return new Built(out, 'state.accumulatedContent.filter is not a function');
      const content = jsonArray();
      for (let k = 0; k < acc.length; k++) {
        const v = acc.items[k];
        if (v !== UNDEFINED_SLOT && isObjectType(v)) content.push(v);
      }
      const o = jsonObject();
      setDefined(o, 'id', st.id);
      o.set('type', s('reasoning'));
      o.set('summary', summary);
      o.set('content', content);
      out.push(o);
    } else {
      return new Built(out, 'Unknown output item type: ' + jsToString(t));
    }
  }
  return new Built(out, null);
}
