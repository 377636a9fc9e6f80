// The step llms 0.4.2's repair applies after a successful repaired parse: an own `command` array is
// joined with single spaces (`cmd.map(String).join(' ')`).
import { CharSink, JsonArray, JsonKind, JsonObject, JsonValue, jsonString } from '@llms-wasm/module-kit/assembly';
import { jsToString } from '../js/strings';

export function joinCommandArray(v: JsonValue): void {
  if (v.kind != JsonKind.Object) return;
  const o = changetype<JsonObject>(v);
  const cmd = o.get('command');
  if (cmd === null || cmd.kind != JsonKind.Array) return;
  const a = changetype<JsonArray>(cmd);
  const sink = new CharSink(64);
  for (let i = 0, n = a.items.length; i < n; i++) {
    if (i > 0) sink.writeUnit(0x20);
    sink.writeString(jsToString(unchecked(a.items[i])));
  }
  o.set('command', jsonString(sink.toString()));
  sink.dispose();
}
