// How rcc-llmswitch-core 0.4.2 writes Responses events (its StreamWriter and ResponsesEventSerializer):
// every event takes the next sequence number and a Date.now() timestamp; the types the serializer
// knows become `event:` + `data: {...data, type, sequence_number}` + `id: <timestamp>`; every other
// type (not `response.*`, or a `response.*` type the serializer throws on, such as output_text.delta)
// falls back to `event:` + `data: {type, ...data}` with no sequence number and no id line.
import { ByteSink, JsonObject, JsonValue, jsonNumber, jsonString, numberToJsString, stringifyInto, utf8Decode } from '@llms-wasm/module-kit/assembly';
import { Frames } from './frames';

const sink = new ByteSink(1024);

/** The event types ResponsesEventSerializer.serializeToWire handles. */
function serializable(type: string): bool {
  return (
    type == 'response.created' || type == 'response.in_progress' || type == 'response.reasoning_text.delta' || type == 'response.reasoning_text.done' ||
    type == 'response.content_part.added' || type == 'response.content_part.done' || type == 'response.output_item.added' || type == 'response.output_item.done' ||
    type == 'response.function_call_arguments.delta' || type == 'response.function_call_arguments.done' || type == 'response.required_action' ||
    type == 'response.completed' || type == 'response.done' || type == 'response.error' || type == 'response.cancelled'
  );
}

export class ResponsesWriter {
  private sequence: i32 = 0;

  constructor(readonly frames: Frames) {}

  /** TimeUtils.now() (Date.now()): the host's `env.seed` import, which module-kit's host implements as Date.now(). */
  private clock(): f64 {
    return Math.floor(seed());
  }

  /** One event of `type` with `data` (the generator's object, keys in its order). */
  event(type: string, data: JsonObject): void {
    const sequence = this.sequence++;
    const timestamp = this.clock();
    sink.reset();
    sink.writeAscii('event: ');
    sink.writeString(type);
    sink.writeAscii('\ndata: ');
    if (serializable(type)) {
      // buildEventPayload: { ...data }, then type and sequence_number unless data has them.
      const payload = new JsonObject();
      const keys = data.keys();
      for (let i = 0; i < keys.length; i++) payload.set(keys[i], changetype<JsonValue>(data.get(keys[i])));
      if (!payload.has('type')) payload.set('type', jsonString(type));
      if (!payload.has('sequence_number')) payload.set('sequence_number', jsonNumber(<f64>sequence));
      stringifyInto(sink, payload);
      sink.writeAscii('\nid: ');
      sink.writeAscii(numberToJsString(timestamp));
    } else {
      const payload = new JsonObject();
      payload.set('type', jsonString(type));
      const keys = data.keys();
      for (let i = 0; i < keys.length; i++) payload.set(keys[i], changetype<JsonValue>(data.get(keys[i])));
      stringifyInto(sink, payload);
    }
    sink.writeAscii('\n\n');
    this.frames.list.push(utf8Decode(sink.ptr, sink.length));
  }

  /** `response.done` with data `[DONE]` (written as is). */
  done(): void {
    this.sequence++;
    const timestamp = this.clock();
    this.frames.list.push('event: response.done\ndata: [DONE]\nid: ' + numberToJsString(timestamp) + '\n\n');
  }
}
