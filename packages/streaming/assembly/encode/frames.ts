// The frames an encoder writes, as llms's serializers write them: `event: <type>\ndata: <JSON>\n\n`.
import { ByteSink, JsonValue, stringifyInto, utf8Decode } from '@llms-wasm/module-kit/assembly';

const sink = new ByteSink(1024);

export class Frames {
  readonly list: Array<string> = new Array<string>();
  /** Set when the encoder would throw after writing `list` (llms destroys its stream with this message). */
  error: string | null = null;

  add(type: string, payload: JsonValue): void {
    sink.reset();
    sink.writeAscii('event: ');
    sink.writeString(type);
    sink.writeAscii('\ndata: ');
    stringifyInto(sink, payload);
    sink.writeAscii('\n\n');
    this.list.push(utf8Decode(sink.ptr, sink.length));
  }
}
