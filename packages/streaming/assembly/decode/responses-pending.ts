// The session fast path's pending deltas for the Responses decoder: the text part the last text deltas
// went to and its text so far, and the function-call item the last argument deltas went to and its
// arguments so far. Deltas to the same part or item are appended here (linear) instead of being
// concatenated into a new string each time (quadratic); the decoder writes them back (flush) before any
// other step, so everything reads what llms's `(x || '') + delta` would have built.
import { CharSink, JsonObject, isTruthy, jsonBool, jsonString, unescapeInto } from '@llms-wasm/module-kit/assembly';
import { jsToString } from '../js/values';
import { ItemState } from './responses-state';

function append(sink: CharSink, p: usize, len: i32, escaped: bool): void {
  if (escaped) unescapeInto(sink, p, len);
  else sink.writeUtf8(p, len);
}

export class PendingDeltas {
  private part: JsonObject | null = null;
  private item: ItemState | null = null;
  // Raw (not GC-managed) buffers, created on first use and released by dispose().
  private text: CharSink | null = null;
  private args: CharSink | null = null;

  private textSink(): CharSink {
    let t = this.text;
    if (t === null) this.text = t = new CharSink(64);
    return t;
  }

  private argsSink(): CharSink {
    let a = this.args;
    if (a === null) this.args = a = new CharSink(64);
    return a;
  }

  /** Writes the pending text into its part (`text`) and the pending arguments into their item. */
  flush(): void {
    const o = this.part;
    if (o !== null) {
      o.set('text', jsonString(this.textSink().toString()));
      this.part = null;
    }
    const st = this.item;
    if (st !== null) {
      st.arguments = jsonString(this.argsSink().toString());
      this.item = null;
    }
  }

  /** `part.text = (part.text || '') + delta; part._hasDelta = true` for a non-empty delta given as JSON string bytes. */
  appendText(part: JsonObject, p: usize, len: i32, escaped: bool): void {
    if (part !== this.part) {
      this.flush();
      // The keys take their places now (as the assignments would); the text is written back on flush.
      const text = part.get('text');
      const base = isTruthy(text) ? jsToString(text) : '';
      part.set('text', jsonString(base));
      part.set('_hasDelta', jsonBool(true));
      const sink = this.textSink();
      sink.reset();
      sink.writeString(base);
      this.part = part;
    }
    append(this.textSink(), p, len, escaped);
  }

  /** `st.arguments = (st.arguments || '') + delta` for a delta given as JSON string bytes. */
  appendArguments(st: ItemState, p: usize, len: i32, escaped: bool): void {
    if (st !== this.item) {
      this.flush();
      const args = st.arguments;
      const sink = this.argsSink();
      sink.reset();
      if (isTruthy(args)) sink.writeString(jsToString(args));
      this.item = st;
    }
    append(this.argsSink(), p, len, escaped);
  }

  /** Releases the buffers (the session is gone). */
  dispose(): void {
    const t = this.text;
    if (t !== null) t.dispose();
    const a = this.args;
    if (a !== null) a.dispose();
    this.text = null;
    this.args = null;
    this.part = null;
    this.item = null;
  }
}


